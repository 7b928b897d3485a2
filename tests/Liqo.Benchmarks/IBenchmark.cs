namespace Liqo.Benchmarks;

/// <summary>
/// One benchmark, selected by <see cref="Name"/> on the command line (<c>Liqo.Benchmarks run &lt;name&gt;</c>). A run must be
/// bounded in count and in time, talk only to 127.0.0.1 and stop by itself; it adds its measurements to
/// <see cref="BenchmarkContext.Report"/>. Register new benchmarks in <see cref="BenchmarkRegistry"/>.
/// </summary>
public interface IBenchmark
{
    /// <summary>The subcommand name (lower case, e.g. "sandbox").</summary>
    string Name { get; }

    /// <summary>One line for <c>Liqo.Benchmarks list</c>.</summary>
    string Description { get; }

    /// <summary>The longest a full run may take: the harness cancels the run then, and ends the process 30 s later.</summary>
    TimeSpan TimeBound { get; }

    Task RunAsync(BenchmarkContext context, CancellationToken ct);
}
