using System.Diagnostics;

namespace Liqo.Benchmarks.Sandbox;

/// <summary>
/// Watch fan-out: 100 watchers on one namespace, then paced writes (the next write once every watcher saw the previous
/// one). For each write, the time from sending the CREATE to the event reaching the last of the 100 watchers, and to
/// each single watcher. Once with raw HttpClient watchers (each its own connection, no decoding), once with
/// KubernetesClient watches (each its own Kubernetes instance, events decoded into V1ConfigMap).
/// </summary>
internal sealed class WatchFanOut(SandboxTarget target, BenchmarkContext context)
{
    public const int Watchers = 100;

    public async Task RunAsync(CancellationToken ct)
    {
        var baseline = target.OpenWatches; // the controllers' own subscription
        await RunVariantAsync("HttpClient watchers", "bench-fanout-raw", baseline, OpenRawAsync, ct);
        await target.WaitForWatchesClosedAsync(baseline, ct);
        await RunVariantAsync("KubernetesClient watchers", "bench-fanout-kc", baseline, OpenKubernetesClientAsync, ct);
        await target.WaitForWatchesClosedAsync(baseline, ct);
    }

    private delegate Task<IAsyncDisposable> OpenWatch(string ns, long rv, Action<string, long> onEvent, CancellationToken ct);

    private async Task RunVariantAsync(string client, string ns, int baseline, OpenWatch open, CancellationToken ct)
    {
        var writes = context.Count(150);
        var timeBound = context.Duration(TimeSpan.FromSeconds(15));
        context.Log($"Watch fan-out to {Watchers} {client} ({writes} paced writes, at most {timeBound.TotalSeconds:F0} s)");
        target.CreateNamespace(ns);
        var sent = new long[writes];
        var arrivals = new long[writes, Watchers];
        var remaining = new int[writes];
        var done = new TaskCompletionSource[writes];
        for (var i = 0; i < writes; i++)
        {
            remaining[i] = Watchers;
            done[i] = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        Action<string, long> Recorder(int watcher) => (name, at) =>
        {
            if (!name.StartsWith("fan-", StringComparison.Ordinal) || !int.TryParse(name.AsSpan(4), out var i) || i < 0 || i >= writes) return;
            arrivals[i, watcher] = at;
            if (Interlocked.Decrement(ref remaining[i]) == 0) done[i].TrySetResult();
        };

        var rv = target.Cluster.Store.ResourceVersion;
        var watches = new List<IAsyncDisposable>();
        using var writer = target.NewHttpClient();
        var createLatencies = new List<long>();
        var completed = 0;
        var cpu = TimeSpan.Zero;
        try
        {
            var clock = Stopwatch.StartNew();
            watches.AddRange(await Task.WhenAll(Enumerable.Range(0, Watchers).Select(w => open(ns, rv, Recorder(w), ct))));
            await target.WaitForOpenWatchesAsync(baseline + Watchers, TimeSpan.FromSeconds(30), ct);
            context.Log($"  {Watchers} watches open after {clock.Elapsed.TotalSeconds:F1} s");
            // Warm the write and delivery paths (connection, JIT); these events reach the watchers too, and are not counted.
            for (var i = 0; i < context.Count(50); i++)
            {
                await RequestThroughput.RawCreateAsync(writer, ns, $"warmup-{i}", ct, "fanout");
                await Task.Delay(10, ct);
            }
            await Task.Delay(500, ct);
            var cpuBefore = ProcessCpu.Now();
            var stopAt = Stopwatch.StartNew();
            for (var i = 0; i < writes && stopAt.Elapsed < timeBound; i++)
            {
                sent[i] = Stopwatch.GetTimestamp();
                await RequestThroughput.RawCreateAsync(writer, ns, $"fan-{i}", ct, "fanout");
                createLatencies.Add(Stopwatch.GetTimestamp() - sent[i]);
                await done[i].Task.WaitAsync(TimeSpan.FromSeconds(10), ct);
                completed++;
            }
            cpu = ProcessCpu.Now() - cpuBefore;
        }
        catch (TimeoutException e)
        {
            context.Report.Note($"Fan-out ({client}): {e.Message} (after {completed} complete writes; {string.Join(", ", watches.OfType<KubernetesClientWatch>().Select(w => w.Failure).Where(f => f is not null).Distinct())})");
        }
        finally
        {
            foreach (var w in watches) await w.DisposeAsync();
        }

        var all = new List<long>();
        var each = new List<long>();
        for (var i = 0; i < completed; i++)
        {
            var last = 0L;
            for (var w = 0; w < Watchers; w++)
            {
                each.Add(arrivals[i, w] - sent[i]);
                last = Math.Max(last, arrivals[i, w]);
            }
            all.Add(last - sent[i]);
        }
        var allSummary = LatencySummary.FromTicks(all);
        var eachSummary = LatencySummary.FromTicks(each);
        var seconds = completed > 0 ? Stopwatch.GetElapsedTime(sent[0], sent[completed - 1]).TotalSeconds : 0;
        context.Report.Add(new ResultRow($"watch fan-out: CREATE -> event at all {Watchers}", client, completed, seconds, null, "",
            allSummary.P50Ms, allSummary.P95Ms, allSummary.P99Ms, allSummary.MaxMs, writes - completed, ProcessCpu.PerOperationMs(cpu, completed),
            $"paced writes, one at a time; CPU per write includes its delivery to all {Watchers}"));
        context.Report.Add(new ResultRow("watch fan-out: CREATE -> event at one watcher", client, each.Count, seconds, null, "",
            eachSummary.P50Ms, eachSummary.P95Ms, eachSummary.P99Ms, eachSummary.MaxMs, 0, null));
        var create = LatencySummary.FromTicks(createLatencies);
        context.Report.Add(new ResultRow($"  CREATE -> 201 with {Watchers} watchers", "HttpClient x1", create.Samples, seconds, null, "",
            create.P50Ms, create.P95Ms, create.P99Ms, create.MaxMs, 0, null));
    }

    private async Task<IAsyncDisposable> OpenRawAsync(string ns, long rv, Action<string, long> onEvent, CancellationToken ct)
    {
        var http = target.NewHttpClient();
        try
        {
            return new OwnedWatch(await RawWatch.OpenAsync(http, $"/api/v1/namespaces/{ns}/configmaps?watch=true&resourceVersion={rv}", onEvent, ct), http);
        }
        catch
        {
            http.Dispose();
            throw;
        }
    }

    private Task<IAsyncDisposable> OpenKubernetesClientAsync(string ns, long rv, Action<string, long> onEvent, CancellationToken ct) =>
        Task.FromResult<IAsyncDisposable>(new KubernetesClientWatch(target.NewKubernetesClient(), ns, rv, onEvent, ct));
}
