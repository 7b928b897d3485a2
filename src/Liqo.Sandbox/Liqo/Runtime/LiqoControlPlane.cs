using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Liqo.Sandbox.ApiServer;
using Liqo.Sandbox.ApiServer.Storage;
using Liqo.Sandbox.ApiServer.Types;
using Liqo.Sandbox.Liqo.Crypto;

namespace Liqo.Sandbox.Liqo.Runtime;

/// <summary>
/// The simulated Liqo control plane of one sandbox cluster: its identity, options, keys and the loop that runs every
/// controller after each change of the cluster's store, of the shared network or of the options (no polling), with the
/// latency timers of the steps that wait. Controllers write through the cluster's store, so admission, validation,
/// resourceVersions and watch events are exactly those HTTP clients see.
/// </summary>
internal sealed class LiqoControlPlane : IAsyncDisposable
{
    private readonly ConcurrentQueue<string> _log = new();
    private readonly Dictionary<string, DateTimeOffset> _firstSeen = new(StringComparer.Ordinal);
    private readonly HashSet<string> _touched = new(StringComparer.Ordinal);
    private readonly HashSet<string> _reportedEvents = new(StringComparer.Ordinal);
    private readonly List<LiqoController> _controllers = [];
    private readonly CancellationTokenSource _stop = new();
    private DateTimeOffset? _nextDue;
    private LiqoOptions _options;
    private Task? _loop;
    private SimulatedClusterKeys? _keys;
    private string? _keysPem;

    public LiqoControlPlane(SandboxCluster cluster, NetworkFabric fabric, LiqoOptions options, string clusterId)
    {
        Cluster = cluster;
        Fabric = fabric;
        _options = options;
        ClusterId = clusterId;
    }

    public SandboxCluster Cluster { get; }
    public ClusterStore Store => Cluster.Store;
    public NetworkFabric Fabric { get; }
    public string ClusterId { get; }
    public string ClusterName => Cluster.Name;
    public string LiqoNamespace => _options.Namespace;
    public LiqoOptions Options => Volatile.Read(ref _options);
    /// <summary>Wakes the loop (remote watch events, option changes).</summary>
    public ChangeSignal Wake { get; } = new();
    public TimeProvider Time { get; } = TimeProvider.System;
    public DateTimeOffset Now => Time.GetUtcNow();
    public string NowText => ObjectMeta.Timestamp(Now);
    /// <summary>The API server URL the provider advertises in authParams (the sandbox's real address).</summary>
    public string ApiServerUrl => Cluster.Server.ToString().TrimEnd('/');
    public CancellationToken Stopping => _stop.Token;

    /// <summary>The last lines of the controllers' log (errors and notable steps), oldest first.</summary>
    public IReadOnlyList<string> RecentLog => [.. _log];

    /// <summary>
    /// Whether each provider's API server answered the last time the CRD replicator tried (what Liqo's API server checker
    /// finds out): the ForeignCluster's APIServerStatus.
    /// </summary>
    public ConcurrentDictionary<string, bool> RemoteApiReachable { get; } = new(StringComparer.Ordinal);

    /// <summary>The CertificateSigningRequests the identity provider is waiting on, by (namespace, cache Secret, CSR hash).</summary>
    public ConcurrentDictionary<string, string> PendingCertificateRequests { get; } = new(StringComparer.Ordinal);

    /// <summary>Records whether a provider's API server answered; wakes the controllers when that changed.</summary>
    public void SetRemoteApiReachable(string clusterId, bool? reachable)
    {
        var changed = reachable is { } r
            ? !RemoteApiReachable.TryGetValue(clusterId, out var old) || old != r
            : RemoteApiReachable.ContainsKey(clusterId);
        if (reachable is { } value) RemoteApiReachable[clusterId] = value;
        else RemoteApiReachable.TryRemove(clusterId, out _);
        if (changed) Wake.Notify();
    }

    public void SetOptions(LiqoOptions options)
    {
        Volatile.Write(ref _options, options);
        Wake.Notify();
    }

    public void Add(LiqoController controller) => _controllers.Add(controller);

    public void Log(string line)
    {
        _log.Enqueue($"{Now:HH:mm:ss.fff} {line}");
        while (_log.Count > 500) _log.TryDequeue(out _);
    }

    /// <summary>The cluster key pair of Secret authentication-keys (reloaded when the Secret changes); null when missing.</summary>
    public SimulatedClusterKeys? Keys
    {
        get
        {
            var secret = Get(Kind.Secret, LiqoNamespace, "authentication-keys");
            var pem = Obj.Bytes(secret, "data", "privateKey") is { } b ? System.Text.Encoding.ASCII.GetString(b) : null;
            if (pem is null) return null;
            if (pem != _keysPem)
            {
                _keys = SimulatedClusterKeys.FromPrivateKeyPem(pem);
                _keysPem = pem;
            }
            return _keys;
        }
    }

    // ------------------------------------------------------------------ store access

    public ResourceType? TypeOf(Kind kind) => Store.Types.FindKind(kind.ApiVersion, kind.Name);

    public List<JsonObject> List(Kind kind, string? ns = null, string? labelSelector = null)
    {
        if (TypeOf(kind) is not { } type) return [];
        return [.. Store.List(type, ns, new ListOptions { LabelSelector = labelSelector }).Items.Select(i => WithType(kind, i))];
    }

    public JsonObject? Get(Kind kind, string? ns, string name) =>
        TypeOf(kind) is { } type && Store.TryGet(type, ns, name) is { } o ? WithType(kind, o) : null;

    private static JsonObject WithType(Kind kind, JsonObject o)
    {
        o["apiVersion"] = kind.ApiVersion;
        o["kind"] = kind.Name;
        return o;
    }

    /// <summary>Creates; null when it already exists or the write is refused (logged).</summary>
    public JsonObject? Create(Kind kind, string? ns, JsonObject obj, string manager)
    {
        if (TypeOf(kind) is not { } type) return null;
        try
        {
            return WithType(kind, Store.Create(type, ns, obj, new WriteOptions { FieldManager = manager }).Object);
        }
        catch (ApiException e)
        {
            if (e.Code != 409) Log($"{manager}: create {kind.Name} {ns}/{ServerJson.Str(ServerJson.Obj(obj, "metadata"), "name")}: {e.Message}");
            return null;
        }
    }

    /// <summary>Updates (main resource or status) with the object's resourceVersion; null on conflict or refusal.</summary>
    public JsonObject? Update(Kind kind, JsonObject obj, string manager, string? subresource)
    {
        if (TypeOf(kind) is not { } type) return null;
        try
        {
            return WithType(kind, Store.Update(type, ObjectMeta.Namespace(obj), ObjectMeta.Name(obj), obj,
                new WriteOptions { FieldManager = manager, Subresource = subresource }).Object);
        }
        catch (ApiException e)
        {
            if (e.Code is not (409 or 404)) Log($"{manager}: update {kind.Name} {ObjectMeta.Namespace(obj)}/{ObjectMeta.Name(obj)}: {e.Message}");
            return null;
        }
    }

    public bool Delete(Kind kind, string? ns, string name, string? propagation = null)
    {
        if (TypeOf(kind) is not { } type) return false;
        try
        {
            Store.Delete(type, ns, name, new DeleteOptions { PropagationPolicy = propagation });
            return true;
        }
        catch (ApiException)
        {
            return false;
        }
    }

    /// <summary>
    /// Records a core/v1 Event about the object, once per object state (resourceVersion), as an event recorder would on
    /// each reconcile.
    /// </summary>
    public void RecordEvent(JsonObject involved, string type, string reason, string message, string component)
    {
        var key = $"{ObjectMeta.Uid(involved)}/{ObjectMeta.ResourceVersion(involved)}/{reason}/{message}";
        lock (_reportedEvents)
        {
            if (!_reportedEvents.Add(key)) return;
            if (_reportedEvents.Count > 10_000) _reportedEvents.Clear();
        }
        var ns = ObjectMeta.Namespace(involved);
        if (ns.Length == 0) ns = "default";
        var now = NowText;
        var reference = new JsonObject { ["kind"] = ServerJson.Str(involved, "kind") };
        if (ObjectMeta.Namespace(involved).Length > 0) reference["namespace"] = ObjectMeta.Namespace(involved);
        reference["name"] = ObjectMeta.Name(involved);
        reference["uid"] = ObjectMeta.Uid(involved);
        reference["apiVersion"] = ServerJson.Str(involved, "apiVersion");
        reference["resourceVersion"] = ObjectMeta.ResourceVersion(involved);
        Create(Kind.Event, ns, new JsonObject
        {
            ["metadata"] = new JsonObject { ["name"] = $"{ObjectMeta.Name(involved)}.{Convert.ToHexString(RandomNumberGenerator.GetBytes(8)).ToLowerInvariant()}" },
            ["involvedObject"] = reference,
            ["reason"] = reason,
            ["message"] = message,
            ["source"] = new JsonObject { ["component"] = component },
            ["firstTimestamp"] = now,
            ["lastTimestamp"] = now,
            ["count"] = 1,
            ["type"] = type,
            ["reportingComponent"] = component,
            ["reportingInstance"] = "",
        }, component);
        Log($"{component}: event {type} {reason} on {ServerJson.Str(involved, "kind")} {ObjectMeta.Namespace(involved)}/{ObjectMeta.Name(involved)}: {message}");
    }

    // ------------------------------------------------------------------ latency gates

    public bool Due(string controller, string key)
    {
        var latency = Options.LatencyOf(controller);
        var k = controller + "|" + key;
        lock (_firstSeen)
        {
            _touched.Add(k);
            if (latency <= TimeSpan.Zero) return true;
            var now = Now;
            if (!_firstSeen.TryGetValue(k, out var since)) _firstSeen[k] = since = now;
            var due = since + latency;
            if (now >= due) return true;
            if (_nextDue is null || due < _nextDue) _nextDue = due;
            return false;
        }
    }

    // ------------------------------------------------------------------ the loop

    public void Start() => _loop = Task.Run(() => RunAsync(_stop.Token), CancellationToken.None);

    private async Task RunAsync(CancellationToken ct)
    {
        var sub = Store.Subscribe(Store.ResourceVersion);
        Task? storeWait = null;
        try
        {
            while (!ct.IsCancellationRequested)
            {
                var fabricSeen = Fabric.Changed.Version;
                var wakeSeen = Wake.Version;
                sub.Cursor = Store.ResourceVersion;
                await RunOnceAsync(ct).ConfigureAwait(false);

                TimeSpan? delay = null;
                lock (_firstSeen)
                {
                    if (_nextDue is { } due) delay = due - Now;
                    _nextDue = null;
                }
                if (delay is { } d && d <= TimeSpan.Zero) continue;
                if (sub.IsLagged)
                {
                    sub.Dispose();
                    sub = Store.Subscribe(Store.ResourceVersion);
                    storeWait = null;
                    continue;
                }
                storeWait ??= sub.WaitAsync(null, ct);
                var waits = new List<Task> { storeWait, Fabric.Changed.WhenChangedAsync(fabricSeen), Wake.WhenChangedAsync(wakeSeen) };
                if (delay is { } wait) waits.Add(Task.Delay(wait, Time, ct));
                else waits.Add(Task.Delay(Timeout.Infinite, ct));
                var done = await Task.WhenAny(waits).ConfigureAwait(false);
                if (done == storeWait)
                {
                    await storeWait.ConfigureAwait(false);
                    storeWait = null;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            sub.Dispose();
        }
    }

    /// <summary>One run of every enabled controller; a failing controller is logged and does not stop the others.</summary>
    public async Task RunOnceAsync(CancellationToken ct)
    {
        lock (_firstSeen) _touched.Clear();
        var disabled = Options.DisabledControllers;
        foreach (var c in _controllers)
        {
            if (disabled.Contains(c.Name)) continue;
            try
            {
                await c.ReconcileAsync(ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception e)
            {
                Log($"{c.Name}: {e.GetType().Name}: {e.Message}");
            }
        }
        lock (_firstSeen)
        {
            foreach (var k in _firstSeen.Keys.Where(k => !_touched.Contains(k)).ToList()) _firstSeen.Remove(k);
        }
    }

    private int _disposed;

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_loop is not null)
        {
            try
            {
                await _loop.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }
        }
        foreach (var c in _controllers.OfType<IAsyncDisposable>()) await c.DisposeAsync().ConfigureAwait(false);
        Fabric.RemoveCluster(ClusterId);
        _stop.Dispose();
    }
}
