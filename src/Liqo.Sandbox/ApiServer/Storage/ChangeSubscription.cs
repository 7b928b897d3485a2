using System.Threading.Channels;

namespace Liqo.Sandbox.ApiServer.Storage;

/// <summary>
/// A reader's position in the event log plus a wake-up pulse. Writers only pulse (never wait); a reader that falls out of
/// the retained history is cancelled through <see cref="Lagged"/> (the real server closes unresponsive watchers).
/// </summary>
internal sealed class ChangeSubscription : IDisposable
{
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1)
    {
        FullMode = BoundedChannelFullMode.DropWrite,
        SingleReader = true,
    });
    private readonly CancellationTokenSource _lagged = new();
    private readonly Action<ChangeSubscription> _unregister;
    private int _disposed;

    public ChangeSubscription(long cursor, Action<ChangeSubscription> unregister)
    {
        Cursor = cursor;
        _unregister = unregister;
    }

    /// <summary>RV of the last record the reader has consumed.</summary>
    public long Cursor { get; set; }

    /// <summary>Cancelled when the reader fell behind the retained history.</summary>
    public CancellationToken Lagged => _lagged.Token;

    public bool IsLagged => _lagged.IsCancellationRequested;

    public void Pulse() => _wake.Writer.TryWrite(true);

    public void MarkLagged()
    {
        if (_lagged.IsCancellationRequested) return;
        // Cancel off the writer's thread: callbacks registered on the token must never run under the store lock.
        ThreadPool.UnsafeQueueUserWorkItem(static s => { try { s.Cancel(); } catch (ObjectDisposedException) { } }, _lagged, preferLocal: false);
    }

    /// <summary>Waits for a pulse; false when <paramref name="timeout"/> passed first.</summary>
    public async Task<bool> WaitAsync(TimeSpan? timeout, CancellationToken ct)
    {
        if (_wake.Reader.TryRead(out _)) return true;
        if (timeout is { } t)
        {
            using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
            cts.CancelAfter(t);
            try
            {
                await _wake.Reader.ReadAsync(cts.Token).ConfigureAwait(false);
                return true;
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                return false;
            }
        }
        await _wake.Reader.ReadAsync(ct).ConfigureAwait(false);
        return true;
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        _unregister(this);
        _lagged.Dispose();
    }
}
