using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using Liqo.Sandbox.ApiServer.Http;
using Liqo.Sandbox.Liqo.Crypto;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.Tls;
using Org.BouncyCastle.Tls.Crypto.Impl.BC;

namespace Liqo.Sandbox.Liqo.Remote;

/// <summary>
/// A JSON REST client for a remote cluster built from a kubeconfig (the current context's server, CA, client
/// certificate and key or token), speaking HTTP/1.1 over a real TLS connection. The CRD replicator's way to the provider.
/// </summary>
internal sealed class RemoteApiClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly X509Certificate2 _ca;

    private RemoteApiClient(Uri server, X509Certificate2 ca, string? token, Org.BouncyCastle.X509.X509Certificate? cert,
        AsymmetricKeyParameter? key, string? ns, string? proxyUrl)
    {
        Server = server;
        Namespace = ns;
        ProxyUrl = proxyUrl;
        _ca = ca;
        var crypto = new BcTlsCrypto(new SecureRandom());
        var host = server.Host;
        var handler = new SocketsHttpHandler
        {
            // One TLS connection per request (Connection: close): a connection is never reused, so no idle one waits in a read.
            PooledConnectionLifetime = TimeSpan.Zero,
            ConnectCallback = async (ctx, ct) =>
            {
                var tcp = new TcpClient { NoDelay = true };
                try
                {
                    await tcp.ConnectAsync(ctx.DnsEndPoint.Host, ctx.DnsEndPoint.Port, ct).ConfigureAwait(false);
                    return await AsyncTlsStream.ConnectAsync(tcp, new BouncyTlsClient(crypto, _ca, host, cert, key), ct).ConfigureAwait(false);
                }
                catch
                {
                    tcp.Dispose();
                    throw;
                }
            },
        };
        _http = new HttpClient(handler) { BaseAddress = new UriBuilder(server) { Scheme = "http" }.Uri, Timeout = Timeout.InfiniteTimeSpan };
        if (token is not null) _http.DefaultRequestHeaders.Authorization = new("Bearer", token);
        _http.DefaultRequestHeaders.UserAgent.ParseAdd("liqo-crd-replicator/v1.2.0");
    }

    public Uri Server { get; }
    /// <summary>The current context's namespace, if any.</summary>
    public string? Namespace { get; }
    /// <summary>clusters[].cluster.proxy-url, if any.</summary>
    public string? ProxyUrl { get; }

    /// <summary>Builds a client from kubeconfig YAML; throws <see cref="FormatException"/> with a reason when it is unusable.</summary>
    public static RemoteApiClient FromKubeconfig(string yaml)
    {
        if (YamlToJson.Convert(yaml) is not JsonObject config) throw new FormatException("the kubeconfig is not a YAML mapping");
        var current = Str(config, "current-context") ?? throw new FormatException("no current-context");
        var context = Entry(config, "contexts", current, "context") ?? throw new FormatException($"context \"{current}\" not found");
        var cluster = Entry(config, "clusters", Str(context, "cluster") ?? "", "cluster") ?? throw new FormatException("cluster not found");
        var user = Entry(config, "users", Str(context, "user") ?? "", "user") ?? new JsonObject();
        var server = Str(cluster, "server") is { } s && Uri.TryCreate(s, UriKind.Absolute, out var u) && u.Scheme == "https"
            ? u : throw new FormatException("no https server");
        var caPem = Base64Text(Str(cluster, "certificate-authority-data")) ?? throw new FormatException("no certificate-authority-data");
        var ca = X509Certificate2.CreateFromPem(caPem);
        Org.BouncyCastle.X509.X509Certificate? cert = null;
        AsymmetricKeyParameter? key = null;
        if (Base64Text(Str(user, "client-certificate-data")) is { } certPem && Base64Text(Str(user, "client-key-data")) is { } keyPem)
        {
            var certBlock = Pem.Decode(certPem) ?? throw new FormatException("client-certificate-data is not PEM");
            cert = new Org.BouncyCastle.X509.X509CertificateParser().ReadCertificate(certBlock.Der);
            var keyBlock = Pem.Decode(keyPem) ?? throw new FormatException("client-key-data is not PEM");
            key = PrivateKeyFactory.CreateKey(keyBlock.Der);
            if (!KeyMatches(cert.GetPublicKey(), key)) throw new FormatException("tls: private key does not match public key");
        }
        return new RemoteApiClient(server, ca, Str(user, "token"), cert, key, Str(context, "namespace"), Str(cluster, "proxy-url"));
    }

    /// <summary>Whether the private key belongs to the certificate's public key (client-go refuses a mismatched pair).</summary>
    private static bool KeyMatches(AsymmetricKeyParameter publicKey, AsymmetricKeyParameter privateKey) => (publicKey, privateKey) switch
    {
        (Org.BouncyCastle.Crypto.Parameters.Ed25519PublicKeyParameters pub, Org.BouncyCastle.Crypto.Parameters.Ed25519PrivateKeyParameters priv) =>
            pub.GetEncoded().AsSpan().SequenceEqual(priv.GeneratePublicKey().GetEncoded()),
        (Org.BouncyCastle.Crypto.Parameters.RsaKeyParameters pub, Org.BouncyCastle.Crypto.Parameters.RsaPrivateCrtKeyParameters priv) =>
            pub.Modulus.Equals(priv.Modulus) && pub.Exponent.Equals(priv.PublicExponent),
        (Org.BouncyCastle.Crypto.Parameters.ECPublicKeyParameters pub, Org.BouncyCastle.Crypto.Parameters.ECPrivateKeyParameters priv) =>
            pub.Q.Equals(priv.Parameters.G.Multiply(priv.D).Normalize()),
        _ => false,
    };

    private static string? Str(JsonObject? o, string name) => o?[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static JsonObject? Entry(JsonObject config, string list, string name, string field) =>
        (config[list] as JsonArray)?.OfType<JsonObject>().FirstOrDefault(e => Str(e, "name") == name)?[field] as JsonObject;

    private static string? Base64Text(string? b64)
    {
        if (b64 is null) return null;
        try
        {
            return Encoding.ASCII.GetString(Convert.FromBase64String(b64));
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>GET; null on 404.</summary>
    public async Task<JsonObject?> GetAsync(string path, CancellationToken ct)
    {
        var (code, body) = await SendAsync(HttpMethod.Get, path, null, ct).ConfigureAwait(false);
        if (code == 404) return null;
        if (code >= 300) throw RemoteApiException.FromStatus(code, body);
        return body;
    }

    /// <summary>How long one request may take (client-go's default is none; a stuck request must not stall a controller forever).</summary>
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Any verb; throws <see cref="RemoteApiException"/> for transport failures, returns the status code and body otherwise.</summary>
    public async Task<(int Code, JsonObject? Body)> SendAsync(HttpMethod method, string path, JsonNode? body, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Accept.ParseAdd("application/json");
        request.Headers.ConnectionClose = true;
        if (body is not null) request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(RequestTimeout);
        try
        {
            using var response = await _http.SendAsync(request, timeout.Token).ConfigureAwait(false);
            var text = await response.Content.ReadAsStringAsync(timeout.Token).ConfigureAwait(false);
            JsonObject? parsed = null;
            try
            {
                parsed = text.Length > 0 ? JsonNode.Parse(text) as JsonObject : null;
            }
            catch (System.Text.Json.JsonException)
            {
            }
            return ((int)response.StatusCode, parsed);
        }
        catch (Exception e) when (e is HttpRequestException or IOException or TlsException or SocketException
            || (e is OperationCanceledException && !ct.IsCancellationRequested))
        {
            var reason = e is OperationCanceledException ? "context deadline exceeded" : e.Message;
            throw new RemoteApiException(0, "", $"{Verb(method)} \"{Server}{path.TrimStart('/')}\": {reason}", e);
        }
    }

    private static string Verb(HttpMethod m) => m.Method[..1] + m.Method[1..].ToLowerInvariant();

    /// <summary>Writes; throws <see cref="RemoteApiException"/> unless the answer is 2xx.</summary>
    public async Task<JsonObject?> WriteAsync(HttpMethod method, string path, JsonNode? body, CancellationToken ct)
    {
        var (code, result) = await SendAsync(method, path, body, ct).ConfigureAwait(false);
        if (code is < 200 or >= 300) throw RemoteApiException.FromStatus(code, result);
        return result;
    }

    /// <summary>A watch: the events (type, object) until the server ends the stream or <paramref name="ct"/> is cancelled.</summary>
    public async IAsyncEnumerable<(string Type, JsonObject Object)> WatchAsync(string path, [EnumeratorCancellation] CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.ParseAdd("application/json");
        request.Headers.ConnectionClose = true;
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException or IOException or TlsException or SocketException)
        {
            throw new RemoteApiException(0, "", $"Get \"{Server}{path.TrimStart('/')}\": {e.Message}", e);
        }
        using (response)
        {
            if (response.StatusCode != HttpStatusCode.OK)
            {
                var text = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
                throw RemoteApiException.FromStatus((int)response.StatusCode, text.Length > 0 ? JsonNode.Parse(text) as JsonObject : null);
            }
            using var stream = await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false);
            using var reader = new StreamReader(stream, Encoding.UTF8);
            while (true)
            {
                string? line;
                try
                {
                    line = await reader.ReadLineAsync(ct).ConfigureAwait(false);
                }
                catch (Exception e) when (e is IOException or HttpRequestException or TlsException)
                {
                    yield break;
                }
                if (line is null) yield break;
                if (line.Length == 0) continue;
                if (JsonNode.Parse(line) is JsonObject ev && ev["type"]?.GetValue<string>() is { } type && ev["object"] is JsonObject obj)
                    yield return (type, obj);
            }
        }
    }

    public void Dispose()
    {
        _http.Dispose();
        _ca.Dispose();
    }
}
