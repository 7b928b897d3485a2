using System.Diagnostics;
using Liqo.Benchmarks.Audit;
using Liqo.Engine;
using Liqo.Engine.Resources;

namespace Liqo.Benchmarks.Peering;

/// <summary>
/// The measured runs of one operation (New- or Remove-LiqoPeering) by one client under one latency profile: wall times,
/// the module's requests in each run's window (audit logs), and the waits the engine reported.
/// </summary>
internal sealed class PeeringRuns(string operation, PeeringClient client)
{
    private readonly List<long> _ticks = [];
    private readonly List<(DateTimeOffset From, DateTimeOffset To)> _windows = [];
    private readonly List<IReadOnlyList<AuditRequest>> _requests = [];
    private readonly List<IReadOnlyList<WaitRecord>> _waits = [];

    public string Operation { get; } = operation;

    public PeeringClient Client { get; } = client;

    public int Count => _ticks.Count;

    public TimeSpan Last => Seconds(_ticks[^1]);

    public IReadOnlyList<long> Ticks => _ticks;

    public double WallSeconds => _ticks.Sum() / (double)Stopwatch.Frequency;

    public IReadOnlyList<IReadOnlyList<AuditRequest>> Requests => _requests;

    public IEnumerable<WaitRecord> Waits => _waits.SelectMany(w => w);

    /// <summary>Runs <paramref name="run"/> on an operation that waits as the client does and reports its waits.</summary>
    public async Task MeasureAsync(Func<Operation, Task> run, CancellationToken ct)
    {
        var waits = new List<WaitRecord>();
        using var op = new Operation(NullOperationLog.Instance, TimeSpan.FromMinutes(2), ct)
        {
            Waits = new WaitSettings(Client.Strategy, TimeProvider.System, w =>
            {
                lock (waits) waits.Add(w);
            }),
        };
        var from = DateTimeOffset.UtcNow;
        var start = Stopwatch.GetTimestamp();
        await run(op);
        _ticks.Add(Stopwatch.GetTimestamp() - start);
        _windows.Add((from, DateTimeOffset.UtcNow));
        lock (waits) _waits.Add([.. waits]);
    }

    /// <summary>
    /// The module's requests received within each run's window; a watch's duration is cut at the window's end (the engine
    /// had stopped waiting by then, the server only noticed later).
    /// </summary>
    public void Attribute(IReadOnlyList<AuditRequest> audited)
    {
        foreach (var (from, to) in _windows.Skip(_requests.Count))
            _requests.Add(audited.Where(r => r.Received >= from && r.Received <= to)
                .Select(r => r.Completed > to ? r with { Completed = to } : r).ToList());
    }

    /// <summary>The write requests of one run, in order, as "verb path" (query left out): what both clients must send alike.</summary>
    public IEnumerable<string> WriteSequence(int run) =>
        _requests[run].Where(r => r.IsWrite).OrderBy(r => r.Received).Select(r => r.Verb + " " + r.RequestUri.Split('?')[0]);

    private static TimeSpan Seconds(long ticks) => TimeSpan.FromTicks(ticks * TimeSpan.TicksPerSecond / Stopwatch.Frequency);
}
