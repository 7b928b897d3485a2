using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Liqo.Sandbox.ApiServer.Types;

namespace Liqo.Sandbox.ApiServer.Storage;

/// <summary>
/// An open watch on the store: the synthetic ADDED events of the snapshot, then the changes in global RV order.
/// Used by the HTTP watch handler and by in-process controllers alike. Dispose to stop.
/// </summary>
public sealed class StoreWatch : IDisposable
{
    private readonly ClusterStore _store;
    private readonly ResourceType _type;
    private readonly ObjectFilter _filter;
    private readonly ChangeSubscription? _subscription;
    private readonly List<ChangeRecord> _buffer = [];

    internal StoreWatch(ClusterStore store, ResourceType type, ObjectFilter filter, ChangeSubscription? subscription,
        IReadOnlyList<StoreWatchEvent> initial, ApiException? expired, bool bookmarks)
    {
        _store = store;
        _type = type;
        _filter = filter;
        _subscription = subscription;
        InitialEvents = initial;
        Expired = expired;
        AllowBookmarks = bookmarks;
        LastResourceVersion = subscription?.Cursor ?? 0;
    }

    public ResourceType Type => _type;

    /// <summary>ADDED events for the objects that existed when the watch started (empty when watching from an RV).</summary>
    public IReadOnlyList<StoreWatchEvent> InitialEvents { get; }

    /// <summary>Set when the requested RV is older than the history: the watch sends only this as an ERROR event.</summary>
    public ApiException? Expired { get; }

    public bool AllowBookmarks { get; }

    /// <summary>sendInitialEvents=true: a BOOKMARK annotated k8s.io/initial-events-end follows the initial events.</summary>
    public bool InitialEventsEndBookmark { get; init; }

    /// <summary>The RV of the last change this watch has consumed (what a BOOKMARK carries).</summary>
    public long LastResourceVersion { get; private set; }

    /// <summary>Cancelled when this watcher fell behind the retained history (the real server closes such watchers).</summary>
    public CancellationToken Lagged => _subscription?.Lagged ?? CancellationToken.None;

    /// <summary>
    /// The next events (possibly several). Empty when <paramref name="maxWait"/> passed without any. Returns an ERROR 410
    /// event when this watcher fell out of the history, after which the watch should end.
    /// </summary>
    public async Task<IReadOnlyList<StoreWatchEvent>> NextAsync(TimeSpan? maxWait, CancellationToken ct)
    {
        if (_subscription is null) return [];
        var deadline = maxWait is { } w ? DateTime.UtcNow + w : (DateTime?)null;
        while (true)
        {
            _buffer.Clear();
            if (!_store.ReadChanges(_subscription, _buffer) || _subscription.IsLagged)
                return [new StoreWatchEvent("ERROR",
                    ApiErrors.Expired($"too old resource version: {_subscription.Cursor} ({_store.OldestWatchableResourceVersion})").ToStatus())];
            if (_buffer.Count > 0)
            {
                var events = new List<StoreWatchEvent>();
                foreach (var r in _buffer)
                    if (ClusterStore.Translate(_type, _filter, r) is { } e) events.Add(e);
                _subscription.Cursor = _buffer[^1].Rv;
                LastResourceVersion = _subscription.Cursor;
                if (events.Count > 0) return events;
                continue;
            }
            TimeSpan? remaining = deadline is { } d ? d - DateTime.UtcNow : null;
            if (remaining is { } r2 && r2 <= TimeSpan.Zero) return [];
            if (!await _subscription.WaitAsync(remaining, ct).ConfigureAwait(false)) return [];
        }
    }

    /// <summary>A BOOKMARK event object: the watched kind with only metadata.resourceVersion.</summary>
    public JsonObject Bookmark(bool initialEventsEnd = false)
    {
        var meta = new JsonObject { ["resourceVersion"] = LastResourceVersion.ToString(), ["creationTimestamp"] = null };
        if (initialEventsEnd) meta["annotations"] = new JsonObject { ["k8s.io/initial-events-end"] = "true" };
        return new JsonObject { ["kind"] = _type.Kind, ["apiVersion"] = _type.ApiVersion, ["metadata"] = meta };
    }

    /// <summary>All events for in-process consumers: initial ADDEDs, then changes until cancelled (or an ERROR).</summary>
    public async IAsyncEnumerable<StoreWatchEvent> ReadAllAsync([EnumeratorCancellation] CancellationToken ct = default)
    {
        if (Expired is not null)
        {
            yield return new StoreWatchEvent("ERROR", Expired.ToStatus());
            yield break;
        }
        foreach (var e in InitialEvents) yield return e;
        while (!ct.IsCancellationRequested)
        {
            IReadOnlyList<StoreWatchEvent> batch;
            try
            {
                batch = await NextAsync(null, ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                yield break;
            }
            foreach (var e in batch)
            {
                yield return e;
                if (e.Type == "ERROR") yield break;
            }
        }
    }

    public void Dispose() => _subscription?.Dispose();
}
