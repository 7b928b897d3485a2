using System.Collections.Immutable;
using Liqo.Sandbox.Liqo;

namespace Liqo.Benchmarks.Peering;

/// <summary>How fast the simulated Liqo controllers react: a name for the table and the change to both clusters' options.</summary>
internal sealed record PeeringProfile(string Name, Func<LiqoOptions, LiqoOptions> Apply)
{
    /// <summary>Every controller step at once.</summary>
    public static PeeringProfile Instant { get; } = new("zero controller latency", o => o with
    {
        Latency = TimeSpan.Zero, ControllerLatencies = ImmutableDictionary<string, TimeSpan>.Empty,
    });

    /// <summary>
    /// A typical real installation: 300 ms per controller step (a work queue, a reconcile and an API write on a busy
    /// control plane); the Deployment rollouts (gateway and virtual-kubelet pods: image pull, start, readiness probe)
    /// 5 s; the WireGuard handshake seen by the connection checker 2 s; the virtual kubelet's node registration 1 s.
    /// </summary>
    public static PeeringProfile Typical { get; } = new("typical installation latencies", o => o with
    {
        Latency = TimeSpan.FromMilliseconds(300),
        ControllerLatencies = ImmutableDictionary<string, TimeSpan>.Empty
            .Add("workloads", TimeSpan.FromSeconds(5))
            .Add("connection-checker", TimeSpan.FromSeconds(2))
            .Add("virtual-kubelet", TimeSpan.FromSeconds(1)),
    });
}
