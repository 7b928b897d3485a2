using System.Text.Json.Nodes;
using Liqo.Engine.ClusterAccess;
using Liqo.Engine.Offloading;
using Liqo.Engine.Resources;

namespace Liqo.Engine.Tests.Offloading;

/// <summary>
/// liqoctl's wait.ForOffloading on a watch: it goes by the status only once observedGeneration equals generation, ends on
/// Ready or NoClusterSelected, and fails on SomeFailed/AllFailed naming the clusters whose remote namespace failed. The
/// sandbox's NamespaceOffloading controller is turned off here, and the test writes the status a real Liqo would write
/// with two providers, one failing (a pair cannot show SomeFailed).
/// </summary>
public sealed class OffloadWaitTests() : LiqoPairTest("liqo-offload-wait-")
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Sandbox["consumer"].UpdateOptions(o => o with { DisabledControllers = o.DisabledControllers.Add("namespaceoffloading") });
        using var consumer = Connect("consumer");
        await consumer.Api.CreateAsync(Kinds.Namespace, null, Json.Object(Kinds.Namespace, "team", null), default);
    }

    private static JsonObject Condition(string type, string status, string reason) =>
        new() { ["type"] = type, ["status"] = status, ["reason"] = reason, ["message"] = reason + " message" };

    private async Task<JsonObject> WaitForObjectAsync(ClusterConnection consumer)
    {
        JsonObject? found = null;
        await Sandbox.WaitUntilAsync(async ct => (found = await consumer.Api.GetAsync(Kinds.NamespaceOffloading, "team", "offloading", ct)) is not null,
            TimeSpan.FromSeconds(30), "the NamespaceOffloading");
        return found!;
    }

    private static async Task SetStatusAsync(ClusterConnection consumer, JsonObject o, long observed, string phase)
    {
        o["status"] = new JsonObject
        {
            ["observedGeneration"] = observed,
            ["offloadingPhase"] = phase,
            ["remoteNamespaceName"] = "team-consumer",
            ["remoteNamespacesConditions"] = new JsonObject
            {
                ["milan"] = new JsonArray(Condition("OffloadingRequired", "True", "ClusterSelected"), Condition("Ready", "True", "NamespaceCreated")),
                ["rome"] = new JsonArray(Condition("OffloadingRequired", "True", "ClusterSelected"), Condition("Ready", "False", "CreationLoopBackOff")),
            },
        };
        await consumer.Api.UpdateStatusAsync(Kinds.NamespaceOffloading, "team", o, default);
    }

    [Fact]
    public async Task SomeFailedIsAnErrorNamingOnlyTheFailingClusterAndAStaleGenerationIsNotBelieved()
    {
        using var consumer = Connect("consumer");
        using var op = new Operation(NullOperationLog.Instance, TimeSpan.FromMinutes(1), default);
        var offload = op.BoundAsync(() => Offload.NamespaceAsync(op, consumer, "team", new OffloadOptions()));
        var o = await WaitForObjectAsync(consumer);
        var generation = o["metadata"]!["generation"]!.GetValue<long>();

        // a status of an older generation says nothing about this spec: the wait goes on
        await SetStatusAsync(consumer, o, generation - 1, NamespaceOffloading.SomeFailed);
        o = (await consumer.Api.GetAsync(Kinds.NamespaceOffloading, "team", "offloading", default))!;
        Assert.False(offload.IsCompleted);
        await SetStatusAsync(consumer, o, generation, NamespaceOffloading.SomeFailed);

        var e = await Assert.ThrowsAsync<LiqoException>(() => offload);
        Assert.Equal(ErrorIds.OffloadingFailed, e.ErrorId);
        Assert.Equal("rome", e.TargetObject);
        Assert.Contains("the offloading is in \"SomeFailed\" state: the remote namespace \"team-consumer\" could not be created on rome (CreationLoopBackOff: CreationLoopBackOff message)", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("milan", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AWaitThatTimesOutNamesTheLastPhaseSeen()
    {
        using var consumer = Connect("consumer");
        using (var first = new Operation(NullOperationLog.Instance, TimeSpan.FromMinutes(1), default))
            await Offload.NamespaceAsync(first, consumer, "team", new OffloadOptions(), wait: false);
        var o = await WaitForObjectAsync(consumer);
        await SetStatusAsync(consumer, o, o["metadata"]!["generation"]!.GetValue<long>(), NamespaceOffloading.InProgress);

        using var op = new Operation(NullOperationLog.Instance, TimeSpan.FromSeconds(2), default);
        var e = await Assert.ThrowsAsync<LiqoException>(() => op.BoundAsync(() => Offload.NamespaceAsync(op, consumer, "team", new OffloadOptions())));
        Assert.Equal(ErrorIds.WaitTimeout, e.ErrorId);
        Assert.EndsWith("The last phase seen was InProgress.", e.Message, StringComparison.Ordinal);
    }
}
