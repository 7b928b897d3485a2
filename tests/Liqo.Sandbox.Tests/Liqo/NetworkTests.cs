using k8s;
using Liqo.Sandbox.Liqo;
using Xunit.Abstractions;

namespace Liqo.Sandbox.Tests.Liqo;

/// <summary>Remapping of overlapping CIDRs and the other gateway service types.</summary>
public sealed class NetworkTests(ITestOutputHelper output)
{
    [Fact]
    public async Task OverlappingCidrsAreRemappedAndNodePortGatewaysConnect()
    {
        await using var scope = await LiqoSandboxScope.StartAsync(output, new LiqoSandboxOptions { OverlappingCidrs = true });
        var p = scope.Peering;
        await p.PrepareAsync();
        await p.ConfigureNetworkAsync();
        var cfg = await p.Consumer.GetAsync(Cr.Configuration, p.ConsumerTenantNs, p.P);
        Assert.Equal("10.244.0.0/16", ClusterClient.At(cfg, "spec", "remote", "cidr", "pod")![0]!.GetValue<string>());
        var remapped = ClusterClient.At(cfg, "status", "remote", "cidr", "pod")![0]!.GetValue<string>();
        Assert.NotEqual("10.244.0.0/16", remapped);
        Assert.EndsWith("/16", remapped);
        Assert.NotEqual("10.70.0.0/16", ClusterClient.At(cfg, "status", "remote", "cidr", "external")![0]!.GetValue<string>());
        Assert.Equal("10.244.0.0/16", ClusterClient.At(cfg, "spec", "local", "cidr", "pod")![0]!.GetValue<string>());

        await p.CreateGatewaysAsync("NodePort");
        var server = await p.Provider.GetAsync(Cr.GatewayServer, p.ProviderTenantNs, p.C);
        var providerNode = (await p.Provider.K.CoreV1.ListNodeAsync()).Items.Single();
        var nodeIp = providerNode.Status.Addresses.First(a => a.Type == "InternalIP").Address;
        Assert.Equal(nodeIp, ClusterClient.At(server, "status", "endpoint", "addresses")![0]!.GetValue<string>());
        var svc = await p.Provider.K.CoreV1.ReadNamespacedServiceAsync("gw-" + p.C, p.ProviderTenantNs);
        Assert.Equal("NodePort", svc.Spec.Type);
        Assert.Equal(svc.Spec.Ports[0].NodePort?.ToString(), ClusterClient.Str(server, "status", "endpoint", "port"));
        await p.ExchangeKeysAsync();
        await p.WaitForConnectionsAsync();
    }
}
