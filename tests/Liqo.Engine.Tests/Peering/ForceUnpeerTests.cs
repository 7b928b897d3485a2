using Liqo.Engine.ClusterAccess;
using Liqo.Engine.Peering;
using Liqo.Engine.Resources;
using Liqo.Sandbox.Liqo;

namespace Liqo.Engine.Tests.Peering;

/// <summary>
/// liqoctl force unpeer through the engine, on the simulated Liqo: with the provider down and only the consumer at
/// hand, the ForeignCluster gets the annotation, the tenant namespace goes (Liqo's controllers release what held it)
/// and liqoctl's lines are printed; -WhatIf writes nothing; an unknown or malformed ID changes nothing.
/// </summary>
public sealed class ForceUnpeerTests : IAsyncLifetime
{
    private readonly string _dir = Directory.CreateTempSubdirectory("liqo-force-unpeer-").FullName;
    private LiqoSandbox _sandbox = null!;

    public async Task InitializeAsync() => _sandbox = await LiqoSandbox.StartAsync(_dir, ["consumer", "provider"]);

    public async Task DisposeAsync()
    {
        await _sandbox.DisposeAsync();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }

    private sealed class Log(WriteDecision decision = WriteDecision.Proceed) : IOperationLog
    {
        public List<string> Steps { get; } = [];
        public List<string> Writes { get; } = [];
        public void Verbose(string message) { }
        public void Warning(string message) { }
        public void Step(StepEvent step) { lock (Steps) Steps.Add(step.ToString()); }

        public Task<WriteDecision> ShouldWriteAsync(string target, string action)
        {
            lock (Writes) Writes.Add($"{action} on {target}");
            return Task.FromResult(decision);
        }
    }

    private ClusterConnection Connect(string name, string scope = "local") =>
        ClusterConnection.Open(new KubeconfigSource(_sandbox[name].KubeconfigPath, null, null, Scope: scope));

    private async Task PeerAsync()
    {
        using var consumer = Connect("consumer");
        using var provider = Connect("provider", "remote");
        using var op = new Operation(NullOperationLog.Instance, TimeSpan.FromMinutes(1), default);
        var peered = await Peer.RunAsync(op, consumer, provider, new PeerOptions());
        Assert.True(peered.VirtualNodeReady);
    }

    private static async Task<ForceUnpeerResult> ForceAsync(ClusterConnection local, string id, Log log, ForceUnpeerOptions? o = null)
    {
        using var op = new Operation(log, TimeSpan.FromSeconds(30), default);
        return await op.BoundAsync(() => ForceUnpeer.RunAsync(op, local, id, o ?? new ForceUnpeerOptions()));
    }

    [Fact]
    public async Task WithTheProviderDownTheConsumerAloneRemovesItsSideOfThePeering()
    {
        await PeerAsync();
        _sandbox["provider"].Cluster.Faults.SetUnreachable(true);
        using var consumer = Connect("consumer");

        // -WhatIf: the plan names both writes, nothing is written, nothing is waited for
        var plan = new Log(WriteDecision.WhatIf);
        var planned = await ForceAsync(consumer, "provider", plan);
        Assert.True(planned.WhatIf);
        Assert.False(planned.TenantNamespaceGone);
        Assert.Equal(
            [
                "Annotate on local cluster consumer: ForeignCluster provider (liqo.io/foreign-cluster-permanently-unreachable=true)",
                "Delete on local cluster consumer: Namespace liqo-tenant-provider",
            ], plan.Writes);
        Assert.DoesNotContain("INFO (local) Force unpeer executed successfully", plan.Steps);
        Assert.Null((await consumer.Api.GetAsync(Kinds.ForeignCluster, null, "provider", default))!.Annotation(LiqoConstants.PermanentlyUnreachableAnnotation));
        Assert.Null((await consumer.Api.GetAsync(Kinds.Namespace, null, "liqo-tenant-provider", default))!.StringAt("metadata.deletionTimestamp"));

        var log = new Log();
        var result = await ForceAsync(consumer, "provider", log);
        Assert.Equal(
            [
                "INFO (local) Info about the remote cluster retrieved successfully",
                "INFO (local) Foreign cluster declared as permanently unreachable successfully",
                "INFO (local) Tenant namespace deleted",
                "INFO (local) Ensured tenant namespace absence",
                "INFO (local) Force unpeer executed successfully",
            ], log.Steps);
        Assert.Equal(new ForceUnpeerResult("consumer", "provider", "provider", "liqo-tenant-provider", true, false, result.Duration), result);
        Assert.Equal("true", (await consumer.Api.GetAsync(Kinds.ForeignCluster, null, "provider", default))!.Annotation(LiqoConstants.PermanentlyUnreachableAnnotation));
        Assert.Null(await consumer.Api.GetAsync(Kinds.Namespace, null, "liqo-tenant-provider", default));
        Assert.Empty((await consumer.Api.ListAsync(Kinds.VirtualNode, null, "liqo.io/remote-cluster-id=provider", ct: default)).Items);
        Assert.Null(await consumer.Api.GetAsync(Kinds.Node, null, "provider", default));

        // again: nothing left to write, the lines say so
        var again = new Log();
        var second = await ForceAsync(consumer, "provider", again);
        Assert.Empty(again.Writes);
        Assert.Contains("INFO (local) Tenant namespace already deleted", again.Steps);
        Assert.True(second.TenantNamespaceGone);
    }

    [Fact]
    public async Task AnUnknownOrMalformedIdChangesNothing()
    {
        using var consumer = Connect("consumer");
        var log = new Log();
        var missing = await Assert.ThrowsAsync<LiqoException>(() => ForceAsync(consumer, "nobody", log));
        Assert.Equal(ErrorIds.PeeringNotFound, missing.ErrorId);
        Assert.StartsWith("Remote cluster with ID nobody not found", missing.Message, StringComparison.Ordinal);
        var malformed = await Assert.ThrowsAsync<LiqoException>(() => ForceAsync(consumer, "provider,liqo.io/tenant-namespace", log));
        Assert.Equal(ErrorIds.ClusterIdInvalid, malformed.ErrorId);
        var self = await Assert.ThrowsAsync<LiqoException>(() => ForceAsync(consumer, "consumer", log));
        Assert.Equal(ErrorIds.SameCluster, self.ErrorId);
        Assert.Empty(log.Writes);
        Assert.Empty(log.Steps);
    }
}
