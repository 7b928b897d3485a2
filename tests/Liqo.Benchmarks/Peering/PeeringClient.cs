using Liqo.Engine.Resources;

namespace Liqo.Benchmarks.Peering;

/// <summary>
/// One of the two clients the peering benchmark runs, alternating: the module as it is (waits on watches), and the
/// baseline that sends the module's identical writes but waits as liqoctl does (<see cref="WaitStrategy.LiqoctlPolling"/>).
/// </summary>
internal sealed record PeeringClient(string Name, WaitStrategy Strategy)
{
    public static PeeringClient Module { get; } = new("module (watches)", WaitStrategy.Watch);

    public static PeeringClient Baseline { get; } = new("baseline (liqoctl's 1 s polls)", WaitStrategy.LiqoctlPolling);
}
