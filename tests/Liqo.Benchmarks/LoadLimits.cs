namespace Liqo.Benchmarks;

/// <summary>The bounds of one load run: it stops at whichever of <see cref="MaxOperations"/> and <see cref="MaxDuration"/> comes first.</summary>
/// <param name="MaxOperations">Measured operations in total (over every worker).</param>
/// <param name="MaxDuration">Measured time.</param>
/// <param name="WarmupOperations">Unmeasured operations per worker before the clock starts (JIT, connections, TLS).</param>
/// <param name="MaxErrors">The run stops early after this many failed operations.</param>
public sealed record LoadLimits(long MaxOperations, TimeSpan MaxDuration, int WarmupOperations = 20, int MaxErrors = 20);
