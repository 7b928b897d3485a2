namespace Liqo.Benchmarks;

/// <summary>What a benchmark run gets from the harness: a scratch directory, the run options and the report to fill.</summary>
public sealed class BenchmarkContext(string workDirectory, BenchmarkOptions options, BenchmarkReport report, TextWriter log)
{
    /// <summary>A fresh directory for kubeconfigs, audit logs and other files of this run (deleted afterwards unless --keep).</summary>
    public string WorkDirectory { get; } = workDirectory;

    public BenchmarkOptions Options { get; } = options;

    public BenchmarkReport Report { get; } = report;

    /// <summary>Progress lines (stderr), so stdout holds only the results table.</summary>
    public void Log(string message) => log.WriteLine($"[{DateTime.Now:HH:mm:ss}] {message}");

    /// <summary>Scales a count bound: a tenth (at least 1) in --quick mode.</summary>
    public int Count(int full) => Options.Quick ? Math.Max(1, full / 10) : full;

    /// <summary>Load limits scaled for --quick (counts, the measured time and the warm-up time).</summary>
    public LoadLimits Limits(int maxOperations, TimeSpan maxDuration, int warmupOperations) =>
        new(Count(maxOperations), Duration(maxDuration), warmupOperations)
        {
            WarmupDuration = Duration(TimeSpan.FromSeconds(1)), SettleTime = Duration(TimeSpan.FromMilliseconds(500)),
        };

    /// <summary>Scales a duration bound: a fifth in --quick mode.</summary>
    public TimeSpan Duration(TimeSpan full) => Options.Quick ? full / 5 : full;
}
