namespace Liqo.Benchmarks;

/// <summary>The bounds of one load run: it stops at whichever of <see cref="MaxOperations"/> and <see cref="MaxDuration"/> comes first.</summary>
/// <param name="MaxOperations">Measured operations in total (over every worker).</param>
/// <param name="MaxDuration">Measured time.</param>
/// <param name="WarmupOperations">Unmeasured operations per worker before the clock starts (connections, TLS, JIT).</param>
/// <param name="MaxErrors">The run stops early after this many failed operations.</param>
public sealed record LoadLimits(long MaxOperations, TimeSpan MaxDuration, int WarmupOperations = 20, int MaxErrors = 20)
{
    /// <summary>
    /// The warm-up also lasts at least this long (and at most ten times the operations): .NET's tiered JIT recompiles hot
    /// code with profile data only after a while, and the first second of a case would otherwise measure the unoptimized code.
    /// </summary>
    public TimeSpan WarmupDuration { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// An idle pause between warm-up and measurement: the JIT recompiles hot methods on a background thread, which gets
    /// little CPU while the clients and the server keep both cores busy.
    /// </summary>
    public TimeSpan SettleTime { get; init; } = TimeSpan.FromMilliseconds(500);
}
