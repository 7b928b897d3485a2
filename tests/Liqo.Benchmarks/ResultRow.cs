namespace Liqo.Benchmarks;

/// <summary>
/// One measured case: how many operations (or events) in how long, the rate, and the latency distribution in milliseconds.
/// Fields that do not apply are null.
/// </summary>
/// <param name="Case">What was measured ("GET configmap", "LIST 1000 configmaps", …).</param>
/// <param name="Client">Who made the requests ("KubernetesClient ×4", "HttpClient ×4", …).</param>
/// <param name="Count">Completed operations (or delivered events, see <paramref name="Unit"/>).</param>
/// <param name="Seconds">Wall-clock time of the measured part.</param>
/// <param name="Rate">Count per second.</param>
/// <param name="Unit">What the rate counts ("req/s", "writes/s", "events/s").</param>
/// <param name="P50Ms">Median latency.</param>
/// <param name="P95Ms">95th percentile latency.</param>
/// <param name="P99Ms">99th percentile latency.</param>
/// <param name="MaxMs">Largest latency.</param>
/// <param name="Errors">Failed operations.</param>
/// <param name="CpuMsPerOp">CPU milliseconds (clients and server together, the whole process) per counted operation.</param>
/// <param name="Note">Anything needed to read the row right.</param>
public sealed record ResultRow(
    string Case,
    string Client,
    long Count,
    double Seconds,
    double? Rate,
    string Unit,
    double? P50Ms,
    double? P95Ms,
    double? P99Ms,
    double? MaxMs,
    long Errors,
    double? CpuMsPerOp,
    string? Note = null)
{
    /// <summary>A row from a load run.</summary>
    public static ResultRow From(string @case, string client, LoadResult r, string unit = "req/s", string? note = null) =>
        new(@case, client, r.Completed, r.Elapsed.TotalSeconds, r.Elapsed > TimeSpan.Zero ? r.Completed / r.Elapsed.TotalSeconds : null, unit,
            r.Latency.P50Ms, r.Latency.P95Ms, r.Latency.P99Ms, r.Latency.MaxMs, r.Errors, ProcessCpu.PerOperationMs(r.CpuTime, r.Completed),
            r.FirstError is null ? note : string.Join("; ", new[] { note, "first error: " + r.FirstError }.Where(s => s is not null)));
}
