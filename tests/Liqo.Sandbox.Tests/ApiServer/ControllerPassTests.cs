using System.Diagnostics;
using System.Text.Json.Nodes;
using k8s;
using Liqo.Sandbox.ApiServer.Controllers;
using Liqo.Sandbox.ApiServer.Storage;

namespace Liqo.Sandbox.Tests.ApiServer;

/// <summary>
/// The controllers (namespace, CRD finalizer, garbage collector) read the whole store in a pass, under the store lock. They
/// must pass only after changes that can need them (and on their 1-second resync): a flood of plain writes that made them
/// scan after every write would make each write cost O(objects) and block the other writers meanwhile.
/// </summary>
public sealed class ControllerPassTests(ClusterFixture f) : IClassFixture<ClusterFixture>
{
    private static JsonObject Cm(string name, JsonArray? owners = null, string? deletionTimestamp = null)
    {
        var meta = new JsonObject { ["name"] = name, ["namespace"] = "default", ["uid"] = Guid.NewGuid().ToString() };
        if (owners is not null) meta["ownerReferences"] = owners;
        if (deletionTimestamp is not null) meta["deletionTimestamp"] = deletionTimestamp;
        return new JsonObject { ["kind"] = "ConfigMap", ["apiVersion"] = "v1", ["metadata"] = meta };
    }

    private static ChangeRecord Change(string type, JsonObject obj, JsonObject? old = null) =>
        new(2000, "/configmaps", "default", obj["metadata"]!["name"]!.GetValue<string>(), type, old, obj);

    [Fact]
    public void Only_deletions_terminating_objects_and_dependents_need_a_pass()
    {
        var owners = new JsonArray(new JsonObject { ["apiVersion"] = "v1", ["kind"] = "ConfigMap", ["name"] = "o", ["uid"] = "u-1" });
        Assert.False(ClusterControllers.NeedsPass(Change("ADDED", Cm("plain"))));
        Assert.False(ClusterControllers.NeedsPass(Change("MODIFIED", Cm("plain"), Cm("plain"))));
        Assert.True(ClusterControllers.NeedsPass(Change("ADDED", Cm("dependent", owners))));
        Assert.True(ClusterControllers.NeedsPass(Change("MODIFIED", Cm("terminating", deletionTimestamp: "2026-01-01T00:00:00Z"), Cm("terminating"))));
        Assert.True(ClusterControllers.NeedsPass(Change("DELETED", Cm("gone"), Cm("gone"))));
    }

    [Fact]
    public async Task A_stream_of_writes_that_no_controller_needs_does_not_make_the_controllers_scan_the_store()
    {
        var ns = await f.NamespaceAsync("flood");
        var controllers = f.Cluster.Controllers;
        await Task.Delay(100); // the namespace's own creation is handled
        var before = controllers.Passes;
        var clock = Stopwatch.StartNew();
        // One at a time over HTTP, like a client: the controllers wake up between the writes.
        for (var i = 0; i < 100; i++)
            await f.Client.CoreV1.CreateNamespacedConfigMapAsync(new k8s.Models.V1ConfigMap
            {
                Metadata = new k8s.Models.V1ObjectMeta { Name = $"cm-{i}" }, Data = new Dictionary<string, string> { ["k"] = "v" },
            }, ns);
        await Task.Delay(300); // every wake-up the writes caused has been handled by now
        var passes = controllers.Passes - before;
        // Passes allowed: the 1-second resyncs in that time, plus one that may have been under way.
        var allowed = (long)Math.Ceiling(clock.Elapsed.TotalSeconds) + 1;
        Assert.True(passes <= allowed, $"100 plain creates caused {passes} controller passes in {clock.Elapsed.TotalSeconds:F1} s (at most {allowed} expected)");
    }

    [Fact]
    public async Task A_dependent_whose_owner_is_deleted_is_still_collected_after_a_flood_of_plain_writes()
    {
        var ns = await f.NamespaceAsync("gc");
        var type = f.Cluster.Store.Types.Get("v1", "ConfigMap");
        var owner = f.Cluster.Store.Create(type, ns, new JsonObject { ["metadata"] = new JsonObject { ["name"] = "owner" } }).Object;
        var uid = owner["metadata"]!["uid"]!.GetValue<string>();
        f.Cluster.Store.Create(type, ns, new JsonObject
        {
            ["metadata"] = new JsonObject
            {
                ["name"] = "dependent",
                ["ownerReferences"] = new JsonArray(new JsonObject { ["apiVersion"] = "v1", ["kind"] = "ConfigMap", ["name"] = "owner", ["uid"] = uid }),
            },
        });
        for (var i = 0; i < 200; i++)
            f.Cluster.Store.Create(type, ns, new JsonObject { ["metadata"] = new JsonObject { ["name"] = $"plain-{i}" } });
        f.Cluster.Store.Delete(type, ns, "owner", new DeleteOptions { PropagationPolicy = "Background" });
        await TestHttp.EventuallyAsync(() => Task.FromResult(f.Cluster.Store.TryGet(type, ns, "dependent") is null), "the dependent collected");
        Assert.NotNull(f.Cluster.Store.TryGet(type, ns, "plain-199"));
    }
}
