using Liqo.Benchmarks.FanOut;
using Liqo.Benchmarks.Info;
using Liqo.Benchmarks.Peering;
using Liqo.Benchmarks.Sandbox;

namespace Liqo.Benchmarks;

/// <summary>
/// Every benchmark the harness knows, by subcommand name. Add one class per benchmark (implementing <see cref="IBenchmark"/>,
/// in its own folder) and one line here.
/// </summary>
public static class BenchmarkRegistry
{
    public static IReadOnlyList<IBenchmark> All { get; } =
    [
        new SandboxBenchmark(),

        // Issue 5: two sandbox clusters with the simulated Liqo; the engine's Peer/Unpeer a few rounds with zero controller
        // latency and with a typical installation's latencies (PeeringProfile); time per peering, and the module's API
        // requests per peering from both audit logs (reads/writes/watches) against liqoctl's 1-second polling over the
        // same waits.
        new PeeringBenchmark(),

        // Issue 6: one sandbox cluster with 1, then 200 peerings written as plain objects (PeerSeeder, controllers off);
        // Get-LiqoPeerInfo's collector (InfoCollector.CollectPeersAsync) time and audited requests vs the real kubectl 1.32's
        // `get foreignclusters -o json` (row skipped with a note when absent); checks the request count does not grow.
        new InfoBenchmark(),

        // Issue 17: one sandbox consumer and ten providers at typical latencies; the fan-out (FanOut.RunAsync with Peer/Unpeer)
        // over 1, 5 and 10 providers; checks that 10 take at most 1.5x the wall time of 1.
        new FanOutBenchmark(),
    ];

    public static IBenchmark? Find(string name) =>
        All.FirstOrDefault(b => string.Equals(b.Name, name, StringComparison.OrdinalIgnoreCase));
}
