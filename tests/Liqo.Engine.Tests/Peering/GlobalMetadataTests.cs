using System.Text.Json.Nodes;
using Liqo.Engine.Lifecycle;
using Liqo.Engine.Offloading;
using Liqo.Engine.Peering;
using Liqo.Engine.Resources;

namespace Liqo.Engine.Tests.Peering;

/// <summary>
/// liqoctl's --global-labels and --global-annotations (-GlobalLabel, -GlobalAnnotation; liqoctl v1.2.0
/// utils/resource/wrappers.go): on every object liqoctl writes through its CreateOrUpdate, on both clusters, at every run
/// (existing objects included, a key of the same name replaced), with ${name}, ${namespace}, ${kind} and ${group}
/// replaced; on the signed nonce Secret only when it is made; on nothing liqoctl writes without the wrapper (tenant
/// namespaces, a cordon's update).
/// </summary>
public sealed class GlobalMetadataTests() : LiqoPairTest("liqo-global-")
{
    private static readonly GlobalMetadata Team = GlobalMetadata.Create(
        new Dictionary<string, string> { ["team"] = "payments", ["example.com/origin"] = "${kind}.${name}" },
        new Dictionary<string, string> { ["example.com/ticket"] = "OPS-42 in ${namespace}" });

    /// <summary>What liqoctl peer writes through its CreateOrUpdate: (cluster, kind, namespace, name).</summary>
    private static readonly (string Cluster, ResourceKind Kind, string Namespace, string Name)[] LabelledByPeer =
    [
        ("consumer", Kinds.Configuration, "liqo-tenant-provider", "provider"),
        ("consumer", Kinds.GatewayClient, "liqo-tenant-provider", "provider"),
        ("consumer", Kinds.PublicKey, "liqo-tenant-provider", "provider"),
        ("consumer", Kinds.Identity, "liqo-tenant-provider", "controlplane-provider"),
        ("consumer", Kinds.ResourceSlice, "liqo-tenant-provider", "provider"),
        ("provider", Kinds.Configuration, "liqo-tenant-consumer", "consumer"),
        ("provider", Kinds.GatewayServer, "liqo-tenant-consumer", "consumer"),
        ("provider", Kinds.PublicKey, "liqo-tenant-consumer", "consumer"),
        ("provider", Kinds.Tenant, "liqo-tenant-consumer", "consumer"),
        ("provider", Kinds.Secret, "liqo-tenant-consumer", LiqoConstants.NonceSecretName),
    ];

    private async Task PeerAsync(GlobalMetadata global)
    {
        using var consumer = Connect("consumer");
        using var provider = Connect("provider", "remote");
        using var op = new Operation(NullOperationLog.Instance, TimeSpan.FromMinutes(2), default) { GlobalMetadata = global };
        await Peer.RunAsync(op, consumer, provider, new PeerOptions());
    }

    private async Task<JsonObject> GetAsync(string cluster, ResourceKind kind, string? ns, string name)
    {
        using var c = Connect(cluster);
        return await c.Api.GetAsync(kind, ns, name, default) ?? throw new InvalidOperationException($"{kind.Kind} {ns}/{name} is missing on {cluster}");
    }

    private static void AssertCarriesTeam(JsonObject o, ResourceKind kind)
    {
        var what = $"{kind.Kind} {o.Namespace()}/{o.Name()}";
        Assert.True(o.Label("team") == "payments", $"{what} lacks team=payments");
        Assert.Equal($"{kind.Kind}.{o.Name()}", o.Label("example.com/origin"));
        Assert.Equal($"OPS-42 in {o.Namespace()}", o.Annotation("example.com/ticket"));
    }

    [Fact]
    public async Task PeeringPutsThemOnEveryObjectLiqoctlLabelsOnBothClustersAndNotOnTheTenantNamespaces()
    {
        await PeerAsync(Team);

        foreach (var (cluster, kind, ns, name) in LabelledByPeer) AssertCarriesTeam(await GetAsync(cluster, kind, ns, name), kind);
        // liqoctl adds them to the signed nonce Secret it creates (resource.AddGlobalLabels before Create)
        AssertCarriesTeam(await GetAsync("consumer", Kinds.Secret, "liqo-tenant-provider", LiqoConstants.SignedNonceSecretName), Kinds.Secret);
        // Liqo's own labels are kept: the global ones come on top
        Assert.Equal("consumer", (await GetAsync("provider", Kinds.Tenant, "liqo-tenant-consumer", "consumer")).Label(LiqoConstants.RemoteClusterIdLabel));
        // the tenant namespaces are made by liqoctl's namespace manager, which adds no global labels
        Assert.Null((await GetAsync("consumer", Kinds.Namespace, null, "liqo-tenant-provider")).Label("team"));
        Assert.Null((await GetAsync("provider", Kinds.Namespace, null, "liqo-tenant-consumer")).Label("team"));
    }

    [Fact]
    public async Task ARerunAddsThemToExistingObjectsAndReplacesAValueOfTheSameKeyButTheSignedNonceKeepsItsOwn()
    {
        await PeerAsync(GlobalMetadata.None);
        // a label of the same key set by someone else is replaced, as liqoctl's wrapper does
        using (var provider = Connect("provider"))
        {
            var tenant = (await provider.Api.GetAsync(Kinds.Tenant, "liqo-tenant-consumer", "consumer", default))!;
            ObjectWriter.SetLabel(tenant, "team", "old");
            await provider.Api.UpdateAsync(Kinds.Tenant, "liqo-tenant-consumer", tenant, default);
        }

        await PeerAsync(Team);

        foreach (var (cluster, kind, ns, name) in LabelledByPeer) AssertCarriesTeam(await GetAsync(cluster, kind, ns, name), kind);
        // liqoctl only creates the signed nonce Secret (EnsureSignedNonceSecret): an existing one is left as it is
        Assert.Null((await GetAsync("consumer", Kinds.Secret, "liqo-tenant-provider", LiqoConstants.SignedNonceSecretName)).Label("team"));

        // a run without them removes nothing
        await PeerAsync(GlobalMetadata.None);
        AssertCarriesTeam(await GetAsync("provider", Kinds.Tenant, "liqo-tenant-consumer", "consumer"), Kinds.Tenant);
    }

    [Fact]
    public async Task TheNamespaceOffloadingGetsThemAndACordonOfTheTenantDoesNot()
    {
        await PeerAsync(GlobalMetadata.None);
        using var consumer = Connect("consumer");
        using var provider = Connect("provider", "remote");
        using var op = new Operation(NullOperationLog.Instance, TimeSpan.FromMinutes(2), default) { GlobalMetadata = Team };

        await Offload.NamespaceAsync(op, consumer, "default", new OffloadOptions(), wait: false);
        AssertCarriesTeam(await GetAsync("consumer", Kinds.NamespaceOffloading, "default", "offloading"), Kinds.NamespaceOffloading);

        // liqoctl cordon tenant writes with a plain Update: no global labels
        await TenantCondition.SetAsync(op, provider, "consumer", null, TenantCondition.Transition.Cordon);
        var tenant = await GetAsync("provider", Kinds.Tenant, "liqo-tenant-consumer", "consumer");
        Assert.Equal(TenantCondition.Cordoned, TenantCondition.Of(tenant));
        Assert.Null(tenant.Label("team"));
    }

    [Theory]
    [InlineData("GlobalLabel", "bad key!", "x")]
    [InlineData("GlobalLabel", "team", "not a value")]
    [InlineData("GlobalLabel", "team", "${unknown}")]
    [InlineData("GlobalLabel", "liqo.io/remote-cluster-id", "x")]
    [InlineData("GlobalLabel", "networking.liqo.io/component", "x")]
    [InlineData("GlobalAnnotation", "Example.com/", "x")]
    [InlineData("GlobalAnnotation", "liqo.io/create-virtual-node", "false")]
    public void BadKeysAndValuesAreRefusedNamingTheParameter(string parameter, string key, string value)
    {
        var given = new Dictionary<string, string> { [key] = value };
        var e = Assert.Throws<LiqoException>(() => parameter == "GlobalLabel" ? GlobalMetadata.Create(given, null) : GlobalMetadata.Create(null, given));
        Assert.Equal(ErrorIds.InvalidArgument, e.ErrorId);
        Assert.StartsWith($"-{parameter} '{key}", e.Message, StringComparison.Ordinal);
        Assert.Contains("nothing was written", e.RecommendedAction, StringComparison.Ordinal);
    }

    [Fact]
    public void AnUnknownVariableIsNamedAsSuch()
    {
        var e = Assert.Throws<LiqoException>(() => GlobalMetadata.Create(new Dictionary<string, string> { ["origin"] = "${cluster}" }, null));
        Assert.Contains("names a variable other than ${namespace}, ${name}, ${kind} and ${group}", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnnotationValuesAndUpperCaseAnnotationKeysAreTakenAsTheApiServerTakesThem()
    {
        var m = GlobalMetadata.Create(null, new Dictionary<string, string> { ["Example.com/Note"] = "any text: even this!" });
        var o = Json.Object(Kinds.Secret, "s", "ns");
        m.ApplyTo(o, Kinds.Secret);
        Assert.Equal("any text: even this!", o.Annotation("Example.com/Note"));
    }

    [Fact]
    public void AValueTheObjectsNameMakesTooLongIsRefusedBeforeTheWrite()
    {
        var m = GlobalMetadata.Create(new Dictionary<string, string> { ["origin"] = "${name}" }, null);
        var o = Json.Object(Kinds.ResourceSlice, new string('a', 64), "ns");
        var e = Assert.Throws<LiqoException>(() => m.ApplyTo(o, Kinds.ResourceSlice));
        Assert.Equal(ErrorIds.InvalidArgument, e.ErrorId);
        Assert.Contains("ResourceSlice", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WhatIfNamesThemInThePlannedWrites()
    {
        using var consumer = Connect("consumer");
        using var provider = Connect("provider", "remote");
        var log = new PlanLog();
        using var op = new Operation(log, TimeSpan.FromMinutes(1), default) { WhatIf = true, GlobalMetadata = Team };
        await Peer.RunAsync(op, consumer, provider, new PeerOptions());
        Assert.Contains(log.Planned, p => p.Contains("Tenant liqo-tenant-consumer/consumer with global labels example.com/origin=Tenant.consumer, team=payments " +
                                                     "and global annotations example.com/ticket=OPS-42 in liqo-tenant-consumer", StringComparison.Ordinal));
        Assert.Null(await provider.Api.GetAsync(Kinds.Tenant, "liqo-tenant-consumer", "consumer", default));
    }

    /// <summary>A log that answers every write with WhatIf and keeps what would be written.</summary>
    private sealed class PlanLog : IOperationLog
    {
        public List<string> Planned { get; } = [];

        public void Step(StepEvent step) { }

        public void Verbose(string message) { }

        public void Warning(string message) { }

        public Task<WriteDecision> ShouldWriteAsync(string target, string action)
        {
            lock (Planned) Planned.Add($"{action} {target}");
            return Task.FromResult(WriteDecision.WhatIf);
        }
    }
}
