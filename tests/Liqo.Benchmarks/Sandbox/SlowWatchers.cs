using System.Diagnostics;

namespace Liqo.Benchmarks.Sandbox;

/// <summary>
/// "Writers must not slow down with slow watchers": the same closed-loop CREATE load (a few raw clients, ConfigMaps with
/// a 1 KiB payload) with no watcher, with 100 reading watchers, and with 100 watchers of which 20 never read their
/// stream. The 20 watch every namespace with SO_RCVBUF fixed at 4 KiB, and before the measured writes a few big
/// ConfigMaps in another namespace fill their TCP and Kestrel buffers, so the server's stream to each of them is blocked
/// for the whole measurement. Their server-side backlog (changes not yet sent) proves it; the reading watchers, which
/// watch only the measured namespace, must still get every event.
/// </summary>
internal sealed class SlowWatchers(SandboxTarget target, BenchmarkContext context)
{
    private const int Payload = 1024;
    private const int StalledReceiveBuffer = 4096;
    private const int FillObjectBytes = 256 * 1024;

    private sealed record Outcome(LoadResult Writes, int Reading, int Stalled, long Expected, int CompleteReaders, long StalledBacklogMin);

    public async Task RunAsync(CancellationToken ct)
    {
        var baseline = target.OpenWatches; // the controllers' own subscription
        var none = await RunConfigAsync("bench-slow-0", 0, 0, ct);
        await target.WaitForWatchesClosedAsync(baseline, ct);
        var reading = await RunConfigAsync("bench-slow-100", 100, 0, ct);
        await target.WaitForWatchesClosedAsync(baseline, ct);
        var stalled = await RunConfigAsync("bench-slow-stalled", 80, 20, ct);
        await target.WaitForWatchesClosedAsync(baseline, ct);

        double Rate(Outcome o) => o.Writes.Completed / Math.Max(1e-9, o.Writes.Elapsed.TotalSeconds);
        var ratio = Rate(stalled) / Math.Max(1e-9, Rate(reading));
        var maxMs = stalled.Writes.Latency.MaxMs ?? double.PositiveInfinity;
        // Stalled for the whole measurement: none of the measured writes went out to any of them.
        var wereStalled = stalled.StalledBacklogMin >= stalled.Writes.Completed;
        context.Report.Add(new CheckResult(
            "writers are not slowed down by watchers that never read",
            wereStalled && ratio >= 0.7 && maxMs < 2000,
            $"{Rate(none):F0} writes/s with 0 watchers, {Rate(reading):F0} with 100 reading, {Rate(stalled):F0} with 80 reading + 20 stalled " +
            $"(x{ratio:F2} of 100 reading); slowest write {maxMs:F0} ms; each stalled watcher had >= {stalled.StalledBacklogMin} changes unsent " +
            $"when the writes ended" + (wereStalled ? $", so none of the {stalled.Writes.Completed} measured writes waited for them" : ": not stalled throughout, no proof")));
        context.Report.Add(new CheckResult(
            "reading watchers get every event while others stall",
            stalled.CompleteReaders == stalled.Reading && reading.CompleteReaders == reading.Reading,
            $"{stalled.CompleteReaders}/{stalled.Reading} reading watchers got all {stalled.Expected} events next to 20 stalled ones; " +
            $"{reading.CompleteReaders}/{reading.Reading} got all {reading.Expected} with no stalled one"));
    }

    private async Task<Outcome> RunConfigAsync(string ns, int readingCount, int stalledCount, CancellationToken ct)
    {
        var clients = context.Options.Clients;
        var limits = context.Limits(3000, TimeSpan.FromSeconds(8), 10);
        var describe = readingCount + stalledCount == 0 ? "0 watchers"
            : stalledCount == 0 ? $"{readingCount} reading watchers" : $"{readingCount} reading + {stalledCount} stalled watchers";
        context.Log($"CREATE 1 KiB ConfigMaps with {describe} (at most {limits.MaxOperations} writes or {limits.MaxDuration.TotalSeconds:F0} s)");
        target.CreateNamespace(ns);
        var rv = target.Cluster.Store.ResourceVersion;
        var path = $"/api/v1/namespaces/{ns}/configmaps?watch=true&resourceVersion={rv}";
        var clusterWide = $"/api/v1/configmaps?watch=true&resourceVersion={rv}";

        var sent = new long[limits.MaxOperations + 1];
        var delivered = new List<long>[readingCount];
        var counts = new long[readingCount];
        var httpClients = new List<HttpClient>();
        var watches = new List<RawWatch>();
        var writers = Enumerable.Range(0, clients).Select(_ => target.NewHttpClient()).ToArray();
        try
        {
            for (var s = 0; s < stalledCount; s++)
            {
                var http = target.NewHttpClient(StalledReceiveBuffer);
                httpClients.Add(http);
                watches.Add(await RawWatch.OpenAsync(http, clusterWide, null, ct));
            }
            var fillNote = "";
            if (stalledCount > 0) fillNote = await FillStalledAsync(ns + "-fill", stalledCount, ct);
            for (var r = 0; r < readingCount; r++)
            {
                var mine = delivered[r] = new List<long>(limits.MaxOperations > int.MaxValue ? 0 : (int)limits.MaxOperations);
                var index = r;
                var http = target.NewHttpClient();
                httpClients.Add(http);
                watches.Add(await RawWatch.OpenAsync(http, path, (name, at) =>
                {
                    if (!name.StartsWith("w-", StringComparison.Ordinal)) return;
                    Interlocked.Increment(ref counts[index]);
                    if (long.TryParse(name.AsSpan(2), out var seq) && seq >= 1 && seq < sent.Length && sent[seq] != 0)
                        mine.Add(at - sent[seq]);
                }, ct));
            }

            SandboxBenchmark.FullCollection(); // the set-up's garbage (the fill's big events) is not the writers' cost
            var firstSend = 0L;
            var writes = await LoadRunner.RunAsync(clients, (w, seq, t) =>
            {
                if (seq >= 1)
                {
                    var now = Stopwatch.GetTimestamp();
                    Interlocked.CompareExchange(ref firstSend, now, 0);
                    sent[seq] = now;
                }
                return RequestThroughput.RawCreateAsync(writers[w], ns, $"w-{seq}", t, "slow", Payload);
            }, limits, ct);
            var backlogs = target.Cluster.Store.WatchBacklogs().OrderDescending().ToList();
            var stalledBacklogMin = stalledCount == 0 ? 0 : backlogs.Take(stalledCount).Min();

            // Every committed write must reach every reading watcher.
            var expected = target.CountConfigMaps(ns, "w-");
            var drain = Stopwatch.StartNew();
            while (drain.Elapsed < TimeSpan.FromSeconds(20) && Enumerable.Range(0, readingCount).Any(i => Interlocked.Read(ref counts[i]) < expected))
                await Task.Delay(20, ct);
            var lastDelivery = Stopwatch.GetTimestamp() - (long)(drain.Elapsed.TotalSeconds * Stopwatch.Frequency);
            var complete = Enumerable.Range(0, readingCount).Count(i => Interlocked.Read(ref counts[i]) >= expected);

            context.Report.Add(ResultRow.From($"CREATE 1 KiB configmap, {describe}", $"HttpClient x{clients}", writes, "writes/s",
                stalledCount == 0 ? null
                    : $"{fillNote}; when the writes ended each stalled watcher still had >= {stalledBacklogMin} changes unsent on the server " +
                      $"(the {writes.Completed} measured writes among them)"));
            if (readingCount > 0)
            {
                var samples = delivered.SelectMany(d => d).ToList();
                var latency = LatencySummary.FromTicks(samples);
                var span = Stopwatch.GetElapsedTime(firstSend, Math.Max(firstSend, lastDelivery)).TotalSeconds;
                context.Report.Add(new ResultRow($"  events delivered to the {readingCount} reading watchers", "HttpClient watches", samples.Count,
                    span, samples.Count / Math.Max(1e-9, span), "events/s", latency.P50Ms, latency.P95Ms, latency.P99Ms, latency.MaxMs,
                    readingCount - complete, null,
                    $"latency from sending the CREATE to receipt; {complete}/{readingCount} watchers got all {expected} events " +
                    $"(drained {drain.Elapsed.TotalSeconds:F1} s after the last write)"));
            }
            var failures = watches.Where(w => w.Failure is not null).Select(w => w.Failure).Distinct().ToList();
            if (failures.Count > 0) context.Report.Note($"{describe}: watch streams ended early: {string.Join(" | ", failures)}");
            return new Outcome(writes, readingCount, stalledCount, expected, complete, stalledBacklogMin);
        }
        finally
        {
            foreach (var w in watches) await w.DisposeAsync();
            foreach (var h in httpClients) h.Dispose();
            foreach (var h in writers) h.Dispose();
        }
    }

    /// <summary>
    /// Writes big ConfigMaps (in-process, not measured) until the server's stream to every stalled watcher is blocked: more
    /// bytes than the largest TCP send buffer plus Kestrel's response buffer, then a small probe write that a blocked
    /// stream cannot take (it stays in the watcher's server-side backlog).
    /// </summary>
    private async Task<string> FillStalledAsync(string ns, int stalledCount, CancellationToken ct)
    {
        target.CreateNamespace(ns);
        var type = target.Cluster.Store.Types.Get("v1", "ConfigMap");
        // 24 x 256 KiB = 6 MiB: more than tcp_wmem's 4 MiB maximum + 64 KiB of Kestrel buffer + a 4 KiB receive buffer.
        var objects = 0;
        for (var round = 0; round < 8; round++)
        {
            for (var i = 0; i < (round == 0 ? 24 : 8); i++, objects++)
                target.Cluster.Store.Create(type, ns, ConfigMaps.Node($"fill-{objects}", "fill", FillObjectBytes));
            await Task.Delay(300, ct);
            target.Cluster.Store.Create(type, ns, ConfigMaps.Node($"probe-{round}", "fill", 16));
            await Task.Delay(300, ct);
            if (target.Cluster.Store.WatchBacklogs().OrderDescending().Take(stalledCount).Min() >= 1)
                return $"{objects} ConfigMaps of {FillObjectBytes / 1024} KiB in another namespace blocked the stalled watchers' streams first";
        }
        throw new InvalidOperationException($"{objects} big ConfigMaps did not block the stalled watchers' streams");
    }
}
