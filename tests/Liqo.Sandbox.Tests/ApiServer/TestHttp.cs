using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;

namespace Liqo.Sandbox.Tests.ApiServer;

/// <summary>Raw HTTP access to a sandbox cluster (to check exact status codes, headers and bodies).</summary>
public static class TestHttp
{
    public static HttpClient Create(SandboxCluster cluster, IssuedCertificate? identity = null, string? token = null, Version? version = null)
    {
        var ca = X509Certificate2.CreateFromPem(cluster.CaCertificatePem);
        var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, cert, _, _) =>
            {
                if (cert is null) return false;
                using var chain = new X509Chain();
                chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                chain.ChainPolicy.CustomTrustStore.Add(ca);
                chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                return chain.Build(cert);
            },
        };
        if (identity is not null)
        {
            var withKey = identity.ToX509();
            handler.ClientCertificates.Add(X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null));
            handler.ClientCertificateOptions = ClientCertificateOption.Manual;
        }
        var client = new HttpClient(handler) { BaseAddress = cluster.Server, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestVersion = version ?? HttpVersion.Version11;
        client.DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact;
        if (token is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public static async Task<(HttpStatusCode Code, JsonNode? Body, HttpResponseMessage Response)> SendJsonAsync(this HttpClient http, HttpMethod method,
        string path, string? body = null, string contentType = "application/json", string? accept = null)
    {
        using var req = new HttpRequestMessage(method, path) { Version = http.DefaultRequestVersion, VersionPolicy = http.DefaultVersionPolicy };
        if (body is not null)
        {
            req.Content = new StringContent(body, Encoding.UTF8);
            req.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }
        if (accept is not null) req.Headers.TryAddWithoutValidation("Accept", accept);
        var res = await http.SendAsync(req);
        var text = await res.Content.ReadAsStringAsync();
        JsonNode? node = null;
        if (text.Length > 0)
            try
            {
                node = JsonNode.Parse(text);
            }
            catch (System.Text.Json.JsonException)
            {
                node = JsonValue.Create(text);
            }
        return (res.StatusCode, node, res);
    }

    public static Task<(HttpStatusCode Code, JsonNode? Body, HttpResponseMessage Response)> GetJsonAsync(this HttpClient http, string path, string? accept = null) =>
        http.SendJsonAsync(HttpMethod.Get, path, accept: accept);

    public static Task<(HttpStatusCode Code, JsonNode? Body, HttpResponseMessage Response)> PostJsonAsync(this HttpClient http, string path, string body) =>
        http.SendJsonAsync(HttpMethod.Post, path, body);

    /// <summary>Polls until <paramref name="condition"/> holds (fails after <paramref name="timeout"/>).</summary>
    public static async Task EventuallyAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (DateTime.UtcNow < deadline)
        {
            if (await condition()) return;
            await Task.Delay(25);
        }
        Assert.Fail("timed out waiting for " + what);
    }
}
