namespace Liqo.Benchmarks;

/// <summary>The outcome of one benchmark run: the machine, the rows, the checked properties and notes. Written as JSON.</summary>
public sealed class BenchmarkReport(string name, MachineInfo machine, BenchmarkOptions options)
{
    private readonly Lock _gate = new();
    private readonly List<ResultRow> _rows = [];
    private readonly List<CheckResult> _checks = [];
    private readonly List<string> _notes = [];

    public string Name { get; } = name;
    public MachineInfo Machine { get; } = machine;
    public BenchmarkOptions Options { get; } = options;
    public DateTimeOffset StartedUtc { get; } = DateTimeOffset.UtcNow;
    public TimeSpan Duration { get; set; }
    /// <summary>"completed", "timed out" or "failed: …".</summary>
    public string Outcome { get; set; } = "running";

    public IReadOnlyList<ResultRow> Rows
    {
        get { lock (_gate) return [.. _rows]; }
    }

    public IReadOnlyList<CheckResult> Checks
    {
        get { lock (_gate) return [.. _checks]; }
    }

    public IReadOnlyList<string> Notes
    {
        get { lock (_gate) return [.. _notes]; }
    }

    public void Add(ResultRow row)
    {
        lock (_gate) _rows.Add(row);
    }

    public void Add(CheckResult check)
    {
        lock (_gate) _checks.Add(check);
    }

    public void Note(string note)
    {
        lock (_gate) _notes.Add(note);
    }
}
