namespace Liqo.Engine.ClusterAccess;

/// <summary>
/// The time budget ran out while a request was being retried: a cancellation that remembers the last transient failure,
/// so that the OperationTimeout or WaitTimeout error can name it.
/// </summary>
public sealed class RetryCanceledException(string lastTransient, Exception inner, CancellationToken token)
    : OperationCanceledException($"Cancelled while retrying; the last transient error was: {lastTransient}.", inner, token)
{
    /// <summary>The request and why it failed, e.g. "list configmaps on the local cluster: connection refused".</summary>
    public string LastTransient { get; } = lastTransient;

    /// <summary>The last transient error in <paramref name="e"/>'s chain, or null.</summary>
    public static string? Find(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
            if (e is RetryCanceledException r) return r.LastTransient;
        return null;
    }
}
