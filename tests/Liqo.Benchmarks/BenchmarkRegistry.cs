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

        // To be added (issue 5), as Peering/PeeringBenchmark.cs, name "peering":
        //   two sandbox clusters (consumer, provider) with the simulated Liqo control plane; New-LiqoPeering consumer→provider
        //   then Remove-LiqoPeering, a few rounds; report the peering time (p50/max) with zero controller latency and with
        //   the controller latencies of a typical real installation (the control plane's latency settings), and the API
        //   requests per peering counted from both clusters' audit logs (SandboxCluster.AuditLogPath, one JSON line per
        //   request: verb, requestURI, user) split into reads, writes and watches, against the requests that liqoctl's
        //   1-second polling would make over the same waits (one GET per second per wait).

        // To be added (issue 6), as Info/InfoBenchmark.cs, name "info":
        //   one sandbox cluster holding 200 peerings (ForeignClusters, Tenants, ResourceSlices, VirtualNodes, … written as
        //   plain objects through SandboxCluster.Store); report the time and the API requests (from the audit log) of
        //   Get-LiqoPeerInfo for all peers, against `kubectl get foreignclusters -o json` on the same cluster (the real
        //   kubectl 1.32 beside the dispatcher; the row is skipped with a note when it is absent). The request count of
        //   Get-LiqoPeerInfo must not grow with the number of peers.
    ];

    public static IBenchmark? Find(string name) =>
        All.FirstOrDefault(b => string.Equals(b.Name, name, StringComparison.OrdinalIgnoreCase));
}
