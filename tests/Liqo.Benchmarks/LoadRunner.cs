using System.Diagnostics;

namespace Liqo.Benchmarks;

/// <summary>
/// Closed-loop load: <c>workers</c> concurrent loops, each issuing its next operation as soon as the previous one returned,
/// until the operation budget or the time budget is spent. Each worker has its own client (connection), so the numbers
/// are those of a few independent clients.
/// </summary>
public static class LoadRunner
{
    /// <param name="workers">Concurrent loops.</param>
    /// <param name="operation">One operation: (worker index, operation sequence number, token). Throws on failure.</param>
    /// <param name="limits">Bounds in count and time.</param>
    /// <param name="ct">Cancels the run (the harness' time bound).</param>
    public static async Task<LoadResult> RunAsync(int workers, Func<int, long, CancellationToken, Task> operation, LoadLimits limits,
        CancellationToken ct)
    {
        // Warm-up: every worker opens its connection and the code paths get jitted and optimized; nothing is recorded.
        long warmSeq = -1;
        var warm = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, workers).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < limits.WarmupOperations || (warm.Elapsed < limits.WarmupDuration && i < limits.WarmupOperations * 10); i++)
                await operation(w, Interlocked.Decrement(ref warmSeq), ct).ConfigureAwait(false);
        }, ct))).ConfigureAwait(false);
        await Task.Delay(limits.SettleTime, ct).ConfigureAwait(false);

        var latencies = new List<long>[workers];
        long issued = 0, errors = 0;
        string? firstError = null;
        var stoppedByTime = false;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var cpuBefore = ProcessCpu.Now();
        var clock = Stopwatch.StartNew();
        stop.CancelAfter(limits.MaxDuration);
        var tasks = Enumerable.Range(0, workers).Select(w => Task.Run(async () =>
        {
            var mine = latencies[w] = new List<long>(1024);
            while (!stop.IsCancellationRequested)
            {
                var seq = Interlocked.Increment(ref issued);
                if (seq > limits.MaxOperations) break;
                var start = Stopwatch.GetTimestamp();
                try
                {
                    await operation(w, seq, stop.Token).ConfigureAwait(false);
                    mine.Add(Stopwatch.GetTimestamp() - start);
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                    stoppedByTime = true;
                    break;
                }
                catch (Exception e)
                {
                    Interlocked.CompareExchange(ref firstError, e.GetType().Name + ": " + e.Message, null);
                    if (Interlocked.Increment(ref errors) >= limits.MaxErrors) await stop.CancelAsync().ConfigureAwait(false);
                }
            }
        }, CancellationToken.None)).ToArray();
        await Task.WhenAll(tasks).ConfigureAwait(false);
        var elapsed = clock.Elapsed;
        var cpu = ProcessCpu.Now() - cpuBefore;
        ct.ThrowIfCancellationRequested();
        // Operations cut off by the deadline are not counted; neither is the time spent unwinding them.
        if (stoppedByTime && elapsed > limits.MaxDuration) elapsed = limits.MaxDuration;
        var all = latencies.Where(l => l is not null).SelectMany(l => l).ToList();
        return new LoadResult(all.Count, errors, elapsed, cpu, LatencySummary.FromTicks(all), firstError, stoppedByTime || elapsed >= limits.MaxDuration);
    }
}
