using System.Diagnostics;

namespace Liqo.Engine.Resources;

/// <summary>
/// When a wait's watch ends early (the connection dropped, a proxy cut it, the server restarted), the wait watches again
/// from the last version it saw; a watch that ends expired (410 Gone, as an ERROR event or as the answer to the watch
/// request) makes it list again. So that a server that drops every watch at once is not hammered, a watch that ends
/// within a second of opening, without an event, is followed by a growing pause (200 ms doubling to 3 s, with jitter).
/// </summary>
internal sealed class WatchResumption
{
    private readonly Stopwatch _opened = new();
    private int _quickEnds;

    /// <summary>Call as a watch is opened.</summary>
    public void Opened() => _opened.Restart();

    /// <summary>Call for each event the watch delivers: the connection works.</summary>
    public void Delivered() => _quickEnds = 0;

    /// <summary>True for the failure of a watch request that means "list again" (410 Gone: the version is too old).</summary>
    public static bool IsExpired(Exception e) => e is KubeApiException { Code: 410 };

    /// <summary>Call when a watch ended without the wait being done; pauses when watches keep ending at once.</summary>
    public async Task PauseAsync(CancellationToken ct)
    {
        if (_opened.Elapsed >= TimeSpan.FromSeconds(1))
        {
            _quickEnds = 0;
            return;
        }
        _quickEnds++;
        var ceiling = Math.Min(3000, 200 * Math.Pow(2, Math.Min(_quickEnds - 1, 8)));
        await Task.Delay(TimeSpan.FromMilliseconds(ceiling / 2 + Random.Shared.NextDouble() * ceiling / 2), ct).ConfigureAwait(false);
    }
}
