using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;

namespace Liqo.Sandbox.Tests.ApiServer;

/// <summary>Watch semantics as clients see them: start-up ADDEDs, from an RV, 410 via an ERROR event, timeouts, slow watchers.</summary>
public sealed class WatchTests(ClusterFixture f) : IClassFixture<ClusterFixture>
{
    private static V1ConfigMap Cm(string name, string value = "v", Dictionary<string, string>? labels = null) =>
        new() { Metadata = new V1ObjectMeta { Name = name, Labels = labels }, Data = new Dictionary<string, string> { ["k"] = value } };

    [Fact]
    public async Task Watch_without_rv_sends_synthetic_added_events_then_changes_in_order()
    {
        var ns = await f.NamespaceAsync();
        var a = await f.Client.CoreV1.CreateNamespacedConfigMapAsync(Cm("a"), ns);
        await f.Client.CoreV1.CreateNamespacedConfigMapAsync(Cm("b"), ns);
        await using var w = new WatchCollector<V1ConfigMap, V1ConfigMapList>(ct =>
            f.Client.CoreV1.ListNamespacedConfigMapWithHttpMessagesAsync(ns, watch: true, cancellationToken: ct));
        await w.WaitForAsync(e => e.Count >= 3, "initial ADDED events");
        a.Data["k"] = "v2";
        await f.Client.CoreV1.ReplaceNamespacedConfigMapAsync(a, "a", ns);
        await f.Client.CoreV1.DeleteNamespacedConfigMapAsync("b", ns);
        await w.WaitForAsync(e => e.Count >= 5, "MODIFIED and DELETED");
        Assert.Equal(["ADDED a", "ADDED b", "ADDED kube-root-ca.crt", "MODIFIED a", "DELETED b"], w.Describe());
        var rvs = w.Events.Skip(3).Select(e => long.Parse(e.Object.Metadata.ResourceVersion)).ToList();
        Assert.True(rvs[1] > rvs[0]);
        Assert.Equal("v2", w.Events.ElementAt(3).Object.Data["k"]);
    }

    [Fact]
    public async Task Watch_from_a_resource_version_sends_only_later_changes()
    {
        var ns = await f.NamespaceAsync();
        var created = await f.Client.CoreV1.CreateNamespacedConfigMapAsync(Cm("a"), ns);
        created.Data["k"] = "v2";
        var updated = await f.Client.CoreV1.ReplaceNamespacedConfigMapAsync(created, "a", ns);
        await using var w = new WatchCollector<V1ConfigMap, V1ConfigMapList>(ct =>
            f.Client.CoreV1.ListNamespacedConfigMapWithHttpMessagesAsync(ns, watch: true, resourceVersion: created.Metadata.ResourceVersion, cancellationToken: ct));
        await w.WaitForAsync(e => e.Count >= 1, "the MODIFIED after the RV");
        var (type, obj) = w.Events.Single();
        Assert.Equal(WatchEventType.Modified, type);
        Assert.Equal(updated.Metadata.ResourceVersion, obj.Metadata.ResourceVersion);
    }

    [Fact]
    public async Task Too_old_resource_version_is_http_200_with_an_error_event_410_expired()
    {
        var ns = await f.NamespaceAsync();
        var cm = await f.Client.CoreV1.CreateNamespacedConfigMapAsync(Cm("old"), ns);
        await f.Client.CoreV1.CreateNamespacedConfigMapAsync(Cm("newer"), ns);
        f.Cluster.Store.Compact(f.Cluster.Store.ResourceVersion);
        var floor = f.Cluster.Store.OldestWatchableResourceVersion;
        using var req = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/namespaces/{ns}/configmaps?watch=true&resourceVersion={cm.Metadata.ResourceVersion}");
        using var res = await f.Raw.SendAsync(req, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, res.StatusCode);
        using var reader = new StreamReader(await res.Content.ReadAsStreamAsync());
        var line = await reader.ReadLineAsync();
        var ev = JsonNode.Parse(line!)!;
        Assert.Equal("ERROR", ev["type"]!.GetValue<string>());
        Assert.Equal(410, ev["object"]!["code"]!.GetValue<int>());
        Assert.Equal("Expired", ev["object"]!["reason"]!.GetValue<string>());
        Assert.Equal($"too old resource version: {cm.Metadata.ResourceVersion} ({floor})", ev["object"]!["message"]!.GetValue<string>());
        Assert.Null(await reader.ReadLineAsync());

        // The client recovers by listing again and watching from the list's RV.
        var list = await f.Client.CoreV1.ListNamespacedConfigMapAsync(ns);
        await using var w = new WatchCollector<V1ConfigMap, V1ConfigMapList>(ct =>
            f.Client.CoreV1.ListNamespacedConfigMapWithHttpMessagesAsync(ns, watch: true, resourceVersion: list.Metadata.ResourceVersion, cancellationToken: ct));
        await f.Client.CoreV1.CreateNamespacedConfigMapAsync(Cm("after"), ns);
        await w.WaitForAsync(e => e.Count >= 1, "the ADDED after relisting");
        Assert.Equal(["ADDED after"], w.Describe());
    }

    [Fact]
    public async Task Watch_lines_are_compact_single_line_json_and_timeout_seconds_ends_the_stream_cleanly()
    {
        var ns = await f.NamespaceAsync();
        await f.Client.CoreV1.CreateNamespacedConfigMapAsync(Cm("x"), ns);
        var sw = Stopwatch.StartNew();
        using var req = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/namespaces/{ns}/configmaps?watch=1&timeoutSeconds=1");
        using var res = await f.Raw.SendAsync(req, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal("application/json", res.Content.Headers.ContentType!.MediaType);
        var text = await res.Content.ReadAsStringAsync();
        Assert.InRange(sw.Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(5));
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.EndsWith("\n", text);
        Assert.All(lines, l => Assert.StartsWith("{\"type\":\"ADDED\",\"object\":{\"kind\":", l));
        Assert.All(lines, l => Assert.Equal("ConfigMap", JsonNode.Parse(l)!["object"]!["kind"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_watch_that_waits_gets_headers_at_once_and_events_as_they_happen()
    {
        var ns = await f.NamespaceAsync();
        var list = await f.Client.CoreV1.ListNamespacedConfigMapAsync(ns);
        using var req = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/namespaces/{ns}/configmaps?watch=true&resourceVersion={list.Metadata.ResourceVersion}");
        using var res = await f.Raw.SendAsync(req, HttpCompletionOption.ResponseHeadersRead).WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(HttpStatusCode.OK, res.StatusCode);
        using var reader = new StreamReader(await res.Content.ReadAsStreamAsync());
        var pending = reader.ReadLineAsync();
        await f.Client.CoreV1.CreateNamespacedConfigMapAsync(Cm("live"), ns);
        var line = await pending.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal("ADDED", JsonNode.Parse(line!)!["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task Concurrent_watches_see_the_same_order()
    {
        var ns = await f.NamespaceAsync();
        var list = await f.Client.CoreV1.ListNamespacedConfigMapAsync(ns);
        await using var a = new WatchCollector<V1ConfigMap, V1ConfigMapList>(ct =>
            f.Client.CoreV1.ListNamespacedConfigMapWithHttpMessagesAsync(ns, watch: true, resourceVersion: list.Metadata.ResourceVersion, cancellationToken: ct));
        await using var b = new WatchCollector<V1ConfigMap, V1ConfigMapList>(ct =>
            f.Client.CoreV1.ListNamespacedConfigMapWithHttpMessagesAsync(ns, watch: true, resourceVersion: list.Metadata.ResourceVersion, cancellationToken: ct));
        await Task.WhenAll(Enumerable.Range(0, 20).Select(i => f.Client.CoreV1.CreateNamespacedConfigMapAsync(Cm($"c{i}"), ns)));
        await a.WaitForAsync(e => e.Count >= 20, "20 events on a");
        await b.WaitForAsync(e => e.Count >= 20, "20 events on b");
        var rvA = a.Events.Select(e => e.Object.Metadata.ResourceVersion).ToList();
        Assert.Equal(rvA, b.Events.Select(e => e.Object.Metadata.ResourceVersion).ToList());
        Assert.Equal(rvA.Select(long.Parse).Order(), rvA.Select(long.Parse));
    }

    [Fact]
    public async Task A_slow_watcher_never_blocks_writers_and_is_closed()
    {
        var dir = Directory.CreateTempSubdirectory("sbx-slow-").FullName;
        await using var cluster = await SandboxCluster.StartAsync(new SandboxClusterOptions { Name = "slow", Directory = dir, WatchHistory = 50 });
        using var http = TestHttp.Create(cluster, cluster.IssueClientCertificate("admin", ["system:masters"]));
        using var req = new HttpRequestMessage(HttpMethod.Get, "/api/v1/namespaces/default/configmaps?watch=true");
        using var res = await http.SendAsync(req, HttpCompletionOption.ResponseHeadersRead);
        var stream = await res.Content.ReadAsStreamAsync();
        // Never read: socket buffers fill up, the watcher falls behind the 50-change history.
        var type = cluster.Store.Types.Get("v1", "ConfigMap");
        var big = new string('x', 64 * 1024);
        var sw = Stopwatch.StartNew();
        for (var i = 0; i < 300; i++)
            cluster.Store.Create(type, "default", new JsonObject { ["metadata"] = new JsonObject { ["name"] = $"big-{i}" }, ["data"] = new JsonObject { ["x"] = big } });
        Assert.True(sw.Elapsed < TimeSpan.FromSeconds(10), $"writes took {sw.Elapsed}");
        // The stream ends (closed by the server) instead of replaying all 300 changes.
        var buffer = new byte[1 << 16];
        long total = 0;
        var readAll = Task.Run(async () =>
        {
            try
            {
                int n;
                while ((n = await stream.ReadAsync(buffer)) > 0) total += n;
            }
            catch (Exception e) when (e is IOException or HttpRequestException)
            {
            }
        });
        await readAll.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.True(total < 300L * big.Length, $"read {total} bytes: the slow watcher was not closed");
    }

    [Fact]
    public async Task In_process_watches_see_the_same_events_as_http()
    {
        var ns = await f.NamespaceAsync();
        var type = f.Cluster.Store.Types.Get("v1", "ConfigMap");
        using var watch = f.Cluster.Store.Watch(type, ns, new() { ResourceVersion = f.Cluster.Store.ResourceVersion.ToString() });
        var created = await f.Client.CoreV1.CreateNamespacedConfigMapAsync(Cm("inproc"), ns);
        var events = await watch.NextAsync(TimeSpan.FromSeconds(5), CancellationToken.None);
        var e = Assert.Single(events);
        Assert.Equal("ADDED", e.Type);
        Assert.Equal(created.Metadata.ResourceVersion, e.Object["metadata"]!["resourceVersion"]!.GetValue<string>());
    }

    [Fact]
    public async Task Label_selector_transitions_produce_added_and_deleted()
    {
        var ns = await f.NamespaceAsync();
        await f.Client.CoreV1.CreateNamespacedConfigMapAsync(Cm("m", labels: new() { ["app"] = "x" }), ns);
        await f.Client.CoreV1.CreateNamespacedConfigMapAsync(Cm("n"), ns);
        await using var w = new WatchCollector<V1ConfigMap, V1ConfigMapList>(ct =>
            f.Client.CoreV1.ListNamespacedConfigMapWithHttpMessagesAsync(ns, watch: true, labelSelector: "app=x", cancellationToken: ct));
        await w.WaitForAsync(e => e.Count >= 1, "initial ADDED m");
        await f.Client.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch("""{"metadata":{"labels":{"app":"y"}}}""", V1Patch.PatchType.MergePatch), "m", ns);
        await f.Client.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch("""{"metadata":{"labels":{"app":"x"}}}""", V1Patch.PatchType.MergePatch), "n", ns);
        await w.WaitForAsync(e => e.Count >= 3, "DELETED m and ADDED n");
        Assert.Equal(["ADDED m", "DELETED m", "ADDED n"], w.Describe());
        var deleted = w.Events.ElementAt(1).Object;
        Assert.Equal("x", deleted.Metadata.Labels["app"]);
        Assert.Equal((await f.Client.CoreV1.ReadNamespacedConfigMapAsync("m", ns)).Metadata.ResourceVersion, deleted.Metadata.ResourceVersion);
    }
}
