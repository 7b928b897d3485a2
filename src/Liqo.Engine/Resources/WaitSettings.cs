namespace Liqo.Engine.Resources;

/// <summary>
/// How an operation's waits run: the strategy, the clock their poll intervals are measured on, and who is told about
/// each wait that ends satisfied. The cmdlets always use <see cref="Default"/>; the benchmark (and the tests) set others.
/// </summary>
/// <param name="Strategy">Watches (the module) or liqoctl's polling (the benchmark's baseline).</param>
/// <param name="Time">The clock of the poll intervals (a test's manual clock).</param>
/// <param name="Observer">Told about each satisfied wait: when it started and returned, and which change satisfied it.</param>
internal sealed record WaitSettings(WaitStrategy Strategy, TimeProvider Time, Action<WaitRecord>? Observer = null)
{
    public static WaitSettings Default { get; } = new(WaitStrategy.Watch, TimeProvider.System);
}
