using k8s;

namespace Liqo.Sandbox.Tests.ApiServer;

/// <summary>One sandbox cluster per test class, in its own temporary directory; tests use their own namespaces.</summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    private int _counter;

    public SandboxCluster Cluster { get; private set; } = null!;
    public Kubernetes Client { get; private set; } = null!;
    public HttpClient Raw { get; private set; } = null!;
    public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("sbx-test-").FullName;

    public async Task InitializeAsync()
    {
        Cluster = await SandboxCluster.StartAsync(new SandboxClusterOptions { Name = "test", Directory = Directory });
        Client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(Cluster.KubeconfigPath));
        Raw = TestHttp.Create(Cluster, Cluster.IssueClientCertificate("raw-admin", ["system:masters"]));
    }

    /// <summary>A fresh namespace name for one test (created when <paramref name="create"/>).</summary>
    public async Task<string> NamespaceAsync(string prefix = "t", bool create = true)
    {
        var name = $"{prefix}-{Interlocked.Increment(ref _counter)}";
        if (create)
            await Client.CoreV1.CreateNamespaceAsync(new k8s.Models.V1Namespace { Metadata = new k8s.Models.V1ObjectMeta { Name = name } });
        return name;
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        Raw.Dispose();
        await Cluster.DisposeAsync();
        try
        {
            System.IO.Directory.Delete(Directory, true);
        }
        catch (IOException)
        {
        }
    }
}
