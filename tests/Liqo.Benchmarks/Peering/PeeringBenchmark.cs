using System.Diagnostics;
using System.Globalization;
using Liqo.Benchmarks.Audit;
using Liqo.Engine.ClusterAccess;
using Liqo.Engine.Peering;
using Liqo.Sandbox.Liqo;

namespace Liqo.Benchmarks.Peering;

/// <summary>
/// Issues 5 and 17: New-LiqoPeering then Remove-LiqoPeering (the engine's Peer/Unpeer, called directly) between two
/// sandbox clusters with the simulated Liqo, by two clients in alternating rounds on the same sandbox: the module (waits
/// on watches) and a baseline that sends the identical writes but waits as liqoctl does (a GET or LIST at once, then
/// every second). With zero controller latency, then with a typical installation's latencies, it reports per client the
/// wall time, the requests on both clusters (audit logs), and the reaction lag of every wait: from the server's commit
/// of the write that made the awaited condition true (the clusters' own commit records, joined on resourceVersion) to
/// the moment the wait returned to the next step. It checks that both clients sent the same writes and that the
/// module's reaction lag is at most 5% of its wall time at typical latencies.
/// </summary>
public sealed class PeeringBenchmark : IBenchmark
{
    private const string UserAgentPrefix = "Liqo-PowerShell";

    /// <summary>The most of its wall time the module may spend noticing that a condition holds, at typical latencies.</summary>
    private const double MaxLagShare = 0.05;

    public string Name => "peering";

    public string Description => "New-/Remove-LiqoPeering engine on two sandbox clusters: the module (watches) against a liqoctl-style polling baseline, alternating";

    public TimeSpan TimeBound => TimeSpan.FromSeconds(600);

    public async Task RunAsync(BenchmarkContext context, CancellationToken ct)
    {
        await using var sandbox = await LiqoSandbox.StartAsync(Path.Combine(context.WorkDirectory, "peering"), ["consumer", "provider"],
            new LiqoSandboxOptions(), ct);
        var consumer = sandbox["consumer"];
        var provider = sandbox["provider"];
        context.Log($"Sandbox clusters: consumer {consumer.Server}, provider {provider.Server}");
        using var consumerConn = ClusterConnection.Open(new KubeconfigSource(consumer.KubeconfigPath, null, null));
        using var providerConn = ClusterConnection.Open(new KubeconfigSource(provider.KubeconfigPath, null, null, Scope: "remote"));
        // the clusters' own record of every write (the controllers' too), with its resourceVersion and commit time
        consumer.Cluster.AuditCommits = true;
        provider.Cluster.AuditCommits = true;
        var tails = new[]
        {
            (Name: "consumer", Scope: consumerConn.Scope, Tail: new AuditTail(consumer.Cluster.AuditLogPath)),
            (Name: "provider", Scope: providerConn.Scope, Tail: new AuditTail(provider.Cluster.AuditLogPath)),
        };
        Task Peer(Engine.Operation op) => Engine.Peering.Peer.RunAsync(op, consumerConn, providerConn, new PeerOptions());
        Task Unpeer(Engine.Operation op) => Engine.Peering.Unpeer.RunAsync(op, consumerConn, providerConn, new UnpeerOptions());

        // One unmeasured round per client: TLS handshakes, the JIT.
        consumer.UpdateOptions(PeeringProfile.Instant.Apply);
        provider.UpdateOptions(PeeringProfile.Instant.Apply);
        foreach (var client in new[] { PeeringClient.Module, PeeringClient.Baseline })
        {
            var warm = new PeeringRuns("warm-up", client);
            await warm.MeasureAsync(Peer, ct);
            await warm.MeasureAsync(Unpeer, ct);
        }

        var typicalLag = TimeSpan.Zero;
        var typicalWall = 0.0;
        var unmatched = 0;
        var waitsJoined = 0;
        foreach (var (profile, rounds) in new[] { (PeeringProfile.Instant, context.Count(5)), (PeeringProfile.Typical, context.Count(3)) })
        {
            consumer.UpdateOptions(profile.Apply);
            provider.UpdateOptions(profile.Apply);
            var runs = new Dictionary<(string, PeeringClient), PeeringRuns>();
            PeeringRuns Runs(string operation, PeeringClient client) =>
                runs.TryGetValue((operation, client), out var r) ? r : runs[(operation, client)] = new PeeringRuns(operation, client);
            foreach (var (_, _, tail) in tails) tail.Next();
            for (var round = 0; round < rounds; round++)
            {
                // alternate which client goes first, so that neither always follows the other
                var order = round % 2 == 0 ? new[] { PeeringClient.Module, PeeringClient.Baseline } : [PeeringClient.Baseline, PeeringClient.Module];
                foreach (var client in order)
                {
                    ct.ThrowIfCancellationRequested();
                    var peer = Runs("New-LiqoPeering", client);
                    var unpeer = Runs("Remove-LiqoPeering", client);
                    await peer.MeasureAsync(Peer, ct);
                    await unpeer.MeasureAsync(Unpeer, ct);
                    context.Log($"{profile.Name}, round {round + 1}/{rounds}, {client.Name}: peer {peer.Last.TotalSeconds:F2} s, unpeer {unpeer.Last.TotalSeconds:F2} s");
                }
            }
            // A watch is audited when the server sees its client go: give the server a moment, then attribute every
            // request to the run whose wall-clock window it was received in.
            await Task.Delay(1000, ct);
            var commits = new CommitRecords();
            var module = new List<AuditRequest>();
            foreach (var (name, scope, tail) in tails)
            {
                var audited = tail.Next();
                commits.Add(scope, audited);
                module.AddRange(audited.Where(r => r.UserAgent.StartsWith(UserAgentPrefix, StringComparison.Ordinal)).Select(r => r with { Cluster = name }));
            }
            foreach (var operation in new[] { "New-LiqoPeering", "Remove-LiqoPeering" })
            {
                var pair = new[] { Runs(operation, PeeringClient.Module), Runs(operation, PeeringClient.Baseline) };
                var summaries = new List<Summary>();
                foreach (var r in pair)
                {
                    r.Attribute(module);
                    var s = Summarize(r, commits);
                    summaries.Add(s);
                    unmatched += s.Unmatched;
                    waitsJoined += s.Lags.Count;
                    Report(context, profile, r, s);
                    if (profile == PeeringProfile.Typical && r.Client == PeeringClient.Module)
                    {
                        typicalLag += s.Lags.Aggregate(TimeSpan.Zero, (a, b) => a + b);
                        typicalWall += r.WallSeconds;
                    }
                }
                context.Report.Note($"{operation}, {profile.Name}, module/baseline: wall time p50 {Ratio(summaries[0].Wall.P50Ms, summaries[1].Wall.P50Ms)}, " +
                    $"max {Ratio(summaries[0].Wall.MaxMs, summaries[1].Wall.MaxMs)}; requests {Ratio(summaries[0].Requests, summaries[1].Requests)}; " +
                    $"reaction lag total {Ratio(summaries[0].LagPerRunMs, summaries[1].LagPerRunMs)}, per wait p50 {Ratio(summaries[0].Lag.P50Ms, summaries[1].Lag.P50Ms)}.");
                CheckSameWrites(context, operation, profile, pair);
            }
        }
        var share = typicalWall > 0 ? typicalLag.TotalSeconds / typicalWall : 0;
        context.Report.Add(new CheckResult($"The module's total reaction lag is at most {MaxLagShare:P0} of its wall time at typical latencies", share <= MaxLagShare,
            $"{typicalLag.TotalSeconds:F3} s of reaction lag in {typicalWall:F1} s of New- and Remove-LiqoPeering ({share:P2})"));
        context.Report.Add(new CheckResult("Every satisfied wait was joined with the server's record of the write that satisfied it", unmatched == 0,
            $"{waitsJoined} waits joined, {unmatched} not found in the commit records"));
        context.Report.Note("Requests are the module's own (user agent Liqo-PowerShell) on both clusters, from their audit logs, per run. " +
            "The baseline runs the same engine with liqoctl's waits (pkg/liqoctl/wait of Liqo v1.2.0): the condition checked at once, then " +
            "every second, with a GET for a named object and a LIST for a selector; the module lists once and then watches.");
        context.Report.Note("Reaction lag: for every wait, from the commit of the write that made its condition true (the clusters' own commit " +
            "records in their audit logs, joined on the resourceVersion the client saw, or on the deletion of the objects it waited to see gone; " +
            "a condition that held already at the first check counts from the wait's start) to the moment the wait returned to the next step. " +
            "A poll sees an object's latest version: when the object was written again after the condition became true, the lag is understated.");
        context.Report.Note("Typical latencies: every controller step 300 ms; Deployment rollouts (gateway, virtual-kubelet pods) 5 s; " +
            "WireGuard handshake (connection checker) 2 s; virtual-kubelet node registration 1 s.");
    }

    /// <summary>What the table shows for one client's runs of one operation.</summary>
    private sealed record Summary(LatencySummary Wall, double Reads, double Writes, double Watches, double WatchSeconds, string PerCluster,
        List<TimeSpan> Lags, LatencySummary Lag, double LagPerRunMs, int Waits, int AtFirstCheck, int Unmatched)
    {
        public double Requests => Reads + Writes + Watches;
    }

    private static Summary Summarize(PeeringRuns r, CommitRecords commits)
    {
        double Mean(Func<IReadOnlyList<AuditRequest>, double> f) => r.Requests.Average(f);
        var waits = r.Waits.ToList();
        var lags = waits.Select(commits.Lag).OfType<TimeSpan>().ToList();
        var perCluster = string.Join(", ", new[] { "consumer", "provider" }.Select(c =>
            $"{c} {F(Mean(q => q.Count(x => x.Cluster == c && x.IsRead)))} / {F(Mean(q => q.Count(x => x.Cluster == c && x.IsWrite)))} / " +
            $"{F(Mean(q => q.Count(x => x.Cluster == c && x.IsWatch)))}"));
        return new Summary(LatencySummary.FromTicks(r.Ticks), Mean(q => q.Count(x => x.IsRead)), Mean(q => q.Count(x => x.IsWrite)),
            Mean(q => q.Count(x => x.IsWatch)), Mean(q => q.Where(x => x.IsWatch).Sum(x => x.Duration.TotalSeconds)), perCluster, lags,
            LatencySummary.FromTicks(lags.Select(ToStopwatchTicks)), lags.Sum(l => l.TotalMilliseconds) / r.Count, waits.Count,
            waits.Count(w => w.SatisfiedAtFirstCheck), waits.Count - lags.Count);
    }

    private static void Report(BenchmarkContext context, PeeringProfile profile, PeeringRuns r, Summary s)
    {
        var wallShare = s.LagPerRunMs / 1000 / (r.WallSeconds / r.Count);
        context.Report.Add(new ResultRow($"{r.Operation}, {profile.Name}", r.Client.Name, r.Count, r.WallSeconds, null, "",
            s.Wall.P50Ms, s.Wall.P95Ms, s.Wall.P99Ms, s.Wall.MaxMs, 0, null,
            $"requests per run {F(s.Requests)} (reads {F(s.Reads)}, writes {F(s.Writes)}, watches {F(s.Watches)}, open {F(s.WatchSeconds)} s in all; reads / writes / watches: {s.PerCluster}); " +
            $"reaction lag per run {F(s.LagPerRunMs)} ms ({wallShare:P1} of the wall time)"));
        context.Report.Add(new ResultRow($"{r.Operation}, {profile.Name}: reaction lag per wait", r.Client.Name, s.Lags.Count,
            s.Lags.Sum(l => l.TotalSeconds), null, "", s.Lag.P50Ms, s.Lag.P95Ms, s.Lag.P99Ms, s.Lag.MaxMs, s.Unmatched, null,
            $"{F((double)s.Waits / r.Count)} waits per run, {F((double)s.AtFirstCheck / r.Count)} of them satisfied at the first check; " +
            $"total per run {F(s.LagPerRunMs)} ms; Errors = waits not found in the commit records"));
    }

    /// <summary>
    /// Both clients must send the same writes in the same order in every run (the baseline differs in its waits only).
    /// One exception, which liqoctl shares: unpeering deletes the VirtualNodes only when they are still there, so a client
    /// that waited longer for the ResourceSlices to go may find that the controllers removed them already; a run may so
    /// lack deletes the other sent, nothing else.
    /// </summary>
    private static void CheckSameWrites(BenchmarkContext context, string operation, PeeringProfile profile, PeeringRuns[] pair)
    {
        var reference = pair[0].WriteSequence(0).ToList();
        var problems = new List<string>();
        var skipped = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var r in pair)
            for (var i = 0; i < r.Count; i++)
            {
                var writes = r.WriteSequence(i).ToList();
                var (shorter, longer) = writes.Count <= reference.Count ? (writes, reference) : (reference, writes);
                var dropped = DroppedDeletes(shorter, longer);
                if (dropped is null) problems.Add($"{r.Client.Name} run {i + 1}: {string.Join(", ", writes)} (the module's first run: {string.Join(", ", reference)})");
                else foreach (var d in dropped) skipped.Add(d);
            }
        context.Report.Add(new CheckResult($"{operation}, {profile.Name}: both clients send the identical sequence of writes", problems.Count == 0,
            problems.Count > 0 ? string.Join("; ", problems)
                : $"{reference.Count} writes in the module's first run" + (skipped.Count == 0 ? ", the same in every run of both clients"
                    : $"; some runs lacked only deletes of objects the controllers had removed already: {string.Join(", ", skipped)}")));
    }

    /// <summary>The deletes <paramref name="longer"/> has beyond <paramref name="shorter"/>, or null when they differ otherwise.</summary>
    private static List<string>? DroppedDeletes(List<string> shorter, List<string> longer)
    {
        var dropped = new List<string>();
        var k = 0;
        foreach (var w in longer)
        {
            if (k < shorter.Count && shorter[k] == w) k++;
            else if (w.StartsWith("delete ", StringComparison.Ordinal)) dropped.Add(w);
            else return null;
        }
        return k == shorter.Count ? dropped : null;
    }

    private static long ToStopwatchTicks(TimeSpan t) => t.Ticks * Stopwatch.Frequency / TimeSpan.TicksPerSecond;

    private static string Ratio(double? module, double? baseline) =>
        module is { } m && baseline is { } b && b > 0 ? (m / b).ToString("0.00", CultureInfo.InvariantCulture) + "×" : "n/a";

    private static string F(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);
}
