namespace Liqo.Sandbox.Liqo.Runtime;

/// <summary>A version counter that waiters can await: every <see cref="Notify"/> bumps it and wakes them.</summary>
internal sealed class ChangeSignal
{
    private readonly Lock _gate = new();
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _version;

    public long Version
    {
        get { lock (_gate) return _version; }
    }

    public void Notify()
    {
        TaskCompletionSource done;
        lock (_gate)
        {
            _version++;
            done = _next;
            _next = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        done.TrySetResult();
    }

    /// <summary>Completes when the version differs from <paramref name="seen"/>.</summary>
    public Task WhenChangedAsync(long seen)
    {
        lock (_gate) return _version != seen ? Task.CompletedTask : _next.Task;
    }
}
