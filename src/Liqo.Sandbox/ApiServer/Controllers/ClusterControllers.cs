using System.Diagnostics;
using System.Text.Json.Nodes;
using Liqo.Sandbox.ApiServer.Storage;
using Liqo.Sandbox.ApiServer.Types;

namespace Liqo.Sandbox.ApiServer.Controllers;

/// <summary>
/// The asynchronous controllers of kube-controller-manager and apiextensions that the sandbox needs, level-based: the
/// namespace controller (deletes a terminating namespace's content, then finalizes it), the CRD finalizer (deletes a
/// deleted CRD's custom resources, then removes its finalizer), the garbage collector (ownerReferences with background,
/// foreground and orphan propagation), the kube-apiserver-client CSR signer and the disruption controller
/// (PodDisruptionBudget status, <see cref="DisruptionController"/>). A pass reads every object under the store
/// lock, so it runs only after a change that can need one (<see cref="NeedsPass"/>), after a pass whose writes failed, and
/// once a second as a resync; other writes (a flood of ConfigMaps) never trigger a scan of the whole store, which would
/// make writes cost O(objects).
/// </summary>
internal sealed class ClusterControllers(ClusterStore store, CertificateSigner? signer = null)
{
    private const string Manager = "kube-controller-manager";
    private const string CrdKey = "apiextensions.k8s.io/customresourcedefinitions";
    private const string CsrKey = "certificates.k8s.io/certificatesigningrequests";
    private static readonly TimeSpan Resync = TimeSpan.FromSeconds(1);
    private readonly DisruptionController _disruption = new(store);
    private Task? _loop;
    private long _passes;
    private bool _failed;

    /// <summary>How many passes ran so far (tests check that changes no controller cares about cause none).</summary>
    public long Passes => Interlocked.Read(ref _passes);

    public void Start(CancellationToken ct) => _loop = Task.Run(() => RunAsync(ct), CancellationToken.None);

    public async Task StopAsync()
    {
        if (_loop is null) return;
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>
    /// Whether a committed change can give a controller work: a deletion (owners and namespace content disappear), an
    /// object being deleted (terminating namespaces, CRDs, foreground and orphan owners) or an object with owners (its
    /// owners may be gone), a pod or a PodDisruptionBudget (a budget's status counts the pods it selects).
    /// </summary>
    public static bool NeedsPass(ChangeRecord change) =>
        change.Type == "DELETED" || ObjectMeta.IsDeleting(change.New) || change.TypeKey is CsrKey or "/pods" or PodDisruptionBudgetStrategy.Key ||
        ServerJson.Arr(ServerJson.Obj(change.New, "metadata"), "ownerReferences") is { Count: > 0 };

    private async Task RunAsync(CancellationToken ct)
    {
        var sub = store.Subscribe(store.ResourceVersion);
        try
        {
            var buffer = new List<ChangeRecord>();
            var due = true;
            var lastPass = 0L;
            while (!ct.IsCancellationRequested)
            {
                if (due || Stopwatch.GetElapsedTime(lastPass) >= Resync)
                {
                    RunPass();
                    lastPass = Stopwatch.GetTimestamp();
                    due = false;
                }
                var untilResync = Resync - Stopwatch.GetElapsedTime(lastPass);
                await sub.WaitAsync(untilResync > TimeSpan.Zero ? untilResync : TimeSpan.Zero, ct).ConfigureAwait(false);
                buffer.Clear();
                if (!store.ReadChanges(sub, buffer, int.MaxValue) || sub.IsLagged)
                {
                    sub.Dispose();
                    sub = store.Subscribe(store.ResourceVersion);
                    due = true;
                }
                else if (buffer.Count > 0)
                {
                    sub.Cursor = buffer[^1].Rv;
                    // After a pass whose writes failed, any change may be the one that lets them through: retry at once.
                    due = _failed || buffer.Exists(NeedsPass);
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

    private void RunPass()
    {
        _failed = false;
        try
        {
            ReconcileAll();
        }
        catch (Exception e) when (e is ApiException or InvalidOperationException)
        {
            _failed = true;
        }
        Interlocked.Increment(ref _passes);
    }

    /// <summary>One pass of every controller (public for tests that want determinism).</summary>
    public void ReconcileAll()
    {
        // Gather under the store lock, act outside it.
        var terminatingNamespaces = new List<string>();
        var deletingCrds = new List<JsonObject>();
        var liveUids = new HashSet<string>(StringComparer.Ordinal);
        var owned = new List<(string TypeKey, string Ns, string Name, JsonArray Owners)>();
        var ownersPending = new List<(string TypeKey, JsonObject Obj)>();
        var namespacedContent = new Dictionary<string, int>(StringComparer.Ordinal);
        store.Inspect((key, obj) =>
        {
            liveUids.Add(ObjectMeta.Uid(obj));
            var ns = ObjectMeta.Namespace(obj);
            if (ns.Length > 0) namespacedContent[ns] = namespacedContent.GetValueOrDefault(ns) + 1;
            if (key == "/namespaces" && ObjectMeta.IsDeleting(obj)) terminatingNamespaces.Add(ObjectMeta.Name(obj));
            if (key == CrdKey && ObjectMeta.IsDeleting(obj)) deletingCrds.Add((JsonObject)obj.DeepClone());
            if (ServerJson.Arr(ServerJson.Obj(obj, "metadata"), "ownerReferences") is { Count: > 0 } refs)
                owned.Add((key, ns, ObjectMeta.Name(obj), (JsonArray)refs.DeepClone()));
            if (ObjectMeta.IsDeleting(obj))
            {
                var f = ObjectMeta.Finalizers(obj);
                if (f.Contains(ClusterStore.ForegroundFinalizer) || f.Contains(ClusterStore.OrphanFinalizer))
                    ownersPending.Add((key, (JsonObject)obj.DeepClone()));
            }
        });

        foreach (var ns in terminatingNamespaces) ReconcileNamespace(ns, namespacedContent.GetValueOrDefault(ns));
        foreach (var crd in deletingCrds) ReconcileCrdDeletion(crd);
        CollectGarbage(liveUids, owned, ownersPending);
        signer?.Reconcile();
        _disruption.Reconcile();
    }

    private ResourceType? TypeOf(string key) => store.Types.FindByKey(key);

    private void ReconcileNamespace(string ns, int remaining)
    {
        var nsType = store.Types.Get("v1", "Namespace");
        if (remaining > 0)
        {
            foreach (var key in store.TypeKeys())
            {
                var type = TypeOf(key);
                if (type is null || !type.Namespaced) continue;
                foreach (var item in store.List(type, ns).Items)
                {
                    if (ObjectMeta.IsDeleting(item)) continue;
                    Try(() => store.Delete(type, ns, ObjectMeta.Name(item), new DeleteOptions { PropagationPolicy = "Background" }));
                }
            }
            SetNamespaceConditions(nsType, ns);
            return;
        }
        var current = store.TryGet(nsType, null, ns);
        if (current is null) return;
        var spec = ServerJson.Ensure(current, "spec");
        var finalizers = (ServerJson.Arr(spec, "finalizers") ?? []).Select(n => n?.GetValue<string>())
            .Where(f => f != "kubernetes").ToList();
        if (finalizers.Count == (ServerJson.Arr(spec, "finalizers")?.Count ?? 0)) return;
        spec["finalizers"] = new JsonArray(finalizers.Select(f => (JsonNode?)JsonValue.Create(f)).ToArray());
        Try(() => store.Update(nsType, null, ns, current, new WriteOptions { FieldManager = "namespace-controller", Subresource = "finalize" }));
    }

    private void SetNamespaceConditions(ResourceType nsType, string ns)
    {
        var current = store.TryGet(nsType, null, ns);
        if (current is null) return;
        var status = ServerJson.Ensure(current, "status");
        if (ServerJson.Arr(status, "conditions") is { Count: > 0 }) return;
        var now = ObjectMeta.Timestamp(store.Now);
        status["conditions"] = new JsonArray(
            new JsonObject { ["type"] = "NamespaceDeletionDiscoveryFailure", ["status"] = "False", ["lastTransitionTime"] = now, ["reason"] = "ResourcesDiscovered", ["message"] = "All resources successfully discovered" },
            new JsonObject { ["type"] = "NamespaceDeletionGroupVersionParsingFailure", ["status"] = "False", ["lastTransitionTime"] = now, ["reason"] = "ParsedGroupVersions", ["message"] = "All legacy kube types successfully parsed" },
            new JsonObject { ["type"] = "NamespaceDeletionContentFailure", ["status"] = "False", ["lastTransitionTime"] = now, ["reason"] = "ContentDeleted", ["message"] = "All content successfully deleted, may be waiting on finalization" },
            new JsonObject { ["type"] = "NamespaceContentRemaining", ["status"] = "True", ["lastTransitionTime"] = now, ["reason"] = "SomeResourcesRemain", ["message"] = "Some resources are remaining" },
            new JsonObject { ["type"] = "NamespaceFinalizersRemaining", ["status"] = "False", ["lastTransitionTime"] = now, ["reason"] = "ContentHasNoFinalizers", ["message"] = "All content-preserving finalizers finished" });
        Try(() => store.Update(nsType, null, ns, current, new WriteOptions { FieldManager = "namespace-controller", Subresource = "status" }));
    }

    private void ReconcileCrdDeletion(JsonObject crd)
    {
        if (!ObjectMeta.Finalizers(crd).Contains(ClusterStore.CrdCleanupFinalizer)) return;
        var spec = ServerJson.Obj(crd, "spec");
        var key = (ServerJson.Str(spec, "group") ?? "") + "/"
            + (ServerJson.Str(ServerJson.Obj(spec, "names"), "plural") ?? "");
        var type = TypeOf(key);
        var remaining = 0;
        if (type is not null)
            foreach (var item in store.List(type, null).Items)
            {
                remaining++;
                if (!ObjectMeta.IsDeleting(item))
                    Try(() => store.Delete(type, ObjectMeta.Namespace(item), ObjectMeta.Name(item), new DeleteOptions { PropagationPolicy = "Background" }));
            }
        if (remaining > 0 && type is not null && store.List(type, null).Items.Count > 0) return;
        var crdType = store.Types.Get("apiextensions.k8s.io/v1", "CustomResourceDefinition");
        var current = store.TryGet(crdType, null, ObjectMeta.Name(crd));
        if (current is null) return;
        // Unserved before the CRD object can go, so no client sees the CRD gone while its resources are still served.
        store.Types.SetCustomTypes(ServerJson.Str(spec, "group") ?? "",
            ServerJson.Str(ServerJson.Obj(spec, "names"), "plural") ?? "", []);
        ObjectMeta.SetFinalizers(current, ObjectMeta.Finalizers(current).Where(f => f != ClusterStore.CrdCleanupFinalizer));
        Try(() => store.Update(crdType, null, ObjectMeta.Name(crd), current, new WriteOptions { FieldManager = "apiextensions-finalizer" }));
    }

    private void CollectGarbage(HashSet<string> liveUids, List<(string TypeKey, string Ns, string Name, JsonArray Owners)> owned,
        List<(string TypeKey, JsonObject Obj)> ownersPending)
    {
        // Dependents whose owners are all gone: deleted (background propagation).
        foreach (var (key, ns, name, owners) in owned)
        {
            var uids = owners.OfType<JsonObject>().Select(o => ServerJson.Str(o, "uid") ?? "").ToList();
            if (uids.Count == 0 || uids.Any(liveUids.Contains)) continue;
            if (TypeOf(key) is { } type) Try(() => store.Delete(type, ns, name, new DeleteOptions { PropagationPolicy = "Background" }));
        }
        // Owners waiting for foreground deletion or orphaning.
        foreach (var (key, owner) in ownersPending)
        {
            var ownerType = TypeOf(key);
            if (ownerType is null) continue;
            var uid = ObjectMeta.Uid(owner);
            var dependents = owned
                .Where(d => d.Owners.OfType<JsonObject>().Any(o => ServerJson.Str(o, "uid") == uid)).ToList();
            var finalizers = ObjectMeta.Finalizers(owner);
            if (finalizers.Contains(ClusterStore.OrphanFinalizer))
            {
                foreach (var (dKey, dNs, dName, _) in dependents)
                {
                    if (TypeOf(dKey) is not { } dType || store.TryGet(dType, dNs, dName) is not { } dep) continue;
                    var refs = ServerJson.Arr(ObjectMeta.Meta(dep), "ownerReferences")!;
                    foreach (var r in refs.OfType<JsonObject>().Where(o => ServerJson.Str(o, "uid") == uid).ToList())
                        refs.Remove(r);
                    if (refs.Count == 0) ObjectMeta.Meta(dep).Remove("ownerReferences");
                    Try(() => store.Update(dType, dNs, dName, dep, new WriteOptions { FieldManager = "garbage-collector" }));
                }
                RemoveFinalizer(ownerType, owner, ClusterStore.OrphanFinalizer);
            }
            else if (finalizers.Contains(ClusterStore.ForegroundFinalizer))
            {
                if (dependents.Count == 0)
                {
                    RemoveFinalizer(ownerType, owner, ClusterStore.ForegroundFinalizer);
                    continue;
                }
                foreach (var (dKey, dNs, dName, _) in dependents)
                    if (TypeOf(dKey) is { } dType)
                        Try(() => store.Delete(dType, dNs, dName, new DeleteOptions { PropagationPolicy = "Foreground" }));
            }
        }
    }

    private void RemoveFinalizer(ResourceType type, JsonObject owner, string finalizer)
    {
        var current = store.TryGet(type, ObjectMeta.Namespace(owner), ObjectMeta.Name(owner));
        if (current is null || !ObjectMeta.Finalizers(current).Contains(finalizer)) return;
        ObjectMeta.SetFinalizers(current, ObjectMeta.Finalizers(current).Where(f => f != finalizer));
        Try(() => store.Update(type, ObjectMeta.Namespace(owner), ObjectMeta.Name(owner), current, new WriteOptions { FieldManager = "garbage-collector" }));
    }

    private void Try(Action action)
    {
        try
        {
            action();
        }
        catch (ApiException)
        {
            // conflicts and races: the next pass retries
            _failed = true;
        }
    }
}
