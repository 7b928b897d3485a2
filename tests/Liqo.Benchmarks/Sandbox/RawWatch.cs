using System.Diagnostics;
using System.Net;
using System.Text;

namespace Liqo.Benchmarks.Sandbox;

/// <summary>
/// A watch over a raw HttpClient: the request is open (headers received) when <see cref="OpenAsync"/> returns. A reading
/// watch splits the stream into lines and reports each event's object name with its arrival time (no JSON decoding, so
/// the client costs little); a stalled watch never reads its stream at all.
/// </summary>
internal sealed class RawWatch : IAsyncDisposable
{
    private static readonly byte[] NameMarker = "\"name\":\""u8.ToArray();
    private static readonly byte[] ErrorMarker = "{\"type\":\"ERROR\""u8.ToArray();
    private readonly HttpResponseMessage _response;
    private readonly Stream _stream;
    private readonly CancellationTokenSource _stop;
    private readonly Task _reader;
    private long _events;
    private long _errors;

    private RawWatch(HttpResponseMessage response, Stream stream, CancellationTokenSource stop, Action<string, long>? onEvent)
    {
        _response = response;
        _stream = stream;
        _stop = stop;
        _reader = onEvent is null ? Task.CompletedTask : Task.Run(() => ReadAsync(onEvent, stop.Token));
    }

    /// <summary>Events received (reading watches only).</summary>
    public long Events => Interlocked.Read(ref _events);

    /// <summary>ERROR events received.</summary>
    public long Errors => Interlocked.Read(ref _errors);

    /// <summary>Why the stream ended early, if it did.</summary>
    public string? Failure { get; private set; }

    /// <param name="http">The client (its connection carries only this watch while it is open).</param>
    /// <param name="path">The watch URL (…?watch=true&amp;resourceVersion=…).</param>
    /// <param name="onEvent">Called with the object name and the Stopwatch timestamp of arrival; null: never read (stalled).</param>
    /// <param name="ct">Cancels the opening.</param>
    public static async Task<RawWatch> OpenAsync(HttpClient http, string path, Action<string, long>? onEvent, CancellationToken ct)
    {
        var stop = new CancellationTokenSource();
        var response = await http.GetAsync(path, HttpCompletionOption.ResponseHeadersRead, ct);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            var text = await response.Content.ReadAsStringAsync(ct);
            response.Dispose();
            stop.Dispose();
            throw new HttpRequestException($"watch {path}: {(int)response.StatusCode} {text}");
        }
        var stream = await response.Content.ReadAsStreamAsync(ct);
        return new RawWatch(response, stream, stop, onEvent);
    }

    private async Task ReadAsync(Action<string, long> onEvent, CancellationToken ct)
    {
        var buffer = new byte[256 * 1024];
        var filled = 0;
        try
        {
            while (!ct.IsCancellationRequested)
            {
                if (filled == buffer.Length) Array.Resize(ref buffer, buffer.Length * 2);
                var n = await _stream.ReadAsync(buffer.AsMemory(filled), ct);
                if (n == 0)
                {
                    Failure ??= "the server ended the stream";
                    return;
                }
                var now = Stopwatch.GetTimestamp();
                filled += n;
                var start = 0;
                int nl;
                while ((nl = Array.IndexOf(buffer, (byte)'\n', start, filled - start)) >= 0)
                {
                    var line = buffer.AsSpan(start, nl - start);
                    if (line.StartsWith(ErrorMarker))
                    {
                        Interlocked.Increment(ref _errors);
                        Failure ??= Encoding.UTF8.GetString(line);
                    }
                    else if (line.IndexOf(NameMarker) is var at and >= 0)
                    {
                        var rest = line[(at + NameMarker.Length)..];
                        var end = rest.IndexOf((byte)'"');
                        if (end > 0)
                        {
                            Interlocked.Increment(ref _events);
                            onEvent(Encoding.UTF8.GetString(rest[..end]), now);
                        }
                    }
                    start = nl + 1;
                }
                if (start > 0)
                {
                    Buffer.BlockCopy(buffer, start, buffer, 0, filled - start);
                    filled -= start;
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
        catch (Exception e) when (e is IOException or HttpRequestException or ObjectDisposedException)
        {
            if (!ct.IsCancellationRequested) Failure ??= e.GetType().Name + ": " + e.Message;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _response.Dispose();
        try
        {
            await _reader.WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (TimeoutException)
        {
        }
        await _stream.DisposeAsync();
        _stop.Dispose();
    }
}
