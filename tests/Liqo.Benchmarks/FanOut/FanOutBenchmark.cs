using System.Diagnostics;
using System.Globalization;
using Liqo.Benchmarks.Peering;
using Liqo.Engine;
using Liqo.Engine.ClusterAccess;
using Liqo.Engine.Peering;
using Liqo.Sandbox.Liqo;

namespace Liqo.Benchmarks.FanOut;

/// <summary>
/// Issue 17: New-LiqoPeering / Remove-LiqoPeering with several providers at once (the engine's <see cref="Engine.Peering.FanOut"/>,
/// as the cmdlets run it): one sandbox consumer and ten providers, all at the typical installation latencies of the peering
/// benchmark; wall time to peer (and then unpeer) 1, 5 and 10 providers with -ThrottleLimit equal to the count, and 10 at the
/// default -ThrottleLimit. Checks that 10 providers take at most 1.5 times what 1 takes.
/// </summary>
public sealed class FanOutBenchmark : IBenchmark
{
    private const int MaxProviders = 10;

    /// <summary>The goal: peering 10 providers at once takes at most this many times what one takes.</summary>
    private const double Goal = 1.5;

    public string Name => "fanout";

    public string Description => "New-/Remove-LiqoPeering fan-out: 1, 5 and 10 sandbox providers at once at typical latencies; wall time vs one provider";

    public TimeSpan TimeBound => TimeSpan.FromSeconds(900);

    public async Task RunAsync(BenchmarkContext context, CancellationToken ct)
    {
        var names = new List<string> { "consumer" };
        names.AddRange(Enumerable.Range(1, MaxProviders).Select(i => "p" + i.ToString(CultureInfo.InvariantCulture)));
        await using var sandbox = await LiqoSandbox.StartAsync(Path.Combine(context.WorkDirectory, "fanout"), names, new LiqoSandboxOptions(), ct);
        foreach (var n in names) sandbox[n].UpdateOptions(PeeringProfile.Typical.Apply);
        var consumer = new KubeconfigSource(sandbox["consumer"].KubeconfigPath, null, null);
        var providers = names.Skip(1).Select(n => new KubeconfigSource(sandbox[n].KubeconfigPath, null, null, Scope: "remote")).ToList();
        context.Log($"Sandbox: consumer and {MaxProviders} providers, {PeeringProfile.Typical.Name}");

        var rounds = context.Options.Quick ? 1 : 2;
        var peerP50 = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (count, throttle) in new[] { (1, 1), (5, 5), (10, 10), (10, Engine.Peering.FanOut.DefaultThrottleLimit) })
        {
            var label = $"{count} provider{(count == 1 ? "" : "s")}, -ThrottleLimit {throttle}";
            var peer = new List<long>();
            var unpeer = new List<long>();
            var failures = 0;
            // the default -ThrottleLimit case shows the throttle's effect; one round is enough for that
            for (var round = 0; round < (throttle < count ? 1 : rounds); round++)
            {
                ct.ThrowIfCancellationRequested();
                var some = providers.Take(count).ToList();
                failures += await MeasureAsync(peer, some, throttle, (_, op, c, p) => Peer.RunAsync(op, c, p, new PeerOptions()), consumer, ct);
                failures += await MeasureAsync(unpeer, some, throttle, (_, op, c, p) => Unpeer.RunAsync(op, c, p, new UnpeerOptions()), consumer, ct);
                context.Log($"{label}, round {round + 1}/{rounds}: peer {Seconds(peer[^1]):F2} s, unpeer {Seconds(unpeer[^1]):F2} s");
            }
            peerP50[label] = Add(context, $"New-LiqoPeering, {label}", peer, failures);
            Add(context, $"Remove-LiqoPeering, {label}", unpeer, failures);
        }

        var one = peerP50["1 provider, -ThrottleLimit 1"];
        var ten = peerP50["10 providers, -ThrottleLimit 10"];
        context.Report.Add(new CheckResult($"peering 10 providers at once takes at most {Goal}x one provider", ten <= Goal * one,
            $"p50 {ten / 1000:F2} s for 10 vs {one / 1000:F2} s for 1: {ten / one:F2}x"));
        context.Report.Note($"{PeeringProfile.Typical.Name}: every controller step 300 ms; Deployment rollouts 5 s; WireGuard handshake 2 s; " +
            "virtual-kubelet node registration 1 s, on every cluster. The providers' controllers and API servers run in this process, " +
            "on the same cores as the module: the CPU they need grows with the count, a real provider's does not.");
        context.Report.Note("Each round peers the providers (FanOut.RunAsync with Peer.RunAsync, as New-LiqoPeering -RemoteKubeconfig a,b,...), " +
            "then unpeers them (Unpeer.RunAsync); the time is the wall time of the whole fan-out, from the consumer's kubeconfig being read " +
            "to the last provider done.");
    }

    private static double Seconds(long ticks) => ticks / (double)Stopwatch.Frequency;

    /// <summary>One fan-out, timed; returns how many providers failed.</summary>
    private static async Task<int> MeasureAsync<T>(List<long> ticks, IReadOnlyList<KubeconfigSource> providers, int throttle,
        Func<int, Operation, ClusterConnection, ClusterConnection, Task<T>> step, KubeconfigSource consumer, CancellationToken ct) where T : class
    {
        var failed = 0;
        var start = Stopwatch.GetTimestamp();
        await Engine.Peering.FanOut.RunAsync(NullOperationLog.Instance, consumer, providers, throttle, TimeSpan.FromMinutes(3), whatIf: false, Engine.Resources.GlobalMetadata.None, step,
            done =>
            {
                if (done.Error is not null) Interlocked.Increment(ref failed);
            }, ct);
        ticks.Add(Stopwatch.GetTimestamp() - start);
        return failed;
    }

    /// <summary>Adds the row of one case; returns its p50 in milliseconds.</summary>
    private static double Add(BenchmarkContext context, string @case, List<long> ticks, int failures)
    {
        var latency = LatencySummary.FromTicks(ticks);
        context.Report.Add(new ResultRow(@case, "engine (FanOut.RunAsync)", ticks.Count, ticks.Sum() / (double)Stopwatch.Frequency, null, "",
            latency.P50Ms, latency.P95Ms, latency.P99Ms, latency.MaxMs, failures, null));
        return latency.P50Ms ?? 0;
    }
}
