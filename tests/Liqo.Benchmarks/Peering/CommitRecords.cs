using Liqo.Benchmarks.Audit;
using Liqo.Engine.Resources;

namespace Liqo.Benchmarks.Peering;

/// <summary>
/// The sandbox clusters' own records of their committed writes (audit events of user agent liqo-sandbox-store, with the
/// resourceVersion each write committed and the server time of the commit), by cluster scope, joined with the waits the
/// engine reported: when did the awaited condition become true on the server, and how long until the client moved on.
/// </summary>
internal sealed class CommitRecords
{
    private readonly Dictionary<string, Dictionary<string, DateTimeOffset>> _byVersion = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<AuditRequest>> _deletes = new(StringComparer.Ordinal);

    /// <summary>Adds the commit records of the cluster the engine calls <paramref name="scope"/> (local, remote).</summary>
    public void Add(string scope, IEnumerable<AuditRequest> audited)
    {
        if (!_byVersion.TryGetValue(scope, out var versions)) _byVersion[scope] = versions = new(StringComparer.Ordinal);
        if (!_deletes.TryGetValue(scope, out var deletes)) _deletes[scope] = deletes = [];
        foreach (var r in audited.Where(r => r.IsCommit && r.ResourceVersion is not null))
        {
            versions[r.ResourceVersion!] = r.Completed;
            if (r.Verb == "delete") deletes.Add(r);
        }
    }

    /// <summary>
    /// The reaction lag of one wait: from the moment its condition became true on the server (the commit of the write
    /// that made it true, or the wait's start when it held already) to the moment the wait returned to the next step.
    /// Null when the write is not in the records.
    /// </summary>
    public TimeSpan? Lag(WaitRecord wait)
    {
        var trueAt = TrueAt(wait);
        if (trueAt is null) return null;
        var lag = wait.Returned - (trueAt.Value > wait.Started ? trueAt.Value : wait.Started);
        return lag > TimeSpan.Zero ? lag : TimeSpan.Zero;
    }

    private DateTimeOffset? TrueAt(WaitRecord wait)
    {
        if (wait.SatisfiedAtFirstCheck) return wait.Started;
        if (wait.ResourceVersion is { } rv)
            return _byVersion.TryGetValue(wait.Scope, out var versions) && versions.TryGetValue(rv, out var at) ? at : null;
        if (wait.Vanished.Count == 0 || !_deletes.TryGetValue(wait.Scope, out var deletes)) return null;
        // the objects a poll no longer saw: the last of their deletions before the wait returned
        var gone = deletes.Where(d => d.Resource == wait.Resource && d.Completed <= wait.Returned &&
            wait.Vanished.Contains((d.Namespace ?? "") + "/" + d.Name, StringComparer.Ordinal)).Select(d => d.Completed).ToList();
        return gone.Count == 0 ? null : gone.Max();
    }
}
