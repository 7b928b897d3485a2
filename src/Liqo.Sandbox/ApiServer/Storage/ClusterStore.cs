using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Liqo.Sandbox.ApiServer.Go;
using Liqo.Sandbox.ApiServer.Types;

namespace Liqo.Sandbox.ApiServer.Storage;

/// <summary>
/// The cluster's storage and registry: every object, one global monotonic resourceVersion, the kinds' strategies
/// (defaults, validation, status split, generation, finalizers) and the event log that watches read. The HTTP API and
/// in-process controllers use the same methods, so they see the same semantics, RVs and watch events.
/// Writes are serialised by one lock; nothing under the lock waits on I/O, and watchers never slow writers down.
/// Errors are thrown as <see cref="ApiException"/> with the real server's Status.
/// </summary>
public sealed partial class ClusterStore
{
    internal const string DefaultManager = "sandbox";

    private readonly Lock _gate = new();
    private readonly Dictionary<string, SortedDictionary<string, JsonObject>> _objects = new(StringComparer.Ordinal);
    private readonly ChangeLog _log;
    private readonly List<ChangeSubscription> _subscriptions = [];
    private readonly List<Action<ChangeRecord>> _afterCommit = [];
    private readonly TimeProvider _time;
    private readonly HashSet<string> _clusterIps = new(StringComparer.Ordinal);
    private int _nextClusterIp = 1;
    private long _rv;

    internal ClusterStore(TypeRegistry types, TimeProvider time, int historyCapacity = 10_000, long initialRv = 1000)
    {
        Types = types;
        _time = time;
        _rv = initialRv;
        _log = new ChangeLog(historyCapacity, initialRv);
    }

    /// <summary>The types this cluster serves.</summary>
    public TypeRegistry Types { get; }

    /// <summary>The current (latest committed) resourceVersion.</summary>
    public long ResourceVersion
    {
        get { lock (_gate) return _rv; }
    }

    /// <summary>Every change after this RV is still in the watch history; older watches get 410 Expired.</summary>
    public long OldestWatchableResourceVersion
    {
        get { lock (_gate) return _log.Floor; }
    }

    /// <summary>Drops watch history up to <paramref name="upToRv"/> (like etcd compaction) so that watches from older RVs get 410.</summary>
    public void Compact(long upToRv)
    {
        lock (_gate)
        {
            _log.Compact(Math.Min(upToRv, _rv));
            foreach (var s in _subscriptions)
                if (!_log.Covers(s.Cursor)) s.MarkLagged();
        }
    }

    internal DateTimeOffset Now
    {
        get
        {
            var t = _time.GetUtcNow();
            return new DateTimeOffset(t.Ticks - t.Ticks % TimeSpan.TicksPerSecond, TimeSpan.Zero);
        }
    }

    /// <summary>Synchronous reactions run after each committed write, outside the lock (instant controllers).</summary>
    internal void AddAfterCommitHook(Action<ChangeRecord> hook)
    {
        lock (_gate) _afterCommit.Add(hook);
    }

    // ---------------------------------------------------------------- reads

    /// <summary>The object; 404 NotFound when missing.</summary>
    public JsonObject Get(ResourceType type, string? ns, string name) =>
        TryGet(type, ns, name) ?? throw ApiErrors.NotFound(type.Group, type.Plural, name);

    /// <summary>The object, or null when missing.</summary>
    public JsonObject? TryGet(ResourceType type, string? ns, string name)
    {
        lock (_gate)
        {
            var stored = Find(type, NsOf(type, ns), name);
            return stored is null ? null : Output(type, stored);
        }
    }

    /// <summary>
    /// Lists the objects matching the selectors, in key order, with the list's resourceVersion. The matching objects are
    /// picked under the lock and copied after it (stored objects are never mutated once committed), so a big list does not
    /// hold up writers for its copies.
    /// </summary>
    public StoreListResult List(ResourceType type, string? ns, ListOptions? options = null)
    {
        options ??= new ListOptions();
        var filter = ObjectFilter.Create(type, type.Namespaced ? ns : null, options.LabelSelector, options.FieldSelector);
        string? start = null;
        if (!string.IsNullOrEmpty(options.Continue)) start = DecodeContinue(options.Continue);
        var picked = new List<JsonObject>();
        string? next = null;
        long remaining = 0;
        string rv;
        lock (_gate)
        {
            if (!string.IsNullOrEmpty(options.ResourceVersion) && options.ResourceVersion != "0")
            {
                if (!long.TryParse(options.ResourceVersion, out var wanted))
                    throw ApiErrors.BadRequest($"invalid resource version: {options.ResourceVersion}");
                if (wanted > _rv)
                    throw new ApiException(504, "Timeout", $"Too large resource version: {wanted}, current: {_rv}",
                        causes: [new StatusCause("ResourceVersionTooLarge", "Too large resource version")], retryAfterSeconds: 1);
            }
            if (_objects.TryGetValue(type.Key, out var table))
            {
                var prefix = type.Namespaced && !string.IsNullOrEmpty(ns) ? ns + "/" : null;
                foreach (var (key, obj) in table)
                {
                    if (prefix is not null && !key.StartsWith(prefix, StringComparison.Ordinal)) continue;
                    if (start is not null && string.CompareOrdinal(key, start) <= 0) continue;
                    if (!filter.Matches(obj)) continue;
                    if (options.Limit is > 0 && picked.Count >= options.Limit)
                    {
                        remaining++;
                        continue;
                    }
                    picked.Add(obj);
                    if (options.Limit is > 0 && picked.Count == options.Limit) next = key;
                }
            }
            rv = _rv.ToString(CultureInfo.InvariantCulture);
        }
        if (remaining == 0) next = null;
        var items = picked.ConvertAll(o => ListItem(type, o));
        return new StoreListResult(items, rv, next is null ? null : EncodeContinue(next),
            next is null ? null : remaining);
    }

    private static string EncodeContinue(string key) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes("{\"start\":" + ServerGoJson.String(key) + "}"));

    private static string DecodeContinue(string token)
    {
        try
        {
            var node = ServerJson.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(token))) as JsonObject;
            return ServerJson.Str(node, "start") ?? throw new FormatException();
        }
        catch (Exception e) when (e is FormatException or System.Text.Json.JsonException)
        {
            throw ApiErrors.BadRequest("continue key is not valid: " + e.Message);
        }
    }

    /// <summary>Every stored object of a type in every namespace (controllers use it).</summary>
    internal List<JsonObject> Snapshot(string typeKey)
    {
        lock (_gate)
            return _objects.TryGetValue(typeKey, out var t) ? t.Values.Select(o => (JsonObject)o.DeepClone()).ToList() : [];
    }

    /// <summary>Visits every stored object under the lock without copying (controllers read; the visitor must not mutate or block).</summary>
    internal void Inspect(Action<string, JsonObject> visitor)
    {
        lock (_gate)
            foreach (var (key, table) in _objects)
                foreach (var obj in table.Values)
                    visitor(key, obj);
    }

    /// <summary>The type keys that currently hold objects.</summary>
    internal List<string> TypeKeys()
    {
        lock (_gate) return _objects.Where(p => p.Value.Count > 0).Select(p => p.Key).ToList();
    }

    // ---------------------------------------------------------------- internals shared by the write paths

    private static string NsOf(ResourceType type, string? ns) => type.Namespaced ? ns ?? "" : "";

    private static string KeyOf(string ns, string name) => ns + "/" + name;

    private JsonObject? Find(ResourceType type, string ns, string name) =>
        _objects.TryGetValue(type.Key, out var t) && t.TryGetValue(KeyOf(ns, name), out var o) ? o : null;

    /// <summary>A copy for a caller, in the requested version.</summary>
    private static JsonObject Output(ResourceType type, JsonObject stored)
    {
        var copy = (JsonObject)stored.DeepClone();
        copy["apiVersion"] = type.ApiVersion;
        return copy;
    }

    private static JsonObject ListItem(ResourceType type, JsonObject stored)
    {
        var copy = Output(type, stored);
        if (!type.IsCustom)
        {
            copy.Remove("kind");
            copy.Remove("apiVersion");
        }
        return copy;
    }

    /// <summary>Stores (or removes, for DELETED) an object under a new RV and appends the change. Caller holds the lock.</summary>
    private ChangeRecord Commit(ResourceType type, string changeType, JsonObject? old, JsonObject obj, List<ChangeRecord> committed)
    {
        var rv = ++_rv;
        var ns = ObjectMeta.Namespace(obj);
        var name = ObjectMeta.Name(obj);
        ObjectMeta.Meta(obj)["resourceVersion"] = rv.ToString(CultureInfo.InvariantCulture);
        var canonical = ObjectMeta.Canonical(obj);
        if (!_objects.TryGetValue(type.Key, out var table))
            _objects[type.Key] = table = new SortedDictionary<string, JsonObject>(StringComparer.Ordinal);
        if (changeType == "DELETED")
        {
            table.Remove(KeyOf(ns, name));
            if (type.Key == "/services") ReleaseClusterIp(canonical);
        }
        else table[KeyOf(ns, name)] = canonical;
        var record = new ChangeRecord(rv, type.Key, ns, name, changeType, old, canonical, _time.GetUtcNow());
        _log.Append(record);
        foreach (var s in _subscriptions)
        {
            if (!_log.Covers(s.Cursor)) s.MarkLagged();
            s.Pulse();
        }
        committed.Add(record);
        return record;
    }

    private void RunAfterCommit(List<ChangeRecord> committed)
    {
        if (committed.Count == 0) return;
        Action<ChangeRecord>[] hooks;
        lock (_gate) hooks = [.. _afterCommit];
        foreach (var record in committed)
            foreach (var hook in hooks)
                hook(record);
    }

    internal ChangeSubscription Subscribe(long cursor)
    {
        lock (_gate)
        {
            var sub = new ChangeSubscription(cursor, Unsubscribe);
            _subscriptions.Add(sub);
            return sub;
        }
    }

    private void Unsubscribe(ChangeSubscription sub)
    {
        lock (_gate) _subscriptions.Remove(sub);
    }

    /// <summary>
    /// For every open subscription (HTTP and in-process watches, the controllers' own): how many changes it has not read
    /// yet. A watcher whose stream is stalled shows a growing backlog while writers go on (benchmarks check this).
    /// </summary>
    internal List<long> WatchBacklogs()
    {
        lock (_gate) return _subscriptions.Select(s => _rv - s.Cursor).ToList();
    }

    /// <summary>Reads the changes after the subscription's cursor; false when it fell out of the history (410).</summary>
    internal bool ReadChanges(ChangeSubscription sub, List<ChangeRecord> into, int max = 1000)
    {
        lock (_gate)
        {
            if (!_log.Covers(sub.Cursor)) return false;
            _log.ReadAfter(sub.Cursor, into, max);
            return true;
        }
    }

    private string AllocateClusterIp()
    {
        // Caller holds the lock. 10.96.0.0/12 as kubeadm's default; 10.96.0.1 goes to the kubernetes Service.
        while (true)
        {
            var n = _nextClusterIp++;
            var ip = $"10.{96 + (n >> 16 & 0x0f)}.{n >> 8 & 0xff}.{n & 0xff}";
            if ((n & 0xff) == 0 || (n & 0xff) == 255) continue;
            if (_clusterIps.Add(ip)) return ip;
        }
    }

    private void ReleaseClusterIp(JsonObject svc)
    {
        if (ServerJson.Str(ServerJson.Obj(svc, "spec"), "clusterIP") is { } ip) _clusterIps.Remove(ip);
    }

    private StrategyContext Context() => new(Now, AllocateClusterIp);
}
