using System.Diagnostics;
using System.Globalization;
using Liqo.Benchmarks.Audit;
using Liqo.Engine;
using Liqo.Engine.ClusterAccess;
using Liqo.Engine.Peering;
using Liqo.Sandbox.Liqo;

namespace Liqo.Benchmarks.Peering;

/// <summary>
/// Issue 5: New-LiqoPeering then Remove-LiqoPeering (the engine's Peer/Unpeer, called directly) between two sandbox clusters
/// with the simulated Liqo, a few rounds with zero controller latency and a few with a typical installation's latencies.
/// Reports the time per peering and the API requests the module sent (both clusters' audit logs, user agent
/// Liqo-PowerShell) against what liqoctl's 1-second polling would send over the same waits.
/// </summary>
public sealed class PeeringBenchmark : IBenchmark
{
    private const string UserAgentPrefix = "Liqo-PowerShell";

    public string Name => "peering";

    public string Description => "New-LiqoPeering / Remove-LiqoPeering engine on two sandbox clusters: time and API requests vs liqoctl polling";

    public TimeSpan TimeBound => TimeSpan.FromSeconds(300);

    public async Task RunAsync(BenchmarkContext context, CancellationToken ct)
    {
        await using var sandbox = await LiqoSandbox.StartAsync(Path.Combine(context.WorkDirectory, "peering"), ["consumer", "provider"],
            new LiqoSandboxOptions(), ct);
        var consumer = sandbox["consumer"];
        var provider = sandbox["provider"];
        context.Log($"Sandbox clusters: consumer {consumer.Server}, provider {provider.Server}");
        using var consumerConn = ClusterConnection.Open(new KubeconfigSource(consumer.KubeconfigPath, null, null));
        using var providerConn = ClusterConnection.Open(new KubeconfigSource(provider.KubeconfigPath, null, null, Scope: "remote"));
        var tails = new[] { new AuditTail(consumer.Cluster.AuditLogPath), new AuditTail(provider.Cluster.AuditLogPath) };

        foreach (var (profile, rounds) in new[] { (PeeringProfile.Instant, context.Count(6)), (PeeringProfile.Typical, context.Count(3)) })
        {
            consumer.UpdateOptions(profile.Apply);
            provider.UpdateOptions(profile.Apply);
            var peer = new Phase("New-LiqoPeering");
            var unpeer = new Phase("Remove-LiqoPeering");
            Drain(tails);
            for (var round = 0; round < rounds; round++)
            {
                ct.ThrowIfCancellationRequested();
                await peer.MeasureAsync(ct => Peer.RunAsync(NewOperation(ct), consumerConn, providerConn, new PeerOptions()), ct);
                await unpeer.MeasureAsync(ct => Unpeer.RunAsync(NewOperation(ct), consumerConn, providerConn, new UnpeerOptions()), ct);
                context.Log($"{profile.Name}, round {round + 1}/{rounds}: peer {peer.Last.TotalSeconds:F2} s, unpeer {unpeer.Last.TotalSeconds:F2} s");
            }
            // A watch is audited when the server sees its client go: give the server a moment, then attribute every
            // request to the round whose wall-clock window it was received in.
            await Task.Delay(1000, ct);
            var audited = tails.SelectMany(t => t.Next()).Where(r => r.UserAgent.StartsWith(UserAgentPrefix, StringComparison.Ordinal)).ToList();
            peer.Attribute(audited);
            unpeer.Attribute(audited);
            peer.Report(context, profile);
            unpeer.Report(context, profile);
        }
        context.Report.Note("Requests are the module's own (user agent Liqo-PowerShell) on both clusters, from their audit logs. " +
            "liqoctl estimate: liqoctl waits by polling, one GET per second per wait (first check at once). Each wait of the module is " +
            "a LIST (the first check) followed, when not yet satisfied, by a WATCH that stays open until the condition holds; the " +
            "estimate keeps the module's reads and writes and replaces every watch of duration d by ceil(d / 1 s) GETs.");
        context.Report.Note("Typical latencies: every controller step 300 ms; Deployment rollouts (gateway, virtual-kubelet pods) 5 s; " +
            "WireGuard handshake (connection checker) 2 s; virtual-kubelet node registration 1 s.");
    }

    private static Operation NewOperation(CancellationToken ct) => new(NullOperationLog.Instance, TimeSpan.FromMinutes(2), ct);

    private static void Drain(IEnumerable<AuditTail> tails)
    {
        foreach (var t in tails) t.Next();
    }

    /// <summary>The rounds of one operation under one profile: durations and the requests of each round.</summary>
    private sealed class Phase(string name)
    {
        private readonly List<long> _ticks = [];
        private readonly List<IReadOnlyList<AuditRequest>> _requests = [];
        private readonly List<(DateTimeOffset From, DateTimeOffset To)> _windows = [];

        public TimeSpan Last => TimeSpan.FromTicks(_ticks[^1] * TimeSpan.TicksPerSecond / Stopwatch.Frequency);

        public async Task MeasureAsync(Func<CancellationToken, Task> run, CancellationToken ct)
        {
            var from = DateTimeOffset.UtcNow;
            var start = Stopwatch.GetTimestamp();
            await run(ct);
            _ticks.Add(Stopwatch.GetTimestamp() - start);
            _windows.Add((from, DateTimeOffset.UtcNow));
        }

        /// <summary>
        /// The requests received within each round's window; a watch's duration is cut at the window's end (the engine had
        /// stopped waiting by then, the server only noticed later).
        /// </summary>
        public void Attribute(IReadOnlyList<AuditRequest> audited)
        {
            foreach (var (from, to) in _windows.Skip(_requests.Count))
                _requests.Add(audited.Where(r => r.Received >= from && r.Received <= to)
                    .Select(r => r.Completed > to ? r with { Completed = to } : r).ToList());
        }

        public void Report(BenchmarkContext context, PeeringProfile profile)
        {
            var latency = LatencySummary.FromTicks(_ticks);
            double Mean(Func<IReadOnlyList<AuditRequest>, double> f) => _requests.Average(f);
            var reads = Mean(r => r.Count(x => x.IsRead));
            var writes = Mean(r => r.Count(x => x.IsWrite));
            var watches = Mean(r => r.Count(x => x.IsWatch));
            var watchSeconds = Mean(r => r.Where(x => x.IsWatch).Sum(x => x.Duration.TotalSeconds));
            var liqoctl = Mean(r => r.Count(x => !x.IsWatch) + r.Where(x => x.IsWatch).Sum(x => Math.Max(1, Math.Ceiling(x.Duration.TotalSeconds))));
            var total = reads + writes + watches;
            string F(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);
            var note = $"requests per run {F(total)} (reads {F(reads)}, writes {F(writes)}, watches {F(watches)} open {F(watchSeconds)} s in all); " +
                $"liqoctl's 1 s polling over the same waits ≈ {F(liqoctl)}";
            context.Report.Add(new ResultRow($"{name}, {profile.Name}", "engine (Peer/Unpeer.RunAsync)", _ticks.Count,
                _ticks.Sum() / (double)Stopwatch.Frequency, null, "", latency.P50Ms, latency.P95Ms, latency.P99Ms, latency.MaxMs, 0, null, note));
        }
    }
}
