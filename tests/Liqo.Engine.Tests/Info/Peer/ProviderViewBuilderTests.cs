using Liqo.Engine.Info;
using Liqo.Engine.Info.Peer;

namespace Liqo.Engine.Tests.Info.Peer;

/// <summary>The provider's side of a peering, read on milan for its consumer rome.</summary>
public class ProviderViewBuilderTests
{
    [Fact]
    public void MergesTenantGatewayReplicatedSlicesAndQuotas()
    {
        var (view, warnings) = ProviderViewBuilder.Build(InfoFixtures.Milan(), "rome");
        Assert.Empty(warnings);
        Assert.Equal("milan", view.ClusterId);
        Assert.Equal("Consumer", view.Role);
        Assert.Equal((ModuleHealth.Healthy, ModuleHealth.Healthy, ModuleHealth.Disabled), (view.NetworkingStatus, view.AuthenticationStatus, view.OffloadingStatus));
        Assert.Equal(new TenantInfo("rome", "liqo-tenant-rome", "Active", "KeysExchange", true, "liqo-tenant-rome", "https://172.19.0.10:6443"), view.Tenant);
        Assert.Equal(("GatewayServer", "rome", 30742, "UDP"), (view.Gateway!.Kind, view.Gateway.Name, view.Gateway.Port, view.Gateway.Protocol));
        Assert.Equal(new[] { "172.19.0.10" }, view.Gateway.Address);
        var slice = view.ResourceSlices.Single();
        Assert.Equal(("milan", "liqo-tenant-rome", true, "Accepted", "Accepted"), (slice.Name, slice.Namespace, slice.Accepted, slice.AuthenticationCondition, slice.ResourcesCondition));
        Assert.Equal("milan-a8a4c692b93b", slice.Quota!.Name);
        Assert.Equal("milan-a8a4c692b93b", slice.Quota.User);
        Assert.Equal(("None", false), (slice.Quota.LimitsEnforcement, slice.Quota.Cordoned));
        Assert.Equal("2", slice.Quota.Resources!["cpu"]);
    }

    [Fact]
    public void AnotherConsumerSeesNothing()
    {
        var (view, _) = ProviderViewBuilder.Build(InfoFixtures.Milan(), "naples");
        Assert.Null(view.Tenant);
        Assert.Null(view.Gateway);
        Assert.Null(view.Role);
        Assert.Empty(view.ResourceSlices);
    }

    [Fact]
    public void ACordonedTenantWithoutAnswerIsNotReady()
    {
        var tenant = InfoFixtures.Items("milan", "tenants")[0].DeepClone().AsObject();
        tenant["spec"]!["tenantCondition"] = "Cordoned";
        tenant.Remove("status");
        var (view, warnings) = ProviderViewBuilder.Build(InfoFixtures.Milan() with { Tenants = ListResult.Of(tenant), Quotas = ListResult.Failed("forbidden") }, "rome");
        Assert.Equal(("Cordoned", false), (view.Tenant!.Condition, view.Tenant.Ready));
        Assert.Null(view.ResourceSlices.Single().Quota);
        Assert.Equal(["(remote) unable to get Quotas: forbidden"], warnings);
    }
}
