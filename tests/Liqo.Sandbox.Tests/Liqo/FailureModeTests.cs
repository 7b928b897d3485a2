using System.Collections.Immutable;
using System.Text.Json.Nodes;
using k8s;
using Liqo.Sandbox.Liqo;
using Xunit.Abstractions;

namespace Liqo.Sandbox.Tests.Liqo;

/// <summary>Each failure knob shows up where Liqo shows that failure, and the peering stops where liqoctl would wait in vain.</summary>
public sealed class FailureModeTests(ITestOutputHelper output)
{
    private static LiqoSandboxOptions With(string cluster, LiqoOptions options) =>
        new() { Clusters = ImmutableDictionary<string, LiqoOptions>.Empty.Add(cluster, options) };

    private static async Task<JsonObject?> FcCondition(ClusterClient c, string id, string module, string type)
    {
        var fc = await c.GetAsync(Cr.ForeignCluster, null, id);
        var path = module.Length == 0 ? new[] { "status", "conditions" } : ["status", "modules", module, "conditions"];
        return (ClusterClient.At(fc, path) as JsonArray)?.OfType<JsonObject>().FirstOrDefault(x => ClusterClient.Str(x, "type") == type);
    }

    [Fact]
    public async Task ARejectedSignatureLeavesTheTenantWithoutStatusAndAWarningEvent()
    {
        await using var scope = await LiqoSandboxScope.StartAsync(output, With("provider", new LiqoOptions { SignatureRejected = true }));
        var p = scope.Peering;
        await p.PrepareAsync();
        var (_, signature) = await p.NonceAsync();
        await p.Provider.CreateAsync(Cr.Tenant, p.ProviderTenantNs, await p.GenerateTenantAsync(signature));

        k8s.Models.Corev1Event? warning = null;
        await p.WaitAsync(async () => (warning = (await p.Provider.K.CoreV1.ListNamespacedEventAsync(p.ProviderTenantNs,
            fieldSelector: "reason=SignatureVerificationFailed")).Items.FirstOrDefault()) is not null, "the SignatureVerificationFailed event");
        Assert.Equal("Warning", warning!.Type);
        Assert.Equal("Tenant", warning.InvolvedObject.Kind);
        Assert.Equal($"signature verification failed for Tenant \"{p.C}\"", warning.Message);
        var tenant = await p.Provider.GetAsync(Cr.Tenant, p.ProviderTenantNs, p.C);
        Assert.Null(ClusterClient.At(tenant, "status", "authParams"));
        Assert.Null(ClusterClient.At(tenant, "status", "tenantNamespace"));
        await p.WaitAsync(async () => ClusterClient.Str(await FcCondition(p.Provider, p.C, "authentication", "AuthTenantStatus"), "status") == "NotReady",
            "the provider's AuthTenantStatus NotReady");
    }

    [Fact]
    public async Task AForgedSignatureIsRejectedToo()
    {
        await using var scope = await LiqoSandboxScope.StartAsync(output);
        var p = scope.Peering;
        await p.PrepareAsync();
        var (_, signature) = await p.NonceAsync();
        signature[0] ^= 0xff;
        await p.Provider.CreateAsync(Cr.Tenant, p.ProviderTenantNs, await p.GenerateTenantAsync(signature));
        await p.WaitAsync(async () => (await p.Provider.K.CoreV1.ListNamespacedEventAsync(p.ProviderTenantNs,
            fieldSelector: "reason=SignatureVerificationFailed")).Items.Count > 0, "the SignatureVerificationFailed event");
        Assert.Null(ClusterClient.At(await p.Provider.GetAsync(Cr.Tenant, p.ProviderTenantNs, p.C), "status", "authParams"));
    }

    [Fact]
    public async Task ACordonedTenantDeniesResourcesAndNoVirtualNodeAppears()
    {
        await using var scope = await LiqoSandboxScope.StartAsync(output, With("provider", new LiqoOptions { TenantCordoned = true }));
        var p = scope.Peering;
        await p.PrepareAsync();
        await p.NetworkAsync();
        await p.AuthenticateAsync();
        Assert.Equal("Cordoned", ClusterClient.Str(await p.Provider.GetAsync(Cr.Tenant, p.ProviderTenantNs, p.C), "spec", "tenantCondition"));
        var slice = await p.OffloadAsync();
        await p.WaitAsync(async () => ClusterClient.Condition(slice = await p.Consumer.GetAsync(Cr.ResourceSlice, p.ConsumerTenantNs, p.P), "Resources") == "Denied",
            "Resources Denied");
        Assert.Equal("Accepted", ClusterClient.Condition(slice, "Authentication"));
        Assert.Null(await p.Consumer.GetAsync(Cr.VirtualNode, p.ConsumerTenantNs, p.P));
        var replica = await p.Provider.GetAsync(Cr.ResourceSlice, p.ProviderTenantNs, p.P);
        Assert.Equal("true", ClusterClient.Str(replica, "metadata", "annotations", "liqo.io/cordon-tenant"));
    }

    [Fact]
    public async Task AuthParamsThatCannotBeForgedDenyTheSliceUntilTheProviderRetries()
    {
        await using var scope = await LiqoSandboxScope.StartAsync(output, With("provider", new LiqoOptions { AuthParamsFailing = true }));
        var p = scope.Peering;
        await p.PrepareAsync();
        await p.NetworkAsync();
        await p.AuthenticateAsync();
        var offload = p.OffloadAsync(); // creates the slice, then waits for Authentication Accepted
        JsonObject? slice = null;
        await p.WaitAsync(async () => ClusterClient.Condition(slice = await p.Consumer.GetAsync(Cr.ResourceSlice, p.ConsumerTenantNs, p.P), "Authentication") == "Denied",
            "Authentication Denied");
        Assert.Null(ClusterClient.Str(slice, "status", "authParams", "signedCRT"));

        // Clearing the knob is the provider's retry succeeding: the same slice becomes Accepted, with no change from the consumer.
        scope.Provider.UpdateOptions(o => o with { AuthParamsFailing = false });
        Assert.Equal("Accepted", ClusterClient.Condition(await offload, "Authentication"));
    }

    [Fact]
    public async Task ATunnelThatIsNeverEstablishedStaysConnecting()
    {
        await using var scope = await LiqoSandboxScope.StartAsync(output, With("provider", new LiqoOptions { TunnelNeverEstablished = true }));
        var p = scope.Peering;
        await p.PrepareAsync();
        await p.ConfigureNetworkAsync();
        await p.CreateGatewaysAsync();
        await p.ExchangeKeysAsync();
        await p.WaitAsync(async () => ClusterClient.Str(await FcCondition(p.Consumer, p.P, "networking", "NetworkConnectionStatus"), "status") == "Pending",
            "the consumer's NetworkConnectionStatus Pending");
        await p.WaitAsync(async () => ClusterClient.Str(await FcCondition(p.Provider, p.C, "networking", "NetworkConnectionStatus"), "status") == "Pending",
            "the provider's NetworkConnectionStatus Pending");
        Assert.True(await PlainPeering.ConnectionIs(p.Consumer, p.ConsumerTenantNs, p.P, "Connecting"));
        Assert.True(await PlainPeering.ConnectionIs(p.Provider, p.ProviderTenantNs, p.C, "Connecting"));

        // Lifting the knob lets the handshake complete.
        scope.Provider.UpdateOptions(o => o with { TunnelNeverEstablished = false });
        await p.WaitForConnectionsAsync();
    }

    [Fact]
    public async Task WrongPublicKeysNeverConnect()
    {
        await using var scope = await LiqoSandboxScope.StartAsync(output);
        var p = scope.Peering;
        await p.PrepareAsync();
        await p.ConfigureNetworkAsync();
        await p.CreateGatewaysAsync();
        var client = await p.Consumer.GetAsync(Cr.GatewayClient, p.ConsumerTenantNs, p.P);
        var server = await p.Provider.GetAsync(Cr.GatewayServer, p.ProviderTenantNs, p.C);
        var bogus = Convert.ToBase64String(new byte[32]);
        await p.Consumer.CreateAsync(Cr.PublicKey, p.ConsumerTenantNs, PlainPeering.PublicKey(p.P, p.ConsumerTenantNs, bogus, client!));
        await p.Provider.CreateAsync(Cr.PublicKey, p.ProviderTenantNs, PlainPeering.PublicKey(p.C, p.ProviderTenantNs, bogus, server!));
        await p.WaitAsync(async () => ClusterClient.Str(await FcCondition(p.Consumer, p.P, "networking", "NetworkConnectionStatus"), "status") == "Pending",
            "the consumer's NetworkConnectionStatus Pending");
        Assert.True(await PlainPeering.ConnectionIs(p.Consumer, p.ConsumerTenantNs, p.P, "Connecting"));
    }

    [Fact]
    public async Task AGatewayPodThatNeverGetsReadyBlocksTheTunnel()
    {
        await using var scope = await LiqoSandboxScope.StartAsync(output, With("provider", new LiqoOptions { GatewayPodNeverReady = true }));
        var p = scope.Peering;
        await p.PrepareAsync();
        await p.ConfigureNetworkAsync();
        var create = p.CreateGatewaysAsync();
        await p.WaitAsync(async () => ClusterClient.Str(await FcCondition(p.Provider, p.C, "networking", "NetworkGatewayServerStatus"), "status") == "NotReady",
            "the provider's NetworkGatewayServerStatus NotReady");
        Assert.False(create.IsCompleted);
        // the server's status can say NotReady before the Deployment's pod is created: wait for the pod itself
        await p.WaitAsync(async () => (await p.Provider.K.CoreV1.ListNamespacedPodAsync(p.ProviderTenantNs)).Items.Count > 0, "the gateway pod");
        var pods = (await p.Provider.K.CoreV1.ListNamespacedPodAsync(p.ProviderTenantNs)).Items;
        var pod = Assert.Single(pods);
        Assert.Equal("Pending", pod.Status.Phase);
        Assert.Equal(0, await PlainPeering.ReadyReplicas(p.Provider, p.ProviderTenantNs, "gw-" + p.C));
        Assert.Empty(await p.Provider.ListAsync(Cr.Connection, p.ProviderTenantNs));
        scope.Provider.UpdateOptions(o => o with { GatewayPodNeverReady = false });
        await create;
    }

    [Fact]
    public async Task BlockedReplicationLeavesTheSliceWithoutStatusAndItsDeletionStuck()
    {
        await using var scope = await LiqoSandboxScope.StartAsync(output, With("consumer", new LiqoOptions { CrdReplicationBlocked = true }));
        var p = scope.Peering;
        await p.PrepareAsync();
        await p.AuthenticateAsync();
        await p.Consumer.CreateAsync(Cr.ResourceSlice, p.ConsumerTenantNs, new JsonObject
        {
            ["kind"] = "ResourceSlice",
            ["metadata"] = new JsonObject
            {
                ["name"] = p.P,
                ["labels"] = new JsonObject { ["liqo.io/replication"] = "true", ["liqo.io/remoteID"] = p.P, ["liqo.io/remote-cluster-id"] = p.P },
            },
            ["spec"] = new JsonObject { ["class"] = "default", ["providerClusterID"] = p.P },
        });
        await p.WaitAsync(async () => ClusterClient.Str(await FcCondition(p.Consumer, p.P, "", "APIServerStatus"), "status") == "Error",
            "the consumer's APIServerStatus Error");
        JsonObject? slice = null;
        await p.WaitAsync(async () => (ClusterClient.At(slice = await p.Consumer.GetAsync(Cr.ResourceSlice, p.ConsumerTenantNs, p.P), "metadata", "finalizers")
            as JsonArray)?.Any(f => f!.GetValue<string>() == "crdreplicator.liqo.io/resource") == true, "the replicator's finalizer");
        Assert.Null(ClusterClient.At(slice, "status", "conditions"));
        Assert.Empty(await p.Provider.ListAsync(Cr.ResourceSlice, p.ProviderTenantNs));

        await p.Consumer.DeleteAsync(Cr.ResourceSlice, p.ConsumerTenantNs, p.P);
        slice = await p.Consumer.GetAsync(Cr.ResourceSlice, p.ConsumerTenantNs, p.P);
        Assert.NotNull(ClusterClient.Str(slice, "metadata", "deletionTimestamp"));

        // Once the provider is reachable again, the replicator confirms there is no replica and releases the slice.
        scope.Consumer.UpdateOptions(o => o with { CrdReplicationBlocked = false });
        await p.WaitAsync(async () => await p.Consumer.GetAsync(Cr.ResourceSlice, p.ConsumerTenantNs, p.P) is null, "the slice gone");
    }

    [Fact]
    public async Task LatencyMakesWaitsReallyWait()
    {
        var latency = TimeSpan.FromMilliseconds(400);
        await using var scope = await LiqoSandboxScope.StartAsync(output,
            With("provider", new LiqoOptions { ControllerLatencies = ImmutableDictionary<string, TimeSpan>.Empty.Add("noncecreator", latency) }));
        var p = scope.Peering;
        await p.PrepareAsync();
        var watch = System.Diagnostics.Stopwatch.StartNew();
        await p.NonceAsync();
        Assert.True(watch.Elapsed >= latency, $"the nonce came after {watch.ElapsedMilliseconds} ms");
    }
}
