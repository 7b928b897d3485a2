using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using k8s;
using Liqo.Sandbox;

namespace Liqo.Benchmarks.Sandbox;

/// <summary>
/// One in-process sandbox cluster and the clients that measure it: KubernetesClient from the admin kubeconfig, and raw
/// HttpClients (HTTP/1.1, one connection each, client certificate in system:masters). Everything goes to 127.0.0.1.
/// </summary>
internal sealed class SandboxTarget : IAsyncDisposable
{
    private readonly X509Certificate2 _ca;
    private readonly X509Certificate2 _identity;
    private readonly KubernetesClientConfiguration _config;

    private SandboxTarget(SandboxCluster cluster)
    {
        Cluster = cluster;
        LoopbackOnly.Check(cluster.Server);
        _ca = X509Certificate2.CreateFromPem(cluster.CaCertificatePem);
        using var issued = cluster.IssueClientCertificate("bench-raw", ["system:masters"]).ToX509();
        _identity = X509CertificateLoader.LoadPkcs12(issued.Export(X509ContentType.Pkcs12), null);
        _config = KubernetesClientConfiguration.BuildConfigFromConfigFile(cluster.KubeconfigPath);
        LoopbackOnly.Check(new Uri(_config.Host));
    }

    public SandboxCluster Cluster { get; }

    public static async Task<SandboxTarget> StartAsync(string directory, CancellationToken ct)
    {
        var cluster = await SandboxCluster.StartAsync(new SandboxClusterOptions { Name = "bench", Directory = directory }, ct);
        return new SandboxTarget(cluster);
    }

    /// <summary>A KubernetesClient with its own HttpClient (its own connections), from the admin kubeconfig.</summary>
    public Kubernetes NewKubernetesClient() => new(_config);

    /// <summary>
    /// A raw HttpClient: HTTP/1.1 exactly, no proxy, the admin-equivalent client certificate, the cluster CA as the only trust.
    /// <paramref name="receiveBufferBytes"/> fixes SO_RCVBUF before connecting (no autotuning), for watchers that never read.
    /// </summary>
    public HttpClient NewHttpClient(int? receiveBufferBytes = null)
    {
        var handler = new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            UseCookies = false,
            MaxConnectionsPerServer = int.MaxValue,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            // A watch disposed mid-stream closes its connection at once instead of draining it.
            MaxResponseDrainSize = 0,
            SslOptions = new SslClientAuthenticationOptions
            {
                ClientCertificates = new X509CertificateCollection { _identity },
                LocalCertificateSelectionCallback = (_, _, _, _, _) => _identity,
                RemoteCertificateValidationCallback = (_, cert, _, _) => ValidatesServer(cert),
            },
            ConnectCallback = async (context, token) =>
            {
                var ip = LoopbackOnly.Check(context.DnsEndPoint.Host);
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    if (receiveBufferBytes is { } size) socket.ReceiveBufferSize = size;
                    await socket.ConnectAsync(new IPEndPoint(ip, context.DnsEndPoint.Port), token);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        return new HttpClient(handler)
        {
            BaseAddress = Cluster.Server,
            Timeout = Timeout.InfiniteTimeSpan,
            DefaultRequestVersion = HttpVersion.Version11,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
    }

    private bool ValidatesServer(X509Certificate? cert)
    {
        if (cert is null) return false;
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(_ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(cert as X509Certificate2 ?? X509CertificateLoader.LoadCertificate(cert.GetRawCertData()));
    }

    /// <summary>Watches open on the server (HTTP and in-process, including the controllers' own subscription).</summary>
    public int OpenWatches => Cluster.Store.WatchBacklogs().Count;

    /// <summary>Waits until the server holds at least <paramref name="count"/> open watches.</summary>
    public async Task WaitForOpenWatchesAsync(int count, TimeSpan timeout, CancellationToken ct)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (OpenWatches < count)
        {
            if (clock.Elapsed > timeout) throw new TimeoutException($"only {OpenWatches} of {count} watches open after {timeout.TotalSeconds:F0} s");
            await Task.Delay(10, ct);
        }
    }

    /// <summary>
    /// Waits until the server holds at most <paramref name="count"/> open watches: the server notices a closed watch
    /// connection only a little later, and a case must not start with the previous case's watches still registered.
    /// </summary>
    public async Task WaitForWatchesClosedAsync(int count, CancellationToken ct)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (OpenWatches > count && clock.Elapsed < TimeSpan.FromSeconds(15)) await Task.Delay(20, ct);
        if (OpenWatches > count) throw new TimeoutException($"{OpenWatches - count} watches of the previous case are still open on the server");
    }

    /// <summary>Creates a namespace in-process (set-up is not measured).</summary>
    public void CreateNamespace(string name)
    {
        var type = Cluster.Store.Types.Get("v1", "Namespace");
        Cluster.Store.Create(type, null, new JsonObject { ["metadata"] = new JsonObject { ["name"] = name } });
    }

    /// <summary>
    /// Adds ConfigMaps in-process until the namespace holds <paramref name="total"/> of them (the namespace seeder's
    /// kube-root-ca.crt counts); set-up is not measured.
    /// </summary>
    public void FillConfigMaps(string ns, string prefix, int total, int payloadBytes)
    {
        var type = Cluster.Store.Types.Get("v1", "ConfigMap");
        var existing = Cluster.Store.List(type, ns).Items.Count;
        for (var i = existing; i < total; i++)
            Cluster.Store.Create(type, ns, ConfigMaps.Node($"{prefix}-{i:D5}", prefix, payloadBytes));
    }

    /// <summary>How many ConfigMaps the store holds, in every namespace.</summary>
    public int StoredConfigMaps => Cluster.Store.List(Cluster.Store.Types.Get("v1", "ConfigMap"), null).Items.Count;

    /// <summary>How many ConfigMaps of a namespace have a name starting with <paramref name="prefix"/>.</summary>
    public int CountConfigMaps(string ns, string prefix) =>
        Cluster.Store.List(Cluster.Store.Types.Get("v1", "ConfigMap"), ns).Items
            .Count(o => o["metadata"]?["name"]?.GetValue<string>().StartsWith(prefix, StringComparison.Ordinal) == true);

    public async ValueTask DisposeAsync()
    {
        await Cluster.DisposeAsync();
        _identity.Dispose();
        _ca.Dispose();
    }
}
