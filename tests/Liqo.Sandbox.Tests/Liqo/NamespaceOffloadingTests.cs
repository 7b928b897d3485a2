using System.Collections.Immutable;
using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Liqo.Sandbox.Liqo;
using Xunit.Abstractions;

namespace Liqo.Sandbox.Tests.Liqo;

/// <summary>
/// Namespace offloading's control plane as a user sees it with kubectl on both clusters: the NamespaceOffloading status,
/// the NamespaceMaps, the remote namespace on the provider (name, labels, RoleBinding), the failure knob, unoffloading
/// and unpeering.
/// </summary>
public sealed class NamespaceOffloadingTests(ITestOutputHelper output)
{
    internal static readonly Cr Nsoff = new("offloading.liqo.io", "v1beta1", "namespaceoffloadings");
    internal static readonly Cr NamespaceMap = new("offloading.liqo.io", "v1beta1", "namespacemaps");

    /// <summary>The NamespaceOffloading as liqoctl offload namespace writes it.</summary>
    internal static JsonObject Offloading(string ns, string pod = "LocalAndRemote", string mapping = "DefaultName", string? remoteName = null,
        JsonArray? terms = null)
    {
        var spec = new JsonObject
        {
            ["namespaceMappingStrategy"] = mapping,
            ["podOffloadingStrategy"] = pod,
            ["clusterSelector"] = new JsonObject { ["nodeSelectorTerms"] = terms ?? [] },
        };
        if (remoteName is not null) spec["remoteNamespaceName"] = remoteName;
        return new JsonObject
        {
            ["kind"] = "NamespaceOffloading",
            ["metadata"] = new JsonObject { ["name"] = "offloading", ["namespace"] = ns },
            ["spec"] = spec,
        };
    }

    internal static async Task CreateNamespaceAsync(ClusterClient c, string name) =>
        await c.K.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = name } });

    /// <summary>Waits as liqoctl does: observedGeneration == generation and the phase is one of <paramref name="phases"/>; returns the object.</summary>
    internal static async Task<JsonObject> WaitForPhaseAsync(PlainPeering p, string ns, params string[] phases)
    {
        JsonObject? nsoff = null;
        await p.WaitAsync(async () =>
        {
            nsoff = await p.Consumer.GetAsync(Nsoff, ns, "offloading");
            return nsoff is not null && ClusterClient.Str(nsoff, "status", "observedGeneration") == ClusterClient.Str(nsoff, "metadata", "generation")
                && phases.Contains(ClusterClient.Str(nsoff, "status", "offloadingPhase"));
        }, $"NamespaceOffloading {ns}/offloading {string.Join("|", phases)}");
        return nsoff!;
    }

    private static JsonObject? RemoteCondition(JsonObject nsoff, string cluster, string type) =>
        (ClusterClient.At(nsoff, "status", "remoteNamespacesConditions", cluster) as JsonArray)?.OfType<JsonObject>()
            .FirstOrDefault(c => ClusterClient.Str(c, "type") == type);

    private static async Task<V1Namespace?> NamespaceAsync(ClusterClient c, string name)
    {
        try
        {
            return await c.K.CoreV1.ReadNamespaceAsync(name);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    [Fact]
    public async Task DefaultNameOffloadingCreatesTheRemoteNamespaceOnTheProviderAndUnoffloadingRemovesIt()
    {
        await using var scope = await LiqoSandboxScope.StartAsync(output);
        var p = scope.Peering;
        await p.PeerAsync();
        await CreateNamespaceAsync(p.Consumer, "demo");
        await p.Consumer.CreateAsync(Nsoff, "demo", Offloading("demo"));

        var nsoff = await WaitForPhaseAsync(p, "demo", "Ready");
        Assert.Equal("demo-" + p.C, ClusterClient.Str(nsoff, "status", "remoteNamespaceName"));
        Assert.Contains("namespaceoffloading-controller.liqo.io/finalizer", ClusterClient.At(nsoff, "metadata", "finalizers")!.AsArray().Select(f => (string?)f));
        var required = RemoteCondition(nsoff, p.P, "OffloadingRequired");
        Assert.Equal(("True", "ClusterSelected"), (ClusterClient.Str(required, "status"), ClusterClient.Str(required, "reason")));
        var ready = RemoteCondition(nsoff, p.P, "Ready");
        Assert.Equal(("True", "NamespaceCreated", "Namespace correctly offloaded to the remote cluster"),
            (ClusterClient.Str(ready, "status"), ClusterClient.Str(ready, "reason"), ClusterClient.Str(ready, "message")));
        Assert.Equal("true", (await p.Consumer.K.CoreV1.ReadNamespaceAsync("demo")).Metadata.Labels["liqo.io/scheduling-enabled"]);

        // The consumer's NamespaceMap (in the provider's tenant namespace, named after the provider) and its replica on the provider.
        var local = await p.Consumer.GetAsync(NamespaceMap, p.ConsumerTenantNs, p.P);
        Assert.Equal("true", ClusterClient.Str(local, "metadata", "labels", "liqo.io/replication"));
        Assert.Equal(p.P, ClusterClient.Str(local, "metadata", "labels", "liqo.io/remoteID"));
        Assert.Equal("demo-" + p.C, ClusterClient.Str(local, "spec", "desiredMapping", "demo"));
        Assert.Equal("Accepted", ClusterClient.Str(local, "status", "currentMapping", "demo", "phase"));
        Assert.Equal("demo-" + p.C, ClusterClient.Str(local, "status", "currentMapping", "demo", "remoteNamespace"));
        var replica = await p.Provider.GetAsync(NamespaceMap, p.ProviderTenantNs, p.P);
        Assert.Equal(("true", "false", p.C), (ClusterClient.Str(replica, "metadata", "labels", "liqo.io/replicated"),
            ClusterClient.Str(replica, "metadata", "labels", "liqo.io/replication"), ClusterClient.Str(replica, "metadata", "labels", "liqo.io/originID")));
        Assert.Contains("namespacemap-controller.liqo.io/finalizer", ClusterClient.At(replica, "metadata", "finalizers")!.AsArray().Select(f => (string?)f));

        // The remote namespace and the RoleBinding that lets the consumer's identity work in it.
        var remote = await NamespaceAsync(p.Provider, "demo-" + p.C);
        Assert.NotNull(remote);
        Assert.Equal(p.C, remote!.Metadata.Labels["liqo.io/remote-cluster-id"]);
        Assert.Equal($"{p.ProviderTenantNs}/{p.P}", remote.Metadata.Annotations["liqo.io/managed-by-namespace-map"]);
        Assert.Equal("demo", remote.Metadata.Annotations["liqo.io/original-name"]);
        var binding = await p.Provider.K.RbacAuthorizationV1.ReadNamespacedRoleBindingAsync(p.ProviderTenantNs, "demo-" + p.C);
        Assert.Equal(("ClusterRole", "liqo-virtual-kubelet-remote"), (binding.RoleRef.Kind, binding.RoleRef.Name));
        Assert.Equal(("Group", p.C), (binding.Subjects.Single().Kind, binding.Subjects.Single().Name));
        Assert.Equal("liqo", binding.Metadata.Labels["app.kubernetes.io/managed-by"]);

        // Unoffload: the object goes only after the remote namespace is gone.
        await p.Consumer.DeleteAsync(Nsoff, "demo", "offloading");
        await p.WaitAsync(async () => await p.Consumer.GetAsync(Nsoff, "demo", "offloading") is null, "the NamespaceOffloading gone");
        Assert.Null(await NamespaceAsync(p.Provider, "demo-" + p.C));
        local = await p.Consumer.GetAsync(NamespaceMap, p.ConsumerTenantNs, p.P);
        Assert.Null(ClusterClient.At(local, "spec", "desiredMapping", "demo"));
        Assert.Null(ClusterClient.At(local, "status", "currentMapping", "demo"));
        Assert.False((await p.Consumer.K.CoreV1.ReadNamespaceAsync("demo")).Metadata.Labels?.ContainsKey("liqo.io/scheduling-enabled") ?? false);
    }

    [Fact]
    public async Task TheMappingStrategiesNameTheRemoteNamespaceAndTheWebhookGuardsThem()
    {
        await using var scope = await LiqoSandboxScope.StartAsync(output);
        var p = scope.Peering;
        await p.PeerAsync();
        await CreateNamespaceAsync(p.Consumer, "same");
        await CreateNamespaceAsync(p.Consumer, "chosen");

        var denied = await Assert.ThrowsAsync<HttpOperationException>(() => p.Consumer.CreateAsync(Nsoff, "chosen", Offloading("chosen", mapping: "SelectedName")));
        Assert.Contains("The RemoteNamespaceName value cannot be empty when using the SelectedName NamespaceMappingStrategy", denied.Response.Content);
        var badName = Offloading("chosen");
        badName["metadata"]!["name"] = "other";
        denied = await Assert.ThrowsAsync<HttpOperationException>(() => p.Consumer.CreateAsync(Nsoff, "chosen", badName));
        Assert.Contains("NamespaceOffloading name must match offloading", denied.Response.Content);

        await p.Consumer.CreateAsync(Nsoff, "same", Offloading("same", mapping: "EnforceSameName"));
        await p.Consumer.CreateAsync(Nsoff, "chosen", Offloading("chosen", mapping: "SelectedName", remoteName: "picked-by-me"));
        Assert.Equal("same", ClusterClient.Str(await WaitForPhaseAsync(p, "same", "Ready"), "status", "remoteNamespaceName"));
        Assert.Equal("picked-by-me", ClusterClient.Str(await WaitForPhaseAsync(p, "chosen", "Ready"), "status", "remoteNamespaceName"));
        Assert.Equal("same", (await NamespaceAsync(p.Provider, "same"))!.Metadata.Annotations["liqo.io/original-name"]);
        Assert.Equal("chosen", (await NamespaceAsync(p.Provider, "picked-by-me"))!.Metadata.Annotations["liqo.io/original-name"]);

        var nsoff = await p.Consumer.GetAsync(Nsoff, "chosen", "offloading");
        nsoff!["spec"]!["remoteNamespaceName"] = "another";
        denied = await Assert.ThrowsAsync<HttpOperationException>(() => p.Consumer.ReplaceAsync(Nsoff, nsoff));
        Assert.Contains("The RemoteNamespaceName value cannot be modified after creation", denied.Response.Content);
    }

    [Fact]
    public async Task AClusterSelectorThatMatchesNoProviderIsNoClusterSelectedUntilItMatches()
    {
        await using var scope = await LiqoSandboxScope.StartAsync(output);
        var p = scope.Peering;
        await p.PeerAsync();
        await CreateNamespaceAsync(p.Consumer, "picky");
        var terms = new JsonArray(new JsonObject
        {
            ["matchExpressions"] = new JsonArray(new JsonObject { ["key"] = "topology.kubernetes.io/region", ["operator"] = "In", ["values"] = new JsonArray("mars") }),
        });
        await p.Consumer.CreateAsync(Nsoff, "picky", Offloading("picky", terms: terms));

        var nsoff = await WaitForPhaseAsync(p, "picky", "NoClusterSelected");
        var required = RemoteCondition(nsoff, p.P, "OffloadingRequired");
        Assert.Equal(("False", "ClusterNotSelected"), (ClusterClient.Str(required, "status"), ClusterClient.Str(required, "reason")));
        Assert.Null(RemoteCondition(nsoff, p.P, "Ready"));
        Assert.Null(ClusterClient.At(await p.Consumer.GetAsync(NamespaceMap, p.ConsumerTenantNs, p.P), "spec", "desiredMapping", "picky"));
        Assert.Null(await NamespaceAsync(p.Provider, "picky-" + p.C));

        nsoff["spec"]!["clusterSelector"] = new JsonObject
        {
            ["nodeSelectorTerms"] = new JsonArray(new JsonObject
            {
                ["matchExpressions"] = new JsonArray(new JsonObject { ["key"] = "liqo.io/remote-cluster-id", ["operator"] = "In", ["values"] = new JsonArray(p.P) }),
            }),
        };
        await p.Consumer.ReplaceAsync(Nsoff, nsoff);
        nsoff = await WaitForPhaseAsync(p, "picky", "Ready");
        Assert.Equal("2", ClusterClient.Str(nsoff, "status", "observedGeneration"));
        Assert.NotNull(await NamespaceAsync(p.Provider, "picky-" + p.C));
    }

    [Fact]
    public async Task TheFailureKnobMakesTheOffloadingAllFailedNamingTheProviderUntilItIsCleared()
    {
        await using var scope = await LiqoSandboxScope.StartAsync(output, new LiqoSandboxOptions
        {
            Clusters = ImmutableDictionary<string, LiqoOptions>.Empty.Add("provider", new LiqoOptions { RemoteNamespaceCreationFailing = true }),
        });
        var p = scope.Peering;
        await p.PeerAsync();
        await CreateNamespaceAsync(p.Consumer, "doomed");
        await p.Consumer.CreateAsync(Nsoff, "doomed", Offloading("doomed"));

        var nsoff = await WaitForPhaseAsync(p, "doomed", "AllFailed");
        var ready = RemoteCondition(nsoff, p.P, "Ready");
        Assert.Equal(("False", "CreationLoopBackOff", "Some problems occurred during remote namespace creation"),
            (ClusterClient.Str(ready, "status"), ClusterClient.Str(ready, "reason"), ClusterClient.Str(ready, "message")));
        Assert.Equal("CreationLoopBackOff", ClusterClient.Str(await p.Consumer.GetAsync(NamespaceMap, p.ConsumerTenantNs, p.P), "status", "currentMapping", "doomed", "phase"));
        Assert.Null(await NamespaceAsync(p.Provider, "doomed-" + p.C));

        scope.Provider.UpdateOptions(o => o with { RemoteNamespaceCreationFailing = false });
        await WaitForPhaseAsync(p, "doomed", "Ready");
        Assert.NotNull(await NamespaceAsync(p.Provider, "doomed-" + p.C));
    }

    [Fact]
    public async Task ANamespaceTakenOnTheProviderFailsTheEnforceSameNameMapping()
    {
        await using var scope = await LiqoSandboxScope.StartAsync(output);
        var p = scope.Peering;
        await p.PeerAsync();
        await CreateNamespaceAsync(p.Consumer, "taken");
        await CreateNamespaceAsync(p.Provider, "taken");
        await p.Consumer.CreateAsync(Nsoff, "taken", Offloading("taken", mapping: "EnforceSameName"));
        var nsoff = await WaitForPhaseAsync(p, "taken", "AllFailed");
        Assert.Equal("CreationLoopBackOff", ClusterClient.Str(RemoteCondition(nsoff, p.P, "Ready"), "reason"));

        // Unoffloading leaves the namespace it does not manage alone.
        await p.Consumer.DeleteAsync(Nsoff, "taken", "offloading");
        await p.WaitAsync(async () => await p.Consumer.GetAsync(Nsoff, "taken", "offloading") is null, "the NamespaceOffloading gone");
        Assert.Null((await NamespaceAsync(p.Provider, "taken"))!.Metadata.DeletionTimestamp);
    }

    [Fact]
    public async Task OneFailingProviderOfTwoMakesTheOffloadingSomeFailed()
    {
        var dir = Directory.CreateTempSubdirectory("liqo-sim-").FullName;
        var sandbox = await LiqoSandbox.StartAsync(dir, ["consumer", "provider", "broken"], new LiqoSandboxOptions
        {
            Clusters = ImmutableDictionary<string, LiqoOptions>.Empty.Add("broken", new LiqoOptions { RemoteNamespaceCreationFailing = true }),
        });
        using var good = new PlainPeering(sandbox, "consumer", "provider") { Trace = output.WriteLine };
        using var bad = new PlainPeering(sandbox, "consumer", "broken") { Trace = output.WriteLine };
        try
        {
            await good.PeerAsync();
            await bad.PeerAsync();
            await CreateNamespaceAsync(good.Consumer, "half");
            await good.Consumer.CreateAsync(Nsoff, "half", Offloading("half"));
            var nsoff = await WaitForPhaseAsync(good, "half", "SomeFailed");
            // SomeFailed as soon as one fails, while the other may still be Creating: it stays SomeFailed once that one is ready.
            await good.WaitAsync(async () => ClusterClient.Str(RemoteCondition(nsoff = (await good.Consumer.GetAsync(Nsoff, "half", "offloading"))!,
                "provider", "Ready"), "reason") == "NamespaceCreated", "the provider's remote namespace created");
            Assert.Equal("SomeFailed", ClusterClient.Str(nsoff, "status", "offloadingPhase"));
            Assert.Equal("CreationLoopBackOff", ClusterClient.Str(RemoteCondition(nsoff, "broken", "Ready"), "reason"));
            Assert.NotNull(await NamespaceAsync(good.Provider, "half-consumer"));
            Assert.Null(await NamespaceAsync(bad.Provider, "half-consumer"));
        }
        finally
        {
            foreach (var c in sandbox.Clusters)
                foreach (var line in c.ControllerLog) output.WriteLine($"{c.Name}: {line}");
            await sandbox.DisposeAsync();
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public async Task UnpeeringRemovesTheNamespaceMapsAndTheRemoteNamespace()
    {
        await using var scope = await LiqoSandboxScope.StartAsync(output);
        var p = scope.Peering;
        await p.PeerAsync();
        await CreateNamespaceAsync(p.Consumer, "leaving");
        await p.Consumer.CreateAsync(Nsoff, "leaving", Offloading("leaving"));
        await WaitForPhaseAsync(p, "leaving", "Ready");
        Assert.NotNull(await NamespaceAsync(p.Provider, "leaving-" + p.C));

        await p.UnpeerAsync();
        await p.WaitAsync(async () => await NamespaceAsync(p.Provider, "leaving-" + p.C) is null, "the remote namespace gone");
        Assert.Empty(await p.Consumer.ListAsync(NamespaceMap));
        Assert.Empty(await p.Provider.ListAsync(NamespaceMap));
        var nsoff = await WaitForPhaseAsync(p, "leaving", "NoClusterSelected");
        Assert.Null(ClusterClient.At(nsoff, "status", "remoteNamespacesConditions"));
    }
}
