namespace Liqo.Benchmarks;

/// <summary>What a closed-loop load run did: completed and failed operations, the measured time and the latencies.</summary>
/// <param name="Completed">Operations that succeeded within the bounds.</param>
/// <param name="Errors">Operations that failed.</param>
/// <param name="Elapsed">Wall-clock time of the measured part.</param>
/// <param name="CpuTime">CPU time the whole process (clients and in-process server) used meanwhile.</param>
/// <param name="Latency">Latencies of the completed operations.</param>
/// <param name="FirstError">The first failure, for the report.</param>
/// <param name="StoppedByTime">Whether the time bound ended the run (rather than the count bound).</param>
public sealed record LoadResult(long Completed, long Errors, TimeSpan Elapsed, TimeSpan CpuTime, LatencySummary Latency, string? FirstError, bool StoppedByTime);
