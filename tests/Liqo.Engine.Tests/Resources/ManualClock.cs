namespace Liqo.Engine.Tests.Resources;

/// <summary>
/// A clock that moves only when a test advances it, for the polling waits: it records the delay of every timer the
/// code under test starts (so a test reads the intervals it asked for), lets a test wait until the code has started its
/// Nth timer, and fires the timers that fall due when the test advances it.
/// </summary>
internal sealed class ManualClock : TimeProvider
{
    private readonly Lock _gate = new();
    private readonly List<Timer> _pending = [];
    private readonly List<TimeSpan> _delays = [];
    private DateTimeOffset _now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate) return _now;
    }

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp()
    {
        lock (_gate) return _now.UtcTicks;
    }

    /// <summary>The delay of every timer started so far, in order.</summary>
    public IReadOnlyList<TimeSpan> Delays
    {
        get { lock (_gate) return [.. _delays]; }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new Timer(this, callback, state);
        TaskCompletionSource started;
        lock (_gate)
        {
            _delays.Add(dueTime);
            timer.Due = _now + dueTime;
            _pending.Add(timer);
            started = _started;
            _started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        started.SetResult();
        return timer;
    }

    /// <summary>Returns once the code under test has started <paramref name="count"/> timers (bounded, so a bug fails, not hangs).</summary>
    public async Task StartedAsync(int count)
    {
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            Task next;
            lock (_gate)
            {
                if (_delays.Count >= count) return;
                next = _started.Task;
            }
            await next.WaitAsync(bound.Token);
        }
    }

    /// <summary>Moves the clock on and fires every timer that has fallen due.</summary>
    public void Advance(TimeSpan by)
    {
        List<Timer> due;
        lock (_gate)
        {
            _now += by;
            due = _pending.Where(t => t.Due <= _now).ToList();
            foreach (var t in due) _pending.Remove(t);
        }
        foreach (var t in due) t.Fire();
    }

    private sealed class Timer(ManualClock clock, TimerCallback callback, object? state) : ITimer
    {
        public DateTimeOffset Due { get; set; }

        public void Fire() => callback(state);

        public bool Change(TimeSpan dueTime, TimeSpan period) => throw new NotSupportedException("The waits start one-shot timers only.");

        public void Dispose()
        {
            lock (clock._gate) clock._pending.Remove(this);
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
