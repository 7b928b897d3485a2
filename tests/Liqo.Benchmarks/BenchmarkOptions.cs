namespace Liqo.Benchmarks;

/// <summary>Command-line options shared by every benchmark.</summary>
public sealed record BenchmarkOptions
{
    /// <summary>Concurrent clients for throughput measurements (default 4: a few clients on a 2-core machine).</summary>
    public int Clients { get; init; } = 4;

    /// <summary>A tenth of the counts and a fifth of the durations: checks the harness, the numbers mean little.</summary>
    public bool Quick { get; init; }

    /// <summary>Keep the work directory (kubeconfigs, audit logs) instead of deleting it.</summary>
    public bool Keep { get; init; }

    /// <summary>Where &lt;name&gt;.json goes.</summary>
    public string OutputDirectory { get; init; } = Path.Combine("out", "bench");
}
