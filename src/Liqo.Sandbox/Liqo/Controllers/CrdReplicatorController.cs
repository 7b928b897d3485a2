using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Nodes;
using Liqo.Sandbox.Liqo.Remote;
using Liqo.Sandbox.Liqo.Runtime;

namespace Liqo.Sandbox.Liqo.Controllers;

/// <summary>
/// The CRD replicator (internal/crdReplicator), on the consumer: for every control-plane kubeconfig Secret
/// (liqo.io/identity-type=ControlPlane, from an Identity or made by hand) it reaches the provider's API server over real
/// HTTPS with that kubeconfig, watches the replicas there, and replicates each local NamespaceMap and ResourceSlice
/// (internal/crdReplicator/resources: both with shared ownership) labelled liqo.io/replication=true,
/// liqo.io/remoteID=&lt;provider&gt; into the remote tenant namespace (labels rewritten as Liqo does), keeps its spec in
/// sync, copies the provider's status back, and on deletion removes the replica before releasing its finalizer
/// crdreplicator.liqo.io/resource. A broken identity or an unreachable provider leaves the objects unreplicated (and a
/// deleted one stuck on its finalizer), as for real, until the provider is declared dead
/// (<see cref="ForeignClusterLiveness"/>): then a deleted object is released without touching the provider.
/// </summary>
internal sealed class CrdReplicatorController(LiqoControlPlane plane) : LiqoController(plane), IAsyncDisposable
{
    /// <summary>The replicated kinds and their resource names, in Liqo's order.</summary>
    private static readonly (Kind Kind, string Plural)[] Replicated = [(Kind.NamespaceMap, "namespacemaps"), (Kind.ResourceSlice, "resourceslices")];
    private readonly Dictionary<string, Reflector> _reflectors = new(StringComparer.Ordinal);

    public override string Name => "crd-replicator";
    public override string Component => "liqo-crd-replicator";

    public override async Task ReconcileAsync(CancellationToken ct)
    {
        SyncReflectors();
        foreach (var (kind, plural) in Replicated)
        {
            foreach (var local in List(kind, null, LiqoLabels.Replication + "=true"))
            {
                if (Obj.Label(local, LiqoLabels.RemoteId) is not { Length: > 0 } remoteId) continue;
                try
                {
                    await ReflectAsync(kind, plural, local, remoteId, ct).ConfigureAwait(false);
                }
                catch (RemoteApiException e)
                {
                    Plane.Log($"{Name}: [{remoteId}] {plural} {Obj.Ns(local)}/{Obj.Name(local)}: {e.Message}");
                }
            }
        }
    }

    /// <summary>Starts, replaces or stops the reflection towards each provider as the kubeconfig Secrets come and go.</summary>
    private void SyncReflectors()
    {
        var wanted = new Dictionary<string, (JsonObject Secret, string Kubeconfig)>(StringComparer.Ordinal);
        foreach (var secret in List(Kind.Secret, null, LiqoLabels.IdentityType + "=ControlPlane"))
        {
            if (Obj.Deleting(secret) || Obj.Label(secret, LiqoLabels.RemoteClusterId) is not { Length: > 0 } id || wanted.ContainsKey(id)) continue;
            if (Obj.Bytes(secret, "data", "kubeconfig") is not { Length: > 0 } bytes) continue;
            wanted[id] = (secret, Encoding.UTF8.GetString(bytes));
        }
        foreach (var (id, reflector) in _reflectors.ToList())
        {
            if (wanted.TryGetValue(id, out var w) && w.Kubeconfig == reflector.Kubeconfig
                && Obj.Annotation(w.Secret, LiqoLabels.RemoteTenantNamespaceAnnotation) == reflector.AnnotatedNamespace) continue;
            reflector.Dispose();
            _reflectors.Remove(id);
            Plane.SetRemoteApiReachable(id, null);
            Plane.Log($"{Name}: [{id}] stopped the reflection towards the remote cluster");
        }
        foreach (var (id, (secret, kubeconfig)) in wanted)
        {
            if (_reflectors.ContainsKey(id)) continue;
            var reflector = new Reflector(this, id, kubeconfig, Obj.Annotation(secret, LiqoLabels.RemoteTenantNamespaceAnnotation));
            _reflectors[id] = reflector;
            reflector.Start();
            Plane.Log($"{Name}: Processing Secret \"{Obj.Ns(secret)}/{Obj.Name(secret)}\": [{id}] starting reflection towards remote cluster");
        }
    }

    private async Task ReflectAsync(Kind kind, string plural, JsonObject local, string remoteId, CancellationToken ct)
    {
        var finalizers = ApiServer.ObjectMeta.Finalizers(local);
        var name = Obj.Name(local);
        _reflectors.TryGetValue(remoteId, out var reflector);
        var resource = reflector?.Resources[plural];
        if (Obj.Deleting(local))
        {
            if (!finalizers.Contains(LiqoLabels.CrdReplicatorFinalizer)) return;
            // The reflector leaves the remote alone once the ForeignCluster state controller found the peer dead (annotated
            // permanently unreachable and its API server not Established); a missing ForeignCluster leaves it alive.
            if (Get(Kind.ForeignCluster, null, remoteId) is { } fc && ForeignClusterLiveness.IsDead(fc, out var why))
            {
                Plane.Log($"{Name}: [{remoteId}] Remote cluster is marked as dead, skipping deletion of {plural} with name {name} ({why})");
            }
            else
            {
                if (reflector is null || resource is null || !reflector.Usable) return;
                if (resource.Cache.ContainsKey(name))
                {
                    var (code, body) = await reflector.Client!.SendAsync(HttpMethod.Delete, resource.ObjectPath(name), null, ct).ConfigureAwait(false);
                    if (code is >= 300 and not 404 and not 403) throw RemoteApiException.FromStatus(code, body);
                    if (code != 403 && await reflector.Client.GetAsync(resource.ObjectPath(name), ct).ConfigureAwait(false) is not null) return;
                    resource.Cache.TryRemove(name, out _);
                }
            }
            ApiServer.ObjectMeta.SetFinalizers(local, finalizers.Where(f => f != LiqoLabels.CrdReplicatorFinalizer));
            Update(kind, local);
            return;
        }
        if (reflector is null || resource is null) return;
        if (!finalizers.Contains(LiqoLabels.CrdReplicatorFinalizer))
        {
            ApiServer.ObjectMeta.SetFinalizers(local, [.. finalizers, LiqoLabels.CrdReplicatorFinalizer]);
            local = Update(kind, local) ?? local;
            if (!ApiServer.ObjectMeta.Finalizers(local).Contains(LiqoLabels.CrdReplicatorFinalizer)) return;
        }
        if (!reflector.Usable || !resource.Synced) return;
        if (!Due(local, "replicate")) return;

        var localSpec = Obj.Object(local, "spec") ?? new JsonObject();
        if (!resource.Cache.TryGetValue(name, out var remote))
        {
            var labels = Obj.Object(local, "metadata", "labels")?.DeepClone().AsObject() ?? new JsonObject();
            labels[LiqoLabels.Replication] = "false";
            labels[LiqoLabels.Replicated] = "true";
            labels[LiqoLabels.OriginId] = Plane.ClusterId;
            labels[LiqoLabels.RemoteClusterId] = Plane.ClusterId;
            labels.Remove("liqo.io/local-resource-ownership");
            var meta = new JsonObject { ["name"] = name, ["namespace"] = reflector.Namespace, ["labels"] = labels };
            if (Obj.Object(local, "metadata", "annotations") is { } annotations) meta["annotations"] = annotations.DeepClone();
            var (code, created) = await reflector.Client!.SendAsync(HttpMethod.Post, resource.CollectionPath, new JsonObject
            {
                ["apiVersion"] = kind.ApiVersion,
                ["kind"] = kind.Name,
                ["metadata"] = meta,
                ["spec"] = localSpec.DeepClone(),
            }, ct).ConfigureAwait(false);
            if (code == 403)
            {
                Plane.Log($"{Name}: [{remoteId}] Cannot create remote {plural} with name {name} (permission removed by provider)");
                return;
            }
            if (code >= 300 || created is null) throw RemoteApiException.FromStatus(code, created);
            KeepNewest(resource.Cache, name, created);
            Plane.Log($"{Name}: [{remoteId}] Remote {plural} with name {name} successfully created");
            return;
        }
        if (!JsonNode.DeepEquals(Obj.Object(remote, "spec") ?? new JsonObject(), localSpec))
        {
            var updated = remote.DeepClone().AsObject();
            updated["spec"] = localSpec.DeepClone();
            var (code, body) = await reflector.Client!.SendAsync(HttpMethod.Put, resource.ObjectPath(name), updated, ct).ConfigureAwait(false);
            if (code is 409 or 404) return;
            if (code >= 300 || body is null) throw RemoteApiException.FromStatus(code, body);
            KeepNewest(resource.Cache, name, body);
            remote = resource.Cache.TryGetValue(name, out var cached) ? cached : body;
        }
        var remoteStatus = Obj.Object(remote, "status") ?? new JsonObject();
        if (!JsonNode.DeepEquals(Obj.Object(local, "status") ?? new JsonObject(), remoteStatus))
        {
            local["status"] = remoteStatus.DeepClone();
            UpdateStatus(kind, local);
        }
    }

    /// <summary>
    /// Caches a replica unless a newer version of it is cached already: the answer to this controller's own write can
    /// arrive after the watch event of a later change (the provider's status), which must not be lost, as an informer's
    /// cache never goes back in resourceVersion.
    /// </summary>
    internal static void KeepNewest(ConcurrentDictionary<string, JsonObject> cache, string name, JsonObject obj) =>
        cache.AddOrUpdate(name, obj, (_, existing) => Version(existing) > Version(obj) ? existing : obj);

    private static long Version(JsonObject o) =>
        long.TryParse(Obj.Str(o, "metadata", "resourceVersion"), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : -1;

    public async ValueTask DisposeAsync()
    {
        foreach (var r in _reflectors.Values) r.Dispose();
        await Task.WhenAll(_reflectors.Values.Select(r => r.Completion)).ConfigureAwait(false);
        _reflectors.Clear();
    }

    /// <summary>The reflection towards one provider: its HTTPS client and, per replicated kind, a watch-fed cache of the replicas there.</summary>
    private sealed class Reflector(CrdReplicatorController owner, string remoteId, string kubeconfig, string? annotatedNamespace)
        : IDisposable
    {
        private readonly CancellationTokenSource _stop = new();

        public string Kubeconfig { get; } = kubeconfig;
        public string? AnnotatedNamespace { get; } = annotatedNamespace;
        public RemoteApiClient? Client { get; private set; }
        public string Namespace { get; private set; } = "";
        /// <summary>The reflected resources by plural name.</summary>
        public Dictionary<string, ReflectedResource> Resources { get; } =
            Replicated.ToDictionary(r => r.Plural, r => new ReflectedResource(r.Kind, r.Plural), StringComparer.Ordinal);
        public Task Completion { get; private set; } = Task.CompletedTask;

        /// <summary>Whether the provider can be reached now (not blocked by the knob; in-band traffic needs the tunnel).</summary>
        public bool Usable => Client is not null && !owner.Plane.Options.CrdReplicationBlocked
            && (string.IsNullOrEmpty(Client.ProxyUrl) || owner.Plane.Fabric.TunnelBetween(owner.Plane.ClusterId, remoteId));

        public void Start()
        {
            try
            {
                Client = RemoteApiClient.FromKubeconfig(Kubeconfig);
            }
            catch (Exception e) when (e is FormatException or ArgumentException or System.Security.Cryptography.CryptographicException or IOException)
            {
                owner.Plane.Log($"{owner.Name}: [{remoteId}] invalid kubeconfig: {e.Message}");
                owner.Plane.SetRemoteApiReachable(remoteId, false);
                return;
            }
            Namespace = AnnotatedNamespace ?? Client.Namespace ?? "";
            if (Namespace.Length == 0)
            {
                owner.Plane.Log($"{owner.Name}: [{remoteId}] no remote tenant namespace");
                return;
            }
            foreach (var r in Resources.Values)
            {
                r.CollectionPath = $"/apis/{r.Kind.ApiVersion}/namespaces/{Namespace}/{r.Plural}";
            }
            Completion = Task.WhenAll(Resources.Values.Select(r => Task.Run(() => WatchLoopAsync(r, _stop.Token))));
        }

        /// <summary>Stops the watches; the stop source is released once the watch loops have ended.</summary>
        public void Dispose()
        {
            _stop.Cancel();
            // Closing the connections ends a watch blocked on the provider.
            Client?.Dispose();
            Completion.ContinueWith(_ => _stop.Dispose(), TaskScheduler.Default);
        }

        /// <summary>The API server answered the last list of every resource (what the ForeignCluster's APIServerStatus shows).</summary>
        private void ReportReachable() => owner.Plane.SetRemoteApiReachable(remoteId, Resources.Values.All(r => r.Synced));

        private async Task WatchLoopAsync(ReflectedResource resource, CancellationToken ct)
        {
            var selector = Uri.EscapeDataString($"{LiqoLabels.Replicated}=true,{LiqoLabels.OriginId}={owner.Plane.ClusterId}");
            var backoff = TimeSpan.FromMilliseconds(50);
            while (!ct.IsCancellationRequested)
            {
                try
                {
                    if (!Usable)
                    {
                        resource.Synced = false;
                        owner.Plane.SetRemoteApiReachable(remoteId, false);
                        var fabric = owner.Plane.Fabric.Changed.Version;
                        var wake = owner.Plane.Wake.Version;
                        await Task.WhenAny(owner.Plane.Fabric.Changed.WhenChangedAsync(fabric), owner.Plane.Wake.WhenChangedAsync(wake),
                            Task.Delay(Timeout.Infinite, ct)).ConfigureAwait(false);
                        continue;
                    }
                    var list = await Client!.GetAsync(resource.CollectionPath + "?labelSelector=" + selector, ct).ConfigureAwait(false)
                        ?? throw new RemoteApiException(404, "NotFound", $"namespaces \"{Namespace}\" not found");
                    resource.Cache.Clear();
                    foreach (var item in (list["items"] as JsonArray ?? []).OfType<JsonObject>()) resource.Cache[Obj.Name(item)] = item;
                    resource.Synced = true;
                    ReportReachable();
                    backoff = TimeSpan.FromMilliseconds(50);
                    owner.Plane.Wake.Notify();
                    var rv = Obj.Str(list, "metadata", "resourceVersion") ?? "";
                    await foreach (var (type, obj) in Client.WatchAsync(
                        $"{resource.CollectionPath}?watch=true&allowWatchBookmarks=true&resourceVersion={rv}&labelSelector={selector}", ct).ConfigureAwait(false))
                    {
                        if (type is "ADDED" or "MODIFIED") KeepNewest(resource.Cache, Obj.Name(obj), obj);
                        else if (type == "DELETED") resource.Cache.TryRemove(Obj.Name(obj), out _);
                        else if (type == "ERROR") break;
                        else continue;
                        owner.Plane.Wake.Notify();
                    }
                }
                catch (OperationCanceledException) when (ct.IsCancellationRequested)
                {
                    break;
                }
                catch (Exception e) when (ct.IsCancellationRequested && e is ObjectDisposedException or IOException or HttpRequestException)
                {
                    break;
                }
                catch (Exception e) when (e is RemoteApiException or System.Text.Json.JsonException or InvalidOperationException)
                {
                    resource.Synced = false;
                    owner.Plane.SetRemoteApiReachable(remoteId, false);
                    owner.Plane.Log($"{owner.Name}: [{remoteId}] reflection of {resource.Plural}: {e.Message}");
                    try
                    {
                        await Task.Delay(backoff, ct).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException)
                    {
                        break;
                    }
                    backoff = TimeSpan.FromMilliseconds(Math.Min(backoff.TotalMilliseconds * 2, 2000));
                }
            }
            resource.Synced = false;
        }
    }

    /// <summary>One replicated kind towards one provider: the replicas there (watch-fed) and whether the cache is synced.</summary>
    private sealed class ReflectedResource(Kind kind, string plural)
    {
        private volatile bool _synced;

        public Kind Kind { get; } = kind;
        public string Plural { get; } = plural;
        public string CollectionPath { get; set; } = "";
        public ConcurrentDictionary<string, JsonObject> Cache { get; } = new(StringComparer.Ordinal);
        public bool Synced { get => _synced; set => _synced = value; }
        public string ObjectPath(string name) => CollectionPath + "/" + name;
    }
}
