using System.Text.Json.Nodes;
using Liqo.Engine.ClusterAccess;
using Liqo.Engine.Networking;
using Liqo.Engine.Peering;
using Liqo.Engine.Resources;

namespace Liqo.Engine.Tests.Networking;

/// <summary>
/// Existing objects are found as liqoctl finds them: the GatewayServer, GatewayClient and PublicKey by the
/// liqo.io/remote-cluster-id label in the tenant namespace, keeping their names (network/cluster.go), so an object made
/// earlier under a custom name (liqoctl create gatewayserver NAME) gets no twin; liqo-nonce by name, getting its labels
/// (liqoctl's CreateOrUpdate in authenticate/utils/nonce.go).
/// </summary>
public sealed class ExistingObjectsTests() : LiqoPairTest("liqo-existing-")
{
    private static async Task<string[]> NamesAsync(ClusterConnection c, ResourceKind kind, string ns, string remoteId) =>
        (await c.Api.ListAsync(kind, ns, $"{LiqoConstants.RemoteClusterIdLabel}={remoteId}", ct: default)).Items.Select(o => o.Name()).Order().ToArray();

    [Fact]
    public async Task GatewaysAndPublicKeysMadeUnderCustomNamesAreUpdatedNotTwinned()
    {
        using var consumer = Connect("consumer");
        using var provider = Connect("provider", "remote");
        using var op = new Operation(NullOperationLog.Instance, TimeSpan.FromMinutes(2), default);
        var providerNs = await TenantNamespace.EnsureAsync(op, provider, "consumer");
        var consumerNs = await TenantNamespace.EnsureAsync(op, consumer, "provider");
        var o = new NetworkConnectOptions();
        await provider.Api.CreateAsync(Kinds.GatewayServer, providerNs, Gateway.ForgeServer("consumer", providerNs, o, "liqo", name: "custom-server"), default);
        var client = await consumer.Api.CreateAsync(Kinds.GatewayClient, consumerNs,
            Gateway.ForgeClient("provider", consumerNs, o, "liqo", ["192.0.2.1"], 51840, null, name: "custom-client"), default);
        client["apiVersion"] ??= Kinds.GatewayClient.ApiVersion;
        client["kind"] ??= Kinds.GatewayClient.Kind;
        await consumer.Api.CreateAsync(Kinds.PublicKey, consumerNs,
            PublicKey.Forge("provider", consumerNs, Convert.ToBase64String(new byte[32]), client, name: "custom-key"), default);

        var peered = await Peer.RunAsync(op, consumer, provider, new PeerOptions { CreateResourceSlice = false });

        Assert.NotEqual(ModuleOutcome.Skipped, peered.Networking);
        Assert.Equal(["custom-server"], await NamesAsync(provider, Kinds.GatewayServer, providerNs, "consumer"));
        Assert.Equal(["custom-client"], await NamesAsync(consumer, Kinds.GatewayClient, consumerNs, "provider"));
        Assert.Equal(["custom-key"], await NamesAsync(consumer, Kinds.PublicKey, consumerNs, "provider"));
        Assert.Equal(["consumer"], await NamesAsync(provider, Kinds.PublicKey, providerNs, "consumer"));
        // the custom-named client now dials the server's published endpoint, and the key is the server gateway's
        var updated = (await consumer.Api.GetAsync(Kinds.GatewayClient, consumerNs, "custom-client", default))!;
        Assert.NotEqual("192.0.2.1", ((JsonArray)updated["spec"]!["endpoint"]!["addresses"]!)[0]!.GetValue<string>());
        var key = (await consumer.Api.GetAsync(Kinds.PublicKey, consumerNs, "custom-key", default))!;
        Assert.NotEqual(Convert.ToBase64String(new byte[32]), key.StringAt("spec.publicKey"));
    }

    [Fact]
    public async Task TwoGatewayServersForOnePeerFailAsLiqoctlDoes()
    {
        using var consumer = Connect("consumer");
        using var provider = Connect("provider", "remote");
        using var op = new Operation(NullOperationLog.Instance, TimeSpan.FromMinutes(2), default);
        var providerNs = await TenantNamespace.EnsureAsync(op, provider, "consumer");
        var o = new NetworkConnectOptions();
        await provider.Api.CreateAsync(Kinds.GatewayServer, providerNs, Gateway.ForgeServer("consumer", providerNs, o, "liqo", name: "one"), default);
        await provider.Api.CreateAsync(Kinds.GatewayServer, providerNs, Gateway.ForgeServer("consumer", providerNs, o, "liqo", name: "two"), default);

        var e = await Assert.ThrowsAsync<LiqoException>(() =>
            Gateway.SetUpServerAsync(op, provider, "consumer", providerNs, o, "liqo"));
        Assert.Equal(ErrorIds.NetworkObjectAmbiguous, e.ErrorId);
        Assert.StartsWith("multiple GatewayServers found for ForeignCluster consumer", e.Message);
        Assert.Equal(["one", "two"], await NamesAsync(provider, Kinds.GatewayServer, providerNs, "consumer"));
    }

    [Fact]
    public async Task AnUnlabelledLiqoNonceGetsTheLabelsAndAuthenticationGoesOn()
    {
        using var consumer = Connect("consumer");
        using var provider = Connect("provider", "remote");
        using var op = new Operation(NullOperationLog.Instance, TimeSpan.FromMinutes(2), default);
        var providerNs = await TenantNamespace.EnsureAsync(op, provider, "consumer");
        await provider.Api.CreateAsync(Kinds.Secret, providerNs, Json.Object(Kinds.Secret, LiqoConstants.NonceSecretName, providerNs), default);

        var peered = await Peer.RunAsync(op, consumer, provider, new PeerOptions { CreateResourceSlice = false });

        var nonce = (await provider.Api.GetAsync(Kinds.Secret, providerNs, LiqoConstants.NonceSecretName, default))!;
        Assert.Equal("true", nonce.Label(LiqoConstants.NonceSecretLabel));
        Assert.Equal("consumer", nonce.Label(LiqoConstants.RemoteClusterIdLabel));
        Assert.Single((await provider.Api.ListAsync(Kinds.Secret, providerNs, $"{LiqoConstants.NonceSecretLabel}=true")).Items);
        Assert.NotNull(await consumer.Api.GetAsync(Kinds.Identity, "liqo-tenant-provider", "controlplane-provider", default));
        Assert.NotNull(peered);
    }
}
