using Liqo.Engine.ClusterAccess;
using Liqo.Engine.Offloading;
using Liqo.Engine.Peering;
using Liqo.Engine.Resources;

namespace Liqo.Engine.Tests.Peering;

/// <summary>
/// Re-running a peering over existing objects (issue 13 item 5, docs/liqoctl-parity.md "Behaviour differences"): the
/// Tenant keeps the provider's tenantCondition and authzPolicy, where liqoctl's CreateOrUpdate resets them (and so
/// un-cordons a cordoned consumer); the ResourceSlice keeps the csr and consumerClusterID its controller filled in,
/// where liqoctl drops them; the create-virtual-node annotation is only ever added, as liqoctl does.
/// </summary>
public sealed class RerunSemanticsTests() : LiqoPairTest("liqo-rerun-")
{
    private static async Task PeerAsync(ClusterConnection consumer, ClusterConnection provider, PeerOptions o)
    {
        using var op = new Operation(NullOperationLog.Instance, TimeSpan.FromMinutes(2), default);
        await Peer.RunAsync(op, consumer, provider, o);
    }

    [Fact]
    public async Task ARerunKeepsTheProvidersTenantSettingsAndTheSlicesControllerFields()
    {
        using var consumer = Connect("consumer");
        using var provider = Connect("provider", "remote");
        await PeerAsync(consumer, provider, new PeerOptions());

        // the provider's admin cordons the consumer and tolerates no handshake (liqoctl cordon tenant, kubectl edit)
        var tenant = (await provider.Api.GetAsync(Kinds.Tenant, "liqo-tenant-consumer", "consumer", default))!;
        tenant["spec"]!["tenantCondition"] = "Cordoned";
        tenant["spec"]!["authzPolicy"] = "TolerateNoHandshake";
        await provider.Api.UpdateAsync(Kinds.Tenant, "liqo-tenant-consumer", tenant, default);
        var slice = (await consumer.Api.GetAsync(Kinds.ResourceSlice, "liqo-tenant-provider", "provider", default))!;
        var csr = slice.StringAt("spec.csr");
        Assert.False(string.IsNullOrEmpty(csr));
        Assert.Equal("consumer", slice.StringAt("spec.consumerClusterID"));

        await PeerAsync(consumer, provider, new PeerOptions { ResourceSlice = new ResourceSliceOptions { CreateVirtualNode = false } });

        tenant = (await provider.Api.GetAsync(Kinds.Tenant, "liqo-tenant-consumer", "consumer", default))!;
        Assert.Equal("Cordoned", tenant.StringAt("spec.tenantCondition"));
        Assert.Equal("TolerateNoHandshake", tenant.StringAt("spec.authzPolicy"));
        slice = (await consumer.Api.GetAsync(Kinds.ResourceSlice, "liqo-tenant-provider", "provider", default))!;
        Assert.Equal(csr, slice.StringAt("spec.csr"));
        Assert.Equal("consumer", slice.StringAt("spec.consumerClusterID"));
        Assert.Equal("true", slice.Annotation(LiqoConstants.CreateVirtualNodeAnnotation));
        Assert.True(Liqo.Engine.Offloading.ResourceSlice.CreatesVirtualNode(slice));
    }
}
