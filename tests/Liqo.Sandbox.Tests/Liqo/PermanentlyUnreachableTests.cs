using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Liqo.Sandbox.Liqo.Runtime;
using Xunit.Abstractions;

namespace Liqo.Sandbox.Tests.Liqo;

/// <summary>
/// liqoctl force unpeer's backend (Liqo v1.1+): once the consumer's ForeignCluster carries
/// liqo.io/foreign-cluster-permanently-unreachable and the provider's API server does not answer, deleting the tenant
/// namespace completes without the provider; without the annotation it stays stuck on the replicator's finalizer, and a
/// provider that still answers is cleaned up as usual.
/// </summary>
public sealed class PermanentlyUnreachableTests(ITestOutputHelper output)
{
    private const string Annotation = "liqo.io/foreign-cluster-permanently-unreachable";

    private static Task DeclareDeadAsync(PlainPeering p) =>
        p.Consumer.K.CustomObjects.PatchClusterCustomObjectAsync(
            new V1Patch(new JsonObject { ["metadata"] = new JsonObject { ["annotations"] = new JsonObject { [Annotation] = "true" } } }.ToJsonString(),
                V1Patch.PatchType.MergePatch),
            Cr.ForeignCluster.Group, Cr.ForeignCluster.Version, Cr.ForeignCluster.Plural, p.P);

    private static async Task<string?> ApiServerStatus(PlainPeering p) =>
        ClusterClient.Condition(await p.Consumer.GetAsync(Cr.ForeignCluster, null, p.P), "APIServerStatus");

    /// <summary>Waits for a line of the controllers' log (a log line is no store change, so it is polled).</summary>
    private static async Task WaitForLogAsync(global::Liqo.Sandbox.Liqo.LiqoCluster cluster, string text)
    {
        var deadline = DateTime.UtcNow + PlainPeering.Timeout;
        while (!cluster.ControllerLog.Any(l => l.Contains(text, StringComparison.Ordinal)))
        {
            Assert.True(DateTime.UtcNow < deadline, $"no log line with \"{text}\" within {PlainPeering.Timeout.TotalSeconds}s");
            await Task.Delay(50);
        }
    }

    private static async Task<bool> NamespaceGone(ClusterClient c, string ns) =>
        !(await c.K.CoreV1.ListNamespaceAsync(fieldSelector: "metadata.name=" + ns)).Items.Any();

    [Fact]
    public async Task TheTenantNamespaceOfADeadProviderIsDeletedWithoutIt()
    {
        await using var scope = await LiqoSandboxScope.StartAsync(output);
        var p = scope.Peering;
        await p.PeerAsync();
        await p.WaitAsync(async () => await ApiServerStatus(p) == "Established", "the consumer's APIServerStatus Established");

        scope.Provider.Cluster.Faults.SetUnreachable(true);
        await p.WaitAsync(async () => await ApiServerStatus(p) == "Error", "the consumer's APIServerStatus Error");

        // Not declared dead: the replicator cannot delete the replica on the provider, so the slice stays on its
        // finalizer and holds the namespace in Terminating; the virtual node goes all the same (nothing to evict).
        await p.Consumer.DeleteAsync(Cr.ResourceSlice, p.ConsumerTenantNs, p.P);
        await WaitForLogAsync(scope.Consumer, $"crd-replicator: [{p.P}] {p.ConsumerTenantNs}/{p.P}: Delete ");
        await p.Consumer.K.CoreV1.DeleteNamespaceAsync(p.ConsumerTenantNs);
        await p.WaitAsync(async () => !await p.NodeReady(p.P) && (await p.Consumer.ListAsync(Cr.VirtualNode, p.ConsumerTenantNs)).Count == 0
            && (await p.Consumer.K.CoreV1.ListNamespacedSecretAsync(p.ConsumerTenantNs, labelSelector: "liqo.io/identity-type")).Items.Count == 0,
            "the virtual node, its Node and the kubeconfig Secrets gone");
        var slice = await p.Consumer.GetAsync(Cr.ResourceSlice, p.ConsumerTenantNs, p.P);
        Assert.NotNull(ClusterClient.Str(slice, "metadata", "deletionTimestamp"));
        Assert.Contains("crdreplicator.liqo.io/resource", (ClusterClient.At(slice, "metadata", "finalizers") as JsonArray)!.Select(f => f!.GetValue<string>()));
        Assert.Equal("Terminating", (await p.Consumer.K.CoreV1.ReadNamespaceAsync(p.ConsumerTenantNs)).Status.Phase);

        // Declared dead: the replicator releases the slice locally and the namespace goes.
        await DeclareDeadAsync(p);
        await p.WaitAsync(() => NamespaceGone(p.Consumer, p.ConsumerTenantNs), "the consumer's tenant namespace gone");
        Assert.Contains(scope.Consumer.ControllerLog, l => l.Contains($"[{p.P}] Remote cluster is marked as dead, skipping deletion of resourceslices with name {p.P}",
            StringComparison.Ordinal));
        Assert.Empty((await p.Consumer.K.CoreV1.ListNodeAsync(labelSelector: "liqo.io/type=virtual-node")).Items);
        var fc = await p.Consumer.GetAsync(Cr.ForeignCluster, null, p.P);
        Assert.Equal("true", ClusterClient.Str(fc, "metadata", "annotations", Annotation));
        await p.WaitAsync(async () => ClusterClient.Str(await p.Consumer.GetAsync(Cr.ForeignCluster, null, p.P), "status", "role") == "Unknown",
            "the consumer's ForeignCluster without role");

        // The provider was never asked: its side of the peering is all there once it answers again, as with a real Liqo.
        scope.Provider.Cluster.Faults.SetUnreachable(false);
        Assert.NotNull(await p.Provider.GetAsync(Cr.ResourceSlice, p.ProviderTenantNs, p.P));
        Assert.NotNull(await p.Provider.GetAsync(Cr.Tenant, p.ProviderTenantNs, p.C));
        Assert.NotNull(await p.Provider.GetAsync(Cr.GatewayServer, p.ProviderTenantNs, p.C));
    }

    [Fact]
    public async Task AnAnnotatedProviderThatStillAnswersLosesItsReplicaAsUsual()
    {
        await using var scope = await LiqoSandboxScope.StartAsync(output);
        var p = scope.Peering;
        await p.PeerAsync();
        await p.WaitAsync(async () => await ApiServerStatus(p) == "Established", "the consumer's APIServerStatus Established");
        Assert.NotNull(await p.Provider.GetAsync(Cr.ResourceSlice, p.ProviderTenantNs, p.P));

        // IsDead needs the API server to be down too: the replicator still deletes the replica before releasing the slice.
        await DeclareDeadAsync(p);
        await p.Consumer.DeleteAsync(Cr.ResourceSlice, p.ConsumerTenantNs, p.P);
        await p.WaitAsync(async () => await p.Consumer.GetAsync(Cr.ResourceSlice, p.ConsumerTenantNs, p.P) is null, "the slice gone");
        Assert.Null(await p.Provider.GetAsync(Cr.ResourceSlice, p.ProviderTenantNs, p.P));
        Assert.DoesNotContain(scope.Consumer.ControllerLog, l => l.Contains("Remote cluster is marked as dead", StringComparison.Ordinal));
    }

    [Fact]
    public void IsDeadNeedsTheAnnotationAndAnAPIServerThatIsNotEstablished()
    {
        static JsonObject Fc(string? annotation, string? apiServer)
        {
            var fc = new JsonObject { ["metadata"] = new JsonObject { ["name"] = "p" } };
            if (annotation is not null) fc["metadata"]!["annotations"] = new JsonObject { [Annotation] = annotation };
            if (apiServer is not null)
                fc["status"] = new JsonObject
                {
                    ["conditions"] = new JsonArray(new JsonObject { ["type"] = "APIServerStatus", ["status"] = apiServer, ["message"] = "The foreign cluster API Server is not ready" }),
                };
            return fc;
        }

        Assert.False(ForeignClusterLiveness.IsDead(Fc(null, "Error"), out _));
        Assert.False(ForeignClusterLiveness.IsDead(Fc("false", null), out _));
        Assert.False(ForeignClusterLiveness.IsDead(Fc("true", "Established"), out var alive));
        Assert.Equal("", alive);
        Assert.True(ForeignClusterLiveness.IsDead(Fc("true", null), out var noCondition));
        Assert.Equal("The foreign cluster has been marked as permanently unreachable", noCondition);
        Assert.True(ForeignClusterLiveness.IsDead(Fc("true", "Error"), out var error));
        Assert.Equal("The foreign cluster API Server is not ready", error);
        Assert.True(ForeignClusterLiveness.IsDead(null, out var nil));
        Assert.Equal("ForeignCluster is nil", nil);
    }
}
