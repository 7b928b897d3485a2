namespace Liqo.Benchmarks;

/// <summary>Percentiles of a set of latencies, in milliseconds (null when there were no samples).</summary>
public sealed record LatencySummary(long Samples, double? P50Ms, double? P95Ms, double? P99Ms, double? MaxMs)
{
    public static LatencySummary Empty { get; } = new(0, null, null, null, null);

    /// <summary>Nearest-rank percentiles of Stopwatch tick durations.</summary>
    public static LatencySummary FromTicks(IEnumerable<long> ticks)
    {
        var sorted = ticks.ToArray();
        if (sorted.Length == 0) return Empty;
        Array.Sort(sorted);
        double Ms(long t) => t * 1000.0 / System.Diagnostics.Stopwatch.Frequency;
        double At(double p) => Ms(sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)]);
        return new LatencySummary(sorted.Length, At(0.50), At(0.95), At(0.99), Ms(sorted[^1]));
    }
}
