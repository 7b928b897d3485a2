using Liqo.Engine.ClusterAccess;
using Liqo.Engine.Offloading;
using Liqo.Engine.Peering;
using Liqo.Engine.Resources;

namespace Liqo.Engine.Tests.Offloading;

/// <summary>
/// liqoctl create resourceslice waits for Authentication Accepted through Denied (wait.go ForResourceSliceAuthentication
/// polls until its timeout): the provider sets Denied while it cannot forge the auth parameters and retries
/// (remoteresourceslice_controller.go). The sandbox's auth-params-failing knob is that provider; clearing it is the retry
/// that succeeds.
/// </summary>
public sealed class ResourceSliceAuthenticationWaitTests() : LiqoPairTest("liqo-slice-wait-")
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        using var consumer = Connect("consumer");
        using var provider = Connect("provider", "remote");
        using var op = new Operation(NullOperationLog.Instance, TimeSpan.FromMinutes(2), default);
        await Peer.RunAsync(op, consumer, provider, new PeerOptions { CreateResourceSlice = false });
        Sandbox["provider"].UpdateOptions(o => o with { AuthParamsFailing = true });
    }

    private Task WaitForConsumerSliceAsync(ClusterConnection consumer, string status) =>
        Sandbox.WaitUntilAsync(async ct =>
            await consumer.Api.GetAsync(Kinds.ResourceSlice, "liqo-tenant-provider", "slice", ct) is { } s &&
            ResourceSlice.ConditionStatus(s, ResourceSlice.AuthenticationCondition) == status,
            TimeSpan.FromMinutes(1), $"the consumer's ResourceSlice with Authentication {status}");

    [Fact]
    public async Task ADeniedSliceIsWaitedThroughUntilTheProviderAcceptsIt()
    {
        using var consumer = Connect("consumer");
        var steps = new List<string>();
        using var op = new Operation(new StepLog(steps), TimeSpan.FromMinutes(2), default);
        var create = op.BoundAsync(() => ResourceSlice.CreateAsync(op, consumer, "slice", "provider", new ResourceSliceOptions()));

        await WaitForConsumerSliceAsync(consumer, ResourceSlice.Denied);
        Sandbox["provider"].UpdateOptions(o => o with { AuthParamsFailing = false });

        var slice = await create;
        Assert.Equal(ResourceSlice.Accepted, ResourceSlice.ConditionStatus(slice, ResourceSlice.AuthenticationCondition));
        Assert.Contains(steps, s => s.Contains("ResourceSlice authentication: Accepted", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ASliceStillDeniedAtTheTimeoutFailsNamingTheLastReasonSeen()
    {
        using var consumer = Connect("consumer");
        using (var first = new Operation(NullOperationLog.Instance, TimeSpan.FromMinutes(1), default))
            await ResourceSlice.CreateAsync(first, consumer, "slice", "provider", new ResourceSliceOptions(), wait: false);
        await WaitForConsumerSliceAsync(consumer, ResourceSlice.Denied);

        using var op = new Operation(NullOperationLog.Instance, TimeSpan.FromSeconds(2), default);
        var e = await Assert.ThrowsAsync<LiqoException>(() =>
            op.BoundAsync(() => ResourceSlice.CreateAsync(op, consumer, "slice", "provider", new ResourceSliceOptions())));
        Assert.Equal(ErrorIds.ResourceSliceDenied, e.ErrorId);
        Assert.Equal(LiqoErrorCategory.OperationTimeout, e.Category);
        Assert.Contains("The last Authentication condition seen was Denied (ResourceSliceAuthenticationDenied: ResourceSlice authentication denied).", e.Message);
    }

    private sealed class StepLog(List<string> steps) : IOperationLog
    {
        public void Verbose(string message) { }
        public void Warning(string message) { }
        public void Step(StepEvent step) { lock (steps) steps.Add(step.ToString()); }
        public Task<WriteDecision> ShouldWriteAsync(string target, string action) => Task.FromResult(WriteDecision.Proceed);
    }
}
