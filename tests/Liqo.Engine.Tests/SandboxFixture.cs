using System.Text.Json.Nodes;
using Liqo.Engine.ClusterAccess;
using Liqo.Engine.Resources;
using Liqo.Sandbox;

namespace Liqo.Engine.Tests;

/// <summary>Two bare sandbox clusters (alpha, beta) for the engine's tests, started once per test class.</summary>
public sealed class SandboxFixture : IAsyncLifetime
{
    public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("liqo-engine-tests-").FullName;

    public SandboxCluster Alpha { get; private set; } = null!;

    public SandboxCluster Beta { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Alpha = await SandboxCluster.StartAsync(new SandboxClusterOptions { Name = "alpha", Directory = Directory });
        Beta = await SandboxCluster.StartAsync(new SandboxClusterOptions { Name = "beta", Directory = Directory });
    }

    public async Task DisposeAsync()
    {
        if (Alpha is not null) await Alpha.DisposeAsync();
        if (Beta is not null) await Beta.DisposeAsync();
        try { System.IO.Directory.Delete(Directory, recursive: true); } catch (IOException) { }
    }

    /// <summary>A connection as the admin of <paramref name="cluster"/>.</summary>
    public static ClusterConnection Connect(SandboxCluster cluster, string liqoNamespace = "liqo") =>
        ClusterConnection.Open(new KubeconfigSource(cluster.KubeconfigPath, null, null, liqoNamespace));

    /// <summary>Creates a namespace and Liqo's cluster-ID ConfigMap in it, through the engine's own REST access.</summary>
    public static async Task InstallClusterIdAsync(ClusterConnection c, string ns, string id, string name = "liqo-clusterid-configmap")
    {
        if (await c.Api.GetAsync(Kinds.Namespace, null, ns, default) is null)
            await c.Api.CreateAsync(Kinds.Namespace, null, Json.Object(Kinds.Namespace, ns, null), default);
        var cm = Json.Object(Kinds.ConfigMap, name, ns, new Dictionary<string, string> { ["app.kubernetes.io/name"] = "clusterid-configmap" });
        cm["data"] = new JsonObject { ["CLUSTER_ID"] = id };
        await c.Api.CreateAsync(Kinds.ConfigMap, ns, cm, default);
    }
}
