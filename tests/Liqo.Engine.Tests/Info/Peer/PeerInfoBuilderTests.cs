using System.Text.Json.Nodes;
using Liqo.Engine.GoFormat;
using Liqo.Engine.Info;
using Liqo.Engine.Info.Peer;

namespace Liqo.Engine.Tests.Info.Peer;

/// <summary>liqoctl info peer's rules (info/peer, info/common) on the fixtures and on broken peerings.</summary>
public class PeerInfoBuilderTests
{
    private static PeerReport Peer(string id, PeerSnapshot? snapshot = null) =>
        PeerInfoBuilder.Build(snapshot ?? InfoFixtures.RomePeers(id)).Peers.Single(p => p.ClusterId == id);

    [Fact]
    public void AHealthyProviderPeering()
    {
        var (peers, warnings) = PeerInfoBuilder.Build(InfoFixtures.RomePeers("milan"));
        Assert.Empty(warnings);
        var milan = peers.Single();
        Assert.Equal("Provider", milan.Role);
        Assert.Equal(ModuleHealth.Healthy, milan.Network.Status);
        Assert.Null(milan.Network.Alerts);
        Assert.Equal(["10.71.0.0/18"], milan.Network.RemappedCidrs!.Pod!);
        Assert.Equal(new[] { "172.19.0.10" }, milan.Network.Gateway.Address);
        Assert.Equal(30742, milan.Network.Gateway.Port);
        Assert.Equal("Server", milan.Network.Gateway.Role);
        Assert.Equal("https://172.19.0.10:6443", milan.Authentication.ApiServerAddress);
        var slice = milan.Authentication.ResourceSlices!.Single();
        Assert.Equal(("milan", "Consuming", true), (slice.Name, slice.Action, slice.Accepted));
        Assert.Equal("4Gi", slice.Resources!["memory"]);
        var vn = milan.Offloading.VirtualNodes!.Single();
        Assert.Equal(("milan", "Healthy", "kubeconfig-resourceslice-milan", "milan"), (vn.Name, vn.Status, vn.Secret, vn.ResourceSlice));
        Assert.Equal(DateTimeOffset.Parse("2026-07-10T09:12:20Z"), milan.CreationTimestamp);
        Assert.Equal(DateTimeOffset.Parse("2027-07-10T09:12:31Z"), milan.CertificateNotAfter);
    }

    [Fact]
    public void AConsumerPeeringWithATunnelInError()
    {
        var naples = Peer("naples");
        Assert.Equal(ModuleHealth.Unhealthy, naples.Network.Status);
        Assert.Equal(["The network connection with the foreign cluster is in error: no handshake in the last 2m0s"], naples.Network.Alerts!);
        Assert.Equal(("Client", 51840), (naples.Network.Gateway.Role, naples.Network.Gateway.Port));
        Assert.Equal("", naples.Authentication.ApiServerAddress); // only for role Provider
        Assert.Equal("Providing", naples.Authentication.ResourceSlices!.Single().Action);
        Assert.Equal(ModuleHealth.Disabled, naples.Offloading.Status);
        Assert.Empty(naples.Offloading.VirtualNodes!);
        Assert.Null(naples.CertificateNotAfter);
    }

    [Fact]
    public void AnUnhealthyProviderBehindAProxy()
    {
        var venice = Peer("venice");
        Assert.Equal(["The identity for the control plane is not ready"], venice.Authentication.Alerts!);
        Assert.Equal("http://10.80.0.23:8118", venice.Authentication.ApiServerAddress);
        var slice = venice.Authentication.ResourceSlices!.Single();
        Assert.False(slice.Accepted);
        Assert.Equal(["ResourceSlice resources denied: the tenant is cordoned"], slice.Alerts);
        Assert.Null(slice.Resources);
        var vn = venice.Offloading.VirtualNodes!.Single();
        Assert.Equal(ModuleHealth.Unhealthy, vn.Status);
        Assert.Equal("", vn.ResourceSlice);
        Assert.Equal("16", vn.Resources!["cpu"]); // 16000m as Go writes it
        Assert.Equal(DateTimeOffset.Parse("2026-08-01T08:00:00Z"), venice.CertificateNotAfter);
    }

    [Fact]
    public void ModuleStatusRules()
    {
        JsonObject Module(string json) => JsonNode.Parse(json)!.AsObject();
        Assert.Equal((ModuleHealth.Disabled, (IReadOnlyList<string>?)null), ModuleHealth.Check(null));
        Assert.Equal(ModuleHealth.Disabled, ModuleHealth.Check(Module("""{"enabled":false,"conditions":[{"type":"NetworkConnectionStatus","status":"Error","message":"x"}]}""")).Status);
        Assert.Equal(ModuleHealth.Healthy, ModuleHealth.Check(Module("""{"enabled":true}""")).Status);
        Assert.Equal(ModuleHealth.Healthy, ModuleHealth.Check(Module("""{"enabled":true,"conditions":[{"type":"a","status":"Established"},{"type":"b","status":"Ready"}]}""")).Status);
        var (status, alerts) = ModuleHealth.Check(Module(
            """{"enabled":true,"conditions":[{"type":"a","status":"Pending","message":"p"},{"type":"b","status":"Ready","message":"ok"},{"type":"c","status":"SomeNotReady","message":"s"},{"type":"d","status":"None"}]}"""));
        Assert.Equal(ModuleHealth.Unhealthy, status);
        Assert.Equal(["p", "s", ""], alerts!);
    }

    [Fact]
    public void VirtualNodesWithoutConditionsAreUnhealthyAndNoneCounts()
    {
        var vns = new JsonArray(JsonNode.Parse("""{"apiVersion":"offloading.liqo.io/v1beta1","kind":"VirtualNode","metadata":{"name":"milan","namespace":"liqo-tenant-milan","labels":{"liqo.io/remote-cluster-id":"milan"}},"spec":{"clusterID":"milan"}}"""),
            JsonNode.Parse("""{"apiVersion":"offloading.liqo.io/v1beta1","kind":"VirtualNode","metadata":{"name":"milan-2","namespace":"liqo-tenant-milan","labels":{"liqo.io/remote-cluster-id":"milan"}},"spec":{"clusterID":"milan"},"status":{"conditions":[{"type":"VirtualKubelet","status":"None"},{"type":"Node","status":"None"}]}}"""));
        var milan = Peer("milan", InfoFixtures.RomePeers("milan") with { VirtualNodes = ListResult.Of(vns.Select(n => n!.AsObject()).ToList()) });
        Assert.Equal(new[] { ModuleHealth.Unhealthy, ModuleHealth.Healthy }, milan.Offloading.VirtualNodes!.Select(v => v.Status));
        Assert.Null(milan.Offloading.VirtualNodes![0].Resources);
        Assert.Equal("", milan.Offloading.VirtualNodes[0].Secret);
    }

    [Fact]
    public void AConfigurationWithoutStatusHasNoRemapping()
    {
        var configurations = InfoFixtures.Items("rome", "configurations").Select(c => c.DeepClone().AsObject()).ToList();
        configurations[0]["status"]!.AsObject().Remove("remote");
        var milan = Peer("milan", InfoFixtures.RomePeers("milan") with { Configurations = ListResult.Of(configurations) });
        Assert.Null(milan.Network.RemappedCidrs);
        Assert.DoesNotContain("remapped", InfoDocuments.Peers([milan], MachineFormat.Json), StringComparison.Ordinal);
    }

    [Fact]
    public void MissingOrDuplicateNetworkObjectsAreLiqoctlsWarnings()
    {
        var s = InfoFixtures.RomePeers("milan");
        var (peers, warnings) = PeerInfoBuilder.Build(s with { Configurations = ListResult.Of(), GatewayClients = ListResult.Of() });
        Assert.Equal([
            "unable to get network configuration for cluster \"milan\": configurations.networking.liqo.io \"configurations\" not found",
            "unable to get network gateway info for cluster \"milan\": no gateways found"], warnings);
        Assert.Null(peers[0].Network.RemoteCidrs.Pod);
        Assert.Equal("", peers[0].Network.Gateway.Role);

        var client = InfoFixtures.Items("rome", "gatewayclients")[0];
        var server = InfoFixtures.Items("rome", "gatewayservers")[0].DeepClone().AsObject();
        server["metadata"]!["labels"]!["liqo.io/remote-cluster-id"] = "milan";
        Assert.Contains("unable to get network gateway info for cluster \"milan\": multiple Gateways found",
            PeerInfoBuilder.Build(s with { GatewayServers = ListResult.Of(server), GatewayClients = ListResult.Of(client) }).Warnings);
        Assert.Contains("unable to get network gateway info for cluster \"milan\": multiple GatewayClients found for ForeignCluster milan",
            PeerInfoBuilder.Build(s with { GatewayClients = ListResult.Of(client, client) }).Warnings);
    }

    [Fact]
    public void AGatewayServerWithoutEndpointStillTellsTheRole()
    {
        var server = InfoFixtures.Items("rome", "gatewayservers")[0].DeepClone().AsObject();
        server["status"]!.AsObject().Remove("endpoint");
        var naples = Peer("naples", InfoFixtures.RomePeers("naples") with { GatewayServers = ListResult.Of(server) });
        Assert.Equal(new GatewayInfo(null, 0, "Client"), naples.Network.Gateway with { Address = null });
        Assert.Null(naples.Network.Gateway.Address);
    }

    [Fact]
    public void TheControlPlaneIdentityMustBeUnique()
    {
        var identities = InfoFixtures.Items("rome", "identities");
        var (peers, warnings) = PeerInfoBuilder.Build(InfoFixtures.RomePeers("milan") with { Identities = ListResult.Of(identities.Where(i => (string?)i["spec"]!["type"] != "ControlPlane").ToList()) });
        Assert.Equal("", peers[0].Authentication.ApiServerAddress);
        Assert.Equal(["unable to get API server address of cluster \"milan\": identities.authentication.liqo.io \"milan\" not found"], warnings);
    }

    [Fact]
    public void UnknownIdsAreTheRequestedOnesWithoutAForeignCluster()
    {
        var fcs = InfoFixtures.Items("rome", "foreignclusters");
        Assert.Equal(["paris", "Not Valid"], PeerInfoBuilder.Unknown(["milan", "paris", "paris", "Not Valid", "turin"], fcs));
        Assert.Empty(PeerInfoBuilder.Unknown([], fcs));
    }

    [Fact]
    public void PeersAreSortedByClusterId() =>
        Assert.Equal(["milan", "naples", "turin", "venice"], InfoFixtures.RomePeerReports("venice", "milan", "turin", "naples").Select(p => p.ClusterId));
}
