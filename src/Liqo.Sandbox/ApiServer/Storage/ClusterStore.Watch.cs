using System.Text.Json.Nodes;
using Liqo.Sandbox.ApiServer.Types;

namespace Liqo.Sandbox.ApiServer.Storage;

public sealed partial class ClusterStore
{
    /// <summary>
    /// Opens a watch. The snapshot (for "" / "0" / sendInitialEvents) and the cursor are taken under the same lock, so no
    /// change is lost or duplicated between them. A resourceVersion older than the history gives a watch whose only event
    /// is an ERROR 410 Expired, as the real server.
    /// </summary>
    public StoreWatch Watch(ResourceType type, string? ns, WatchOptions? options = null)
    {
        options ??= new WatchOptions();
        if (!type.Supports("watch")) throw ApiErrors.MethodNotAllowed();
        var filter = ObjectFilter.Create(type, type.Namespaced ? ns : null, options.LabelSelector, options.FieldSelector);
        var rv = options.ResourceVersion ?? "";
        lock (_gate)
        {
            long cursor;
            var initial = new List<StoreWatchEvent>();
            var fromNow = rv.Length == 0 || rv == "0";
            var sendInitial = options.SendInitialEvents ?? fromNow;
            if (fromNow) cursor = _rv;
            else
            {
                if (!long.TryParse(rv, out var wanted) || wanted < 0)
                    throw ApiErrors.BadRequest($"invalid resource version: {rv}");
                if (wanted > _rv) cursor = _rv;
                else if (!_log.Covers(wanted))
                    return new StoreWatch(this, type, filter, null, [], 
                        ApiErrors.Expired($"too old resource version: {wanted} ({_log.Floor})"), options.AllowWatchBookmarks);
                else cursor = wanted;
                if (options.SendInitialEvents == true) cursor = _rv;
            }
            if (sendInitial && _objects.TryGetValue(type.Key, out var table))
                foreach (var obj in table.Values)
                    if (filter.Matches(obj)) initial.Add(new StoreWatchEvent("ADDED", Output(type, obj)));
            var sub = Subscribe(cursor);
            return new StoreWatch(this, type, filter, sub, initial, null, options.AllowWatchBookmarks)
            {
                InitialEventsEndBookmark = options.SendInitialEvents == true && options.AllowWatchBookmarks,
            };
        }
    }

    /// <summary>The event a watcher with this filter sees for a change (selector transitions included), or null.</summary>
    internal static StoreWatchEvent? Translate(ResourceType type, ObjectFilter filter, ChangeRecord r)
    {
        if (r.TypeKey != type.Key || !filter.InScope(r.Namespace)) return null;
        switch (r.Type)
        {
            case "ADDED":
                return filter.Matches(r.New) ? new StoreWatchEvent("ADDED", Output(type, r.New)) : null;
            case "DELETED":
                return filter.Matches(r.Old ?? r.New) ? new StoreWatchEvent("DELETED", Output(type, r.New)) : null;
            default:
                var oldMatch = r.Old is not null && filter.Matches(r.Old);
                var newMatch = filter.Matches(r.New);
                if (oldMatch && newMatch) return new StoreWatchEvent("MODIFIED", Output(type, r.New));
                if (newMatch) return new StoreWatchEvent("ADDED", Output(type, r.New));
                if (oldMatch)
                {
                    var gone = Output(type, r.Old!);
                    ObjectMeta.Meta(gone)["resourceVersion"] = r.Rv.ToString();
                    return new StoreWatchEvent("DELETED", gone);
                }
                return null;
        }
    }
}
