using System.Net.Sockets;
using Org.BouncyCastle.Tls;

namespace Liqo.Sandbox.Liqo.Remote;

/// <summary>
/// A TLS connection that holds no thread while it waits: BouncyCastle's protocol in its non-blocking mode (bytes offered
/// and taken by us) over the socket's async reads and writes. Each open remote watch of the simulated controllers waits in
/// a read for minutes; BouncyCastle's own blocking stream would park a thread-pool thread per watch, and with a few dozen
/// watches (reflection both ways) the pool starves and the sandbox's API server stops answering.
/// HttpClient reads one response at a time per connection, so reads never overlap; writes may overlap a read.
/// </summary>
internal sealed class AsyncTlsStream : Stream
{
    private readonly TcpClient _tcp;
    private readonly NetworkStream _net;
    private readonly TlsClientProtocol _tls = new();
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _send = new(1, 1); // never disposed: a send may still be releasing it (no wait handle is made)
    private readonly byte[] _received = new byte[16 * 1024];
    private bool _inputEnded;

    private AsyncTlsStream(TcpClient tcp)
    {
        _tcp = tcp;
        _net = tcp.GetStream();
    }

    /// <summary>Runs the handshake over a connected socket; throws <see cref="TlsException"/> when the peer is refused.</summary>
    public static async Task<AsyncTlsStream> ConnectAsync(TcpClient tcp, TlsClient client, CancellationToken ct)
    {
        var stream = new AsyncTlsStream(tcp);
        lock (stream._gate) stream._tls.Connect(client);
        while (true)
        {
            await stream.SendPendingAsync(ct).ConfigureAwait(false);
            bool handshaking;
            lock (stream._gate) handshaking = stream._tls.IsHandshaking;
            if (!handshaking) return stream;
            if (!await stream.ReceiveAsync(ct).ConfigureAwait(false))
                throw new IOException("the server closed the connection during the TLS handshake");
        }
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();

    // HttpClient's SendAsync only reads and writes asynchronously; a synchronous caller would hold a thread, which this
    // stream exists to avoid.
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("use ReadAsync");
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException("use WriteAsync");
    public override void Flush()
    {
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <summary>Application data; a zero-length read waits until some is available (HttpClient's liveness read-ahead).</summary>
    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            lock (_gate)
            {
                var available = _tls.GetAvailableInputBytes();
                if (available > 0)
                {
                    if (buffer.Length == 0) return 0;
                    var take = Math.Min(available, buffer.Length);
                    var chunk = new byte[take];
                    var n = _tls.ReadInput(chunk, 0, take);
                    chunk.AsSpan(0, n).CopyTo(buffer.Span);
                    return n;
                }
                if (_inputEnded || _tls.IsClosed) return 0;
            }
            if (!await ReceiveAsync(cancellationToken).ConfigureAwait(false)) return 0;
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var data = buffer.ToArray();
        lock (_gate) _tls.WriteApplicationData(data, 0, data.Length);
        await SendPendingAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>One socket read offered to the protocol; false when the peer closed the connection.</summary>
    private async Task<bool> ReceiveAsync(CancellationToken ct)
    {
        var n = await _net.ReadAsync(_received, ct).ConfigureAwait(false);
        lock (_gate)
        {
            if (n == 0)
            {
                _inputEnded = true;
                return false;
            }
            _tls.OfferInput(_received, 0, n);
        }
        // Input can produce output (handshake messages, alerts, key updates).
        await SendPendingAsync(ct).ConfigureAwait(false);
        return true;
    }

    /// <summary>Sends what the protocol has queued, in order (one sender at a time).</summary>
    private async Task SendPendingAsync(CancellationToken ct)
    {
        await _send.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            while (true)
            {
                byte[] chunk;
                lock (_gate)
                {
                    var pending = _tls.GetAvailableOutputBytes();
                    if (pending == 0) return;
                    chunk = new byte[pending];
                    _tls.ReadOutput(chunk, 0, pending);
                }
                await _net.WriteAsync(chunk, ct).ConfigureAwait(false);
            }
        }
        finally
        {
            _send.Release();
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            // Closing the socket ends a pending socket read (it completes with an error the caller's catch handles).
            _tcp.Dispose();
            lock (_gate)
            {
                try
                {
                    _tls.Close();
                }
                catch (Exception e) when (e is IOException or TlsException or ObjectDisposedException)
                {
                }
            }
        }
        base.Dispose(disposing);
    }
}
