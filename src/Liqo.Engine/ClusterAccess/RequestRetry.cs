using System.Diagnostics;
using Liqo.Engine.Resources;

namespace Liqo.Engine.ClusterAccess;

/// <summary>
/// Sends one request to a cluster again while it fails transiently (<see cref="TransientFailure"/>), for as long as the
/// caller's cancellation allows: the command's time budget, or, for a request nothing else bounds,
/// <see cref="Window"/>. Each attempt has <see cref="RequestTimeout"/>, so a server that accepts the connection and never
/// answers costs one timeout, not the whole budget. Between attempts it waits what the server asked (Retry-After) or an
/// exponential backoff with jitter, and writes one Verbose line naming the request and the reason. A permanent failure
/// is thrown at once, and so is a transport failure before the server ever answered on this connection. When the budget runs out after a transient failure, the cancellation is a
/// <see cref="RetryCanceledException"/> naming that failure.
/// </summary>
internal sealed class RequestRetry(ClusterConnection cluster)
{
    /// <summary>How long one attempt may take before it counts as a transient failure (kubectl's --request-timeout).</summary>
    public static readonly TimeSpan DefaultRequestTimeout = TimeSpan.FromSeconds(30);

    /// <summary>How long a request nothing else bounds keeps retrying.</summary>
    public static readonly TimeSpan DefaultWindow = TimeSpan.FromMinutes(1);

    private static readonly TimeSpan FirstDelay = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan LongestDelay = TimeSpan.FromSeconds(3);

    private string? _lastTransient;
    private volatile bool _answered;

    /// <summary>Where the retries are reported (one Verbose line each).</summary>
    public IOperationLog Log { get; set; } = NullOperationLog.Instance;

    public TimeSpan RequestTimeout { get; set; } = DefaultRequestTimeout;

    /// <summary>How long a request keeps retrying; infinite when the caller's cancellation is the bound (an operation's budget).</summary>
    public TimeSpan Window { get; set; } = DefaultWindow;

    /// <summary>The last transient failure of any request on this cluster: the request and the reason.</summary>
    public string? LastTransient => Volatile.Read(ref _lastTransient);

    /// <summary>
    /// Runs <paramref name="attempt"/> (given its number, from 1, and a token that also carries the request timeout) until it
    /// succeeds or fails for good. <paramref name="mayRepeat"/> says whether a transient failure may be sent again (a create
    /// without a name may not, unless the server provably did not act on it); <paramref name="translate"/> turns the failure
    /// that ends the retries into the user-facing error.
    /// </summary>
    public async Task<T> RunAsync<T>(string request, Func<int, CancellationToken, Task<T>> attempt, Func<Exception, bool> mayRepeat,
        Func<Exception, Exception> translate, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        string? last = null;
        for (var n = 1; ; n++)
        {
            Exception failure;
            using (var bounded = CancellationTokenSource.CreateLinkedTokenSource(ct))
            {
                if (RequestTimeout != Timeout.InfiniteTimeSpan) bounded.CancelAfter(RequestTimeout);
                try
                {
                    var result = await attempt(n, bounded.Token).ConfigureAwait(false);
                    _answered = true;
                    return result;
                }
                catch (OperationCanceledException e) when (ct.IsCancellationRequested)
                {
                    if (last is not null) throw new RetryCanceledException(last, e, ct);
                    throw;
                }
                catch (OperationCanceledException e) when (bounded.IsCancellationRequested)
                {
                    failure = new TimeoutException($"no answer within {Waiter.Format(RequestTimeout)}", e);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    failure = e;
                }
            }

            if (failure is LiqoException) _answered = true; // an HTTP answer, even an error, proves the server is there
            var reason = failure is TimeoutException ? failure.Message : TransientFailure.Reason(failure);
            // a server never reached in this command is reported at once (a wrong address, a cluster that is down), as
            // kubectl does; once it has answered, a failed connection means a restart or a network blip, worth riding out
            if (reason is null || !mayRepeat(failure) || !_answered) throw translate(failure);
            last = $"{request} on the {cluster.Scope} cluster: {reason}";
            Volatile.Write(ref _lastTransient, last);
            var delay = DelayBefore(n, failure);
            if (Window != Timeout.InfiniteTimeSpan && Stopwatch.GetElapsedTime(started) + delay > Window) throw translate(failure);
            Log.Verbose($"Retrying {request} on the {cluster.Scope} cluster in {delay.TotalSeconds:0.0} s (attempt {n + 1}): {reason}.");
            try
            {
                await Task.Delay(delay, ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException e)
            {
                throw new RetryCanceledException(last, e, ct);
            }
        }
    }

    /// <summary>What the server asked for (Retry-After), else exponential backoff from 200 ms to 3 s with equal jitter.</summary>
    internal static TimeSpan DelayBefore(int failures, Exception failure)
    {
        if (failure is KubeApiException { RetryAfter: { } after } && after > TimeSpan.Zero) return after;
        var ceiling = Math.Min(LongestDelay.TotalMilliseconds, FirstDelay.TotalMilliseconds * Math.Pow(2, Math.Min(failures - 1, 10)));
        return TimeSpan.FromMilliseconds(ceiling / 2 + Random.Shared.NextDouble() * ceiling / 2);
    }

    /// <summary>
    /// For a create without a name: true only when the server cannot have acted on it (it throttled the request, or no
    /// connection was made), so that sending it again cannot make a second object.
    /// </summary>
    public static bool NotActedOn(Exception failure) =>
        failure is KubeApiException { Code: 429 } ||
        TransientFailure.Reason(failure) is "connection refused" or "the host is unreachable";
}
