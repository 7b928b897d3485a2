using k8s;
using System.Text.Json.Nodes;
using Xunit.Abstractions;

namespace Liqo.Sandbox.Tests.Liqo;

/// <summary>A peering done only with plain Kubernetes objects (liqoctl's sequence) completes on the simulated Liqo, and unpeer's order removes it.</summary>
public sealed class PeeringTests(ITestOutputHelper output)
{
    [Fact]
    public async Task PlainObjectsPeerAndUnpeer()
    {
        await using var scope = await LiqoSandboxScope.StartAsync(output);
        var p = scope.Peering;
        await p.PeerAsync(new JsonObject { ["cpu"] = "2", ["pods"] = "10" });

        Assert.True(await PlainPeering.ConnectionIs(p.Consumer, p.ConsumerTenantNs, p.P, "Connected"));
        Assert.True(await PlainPeering.ConnectionIs(p.Provider, p.ProviderTenantNs, p.C, "Connected"));
        var slice = await p.Consumer.GetAsync(Cr.ResourceSlice, p.ConsumerTenantNs, p.P);
        Assert.Equal("Accepted", ClusterClient.Condition(slice, "Resources"));
        Assert.Equal("2", ClusterClient.Str(slice, "status", "resources", "cpu"));
        Assert.Equal("8Gi", ClusterClient.Str(slice, "status", "resources", "memory"));
        Assert.Equal("10", ClusterClient.Str(slice, "status", "resources", "pods"));
        Assert.Equal("20Gi", ClusterClient.Str(slice, "status", "resources", "ephemeral-storage"));
        Assert.NotNull(await p.Consumer.GetAsync(Cr.VirtualNode, p.ConsumerTenantNs, p.P));
        await p.WaitAsync(async () => ClusterClient.Str(await p.Consumer.GetAsync(Cr.ForeignCluster, null, p.P), "status", "role") == "Provider", "consumer FC role");
        await p.WaitAsync(async () => ClusterClient.Str(await p.Provider.GetAsync(Cr.ForeignCluster, null, p.C), "status", "role") == "Consumer", "provider FC role");

        await p.UnpeerAsync();
        await p.WaitAsync(async () => !(await p.Consumer.K.CoreV1.ListNodeAsync(labelSelector: "liqo.io/type=virtual-node")).Items.Any(), "virtual node gone");
        await p.WaitAsync(async () => (await p.Provider.ListAsync(Cr.ResourceSlice, p.ProviderTenantNs)).Count == 0, "replica gone");
        await p.WaitAsync(async () => (await p.Consumer.ListAsync(Cr.Connection, p.ConsumerTenantNs)).Count == 0, "connection gone");
        await p.WaitAsync(async () => ClusterClient.Str(await p.Consumer.GetAsync(Cr.ForeignCluster, null, p.P), "status", "role") == "Unknown", "consumer FC Unknown");
        await p.WaitAsync(async () => ClusterClient.Str(await p.Provider.GetAsync(Cr.ForeignCluster, null, p.C), "status", "role") == "Unknown", "provider FC Unknown");
    }
}
