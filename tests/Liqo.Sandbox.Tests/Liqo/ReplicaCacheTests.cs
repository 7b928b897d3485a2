using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Liqo.Sandbox.Liqo.Controllers;

namespace Liqo.Sandbox.Tests.Liqo;

/// <summary>
/// The CRD replicator's cache of the provider's replicas never goes back in resourceVersion: when the provider's status
/// (a watch event) is seen before the answer to the replicator's own create, the status stays, else the local slice
/// would never get it (a ResourceSlice then waits forever for its Authentication condition).
/// </summary>
public sealed class ReplicaCacheTests
{
    private static JsonObject Replica(string rv, bool withStatus)
    {
        var o = new JsonObject { ["metadata"] = new JsonObject { ["name"] = "extra", ["resourceVersion"] = rv } };
        if (withStatus) o["status"] = new JsonObject { ["conditions"] = new JsonArray(new JsonObject { ["type"] = "Authentication", ["status"] = "Accepted" }) };
        return o;
    }

    [Fact]
    public void AnOlderAnswerDoesNotReplaceANewerWatchEvent()
    {
        var cache = new ConcurrentDictionary<string, JsonObject>(StringComparer.Ordinal);
        CrdReplicatorController.KeepNewest(cache, "extra", Replica("1639", withStatus: true)); // the watch's MODIFIED
        CrdReplicatorController.KeepNewest(cache, "extra", Replica("1637", withStatus: false)); // the create's answer, late
        Assert.Equal("1639", cache["extra"]["metadata"]!["resourceVersion"]!.GetValue<string>());
        Assert.NotNull(cache["extra"]["status"]);
    }

    [Fact]
    public void ANewerVersionReplacesAnOlderOne()
    {
        var cache = new ConcurrentDictionary<string, JsonObject>(StringComparer.Ordinal);
        CrdReplicatorController.KeepNewest(cache, "extra", Replica("10", withStatus: false));
        CrdReplicatorController.KeepNewest(cache, "extra", Replica("11", withStatus: true));
        Assert.NotNull(cache["extra"]["status"]);
    }
}
