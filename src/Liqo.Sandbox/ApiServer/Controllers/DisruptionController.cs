using System.Text.Json.Nodes;
using Liqo.Sandbox.ApiServer.Selectors;
using Liqo.Sandbox.ApiServer.Storage;
using Liqo.Sandbox.ApiServer.Types;

namespace Liqo.Sandbox.ApiServer.Controllers;

/// <summary>
/// kube-controller-manager's disruption controller: for each PodDisruptionBudget, the pods its selector matches in its
/// namespace (a missing selector matches none, an empty one all), the expected count (int minAvailable: the pods found;
/// maxUnavailable or a percent minAvailable: the sum of their controllers' replicas, found through ReplicaSet →
/// Deployment or a kind with a scale subresource), the desired healthy count, the healthy pods (Ready, not being deleted,
/// not evicted in the last <see cref="DeletionTimeout"/>), and from them status.disruptionsAllowed (0 while no pod is
/// expected), status.disruptedPods, status.observedGeneration and the DisruptionAllowed condition (SufficientPods,
/// InsufficientPods). When the count cannot be computed (a pod without a controller under maxUnavailable, a controller
/// without a scale) it fails safe: disruptionsAllowed 0, condition False SyncFailed with the error. The status is written
/// only when it changes.
/// </summary>
internal sealed class DisruptionController(ClusterStore store)
{
    /// <summary>How long an evicted pod counts as about to go (DeletionTimeout of the real controller).</summary>
    public static readonly TimeSpan DeletionTimeout = TimeSpan.FromMinutes(2);

    private const string Manager = "kube-controller-manager";

    public void Reconcile()
    {
        var pdbType = store.Types.FindByKey(PodDisruptionBudgetStrategy.Key);
        var podType = store.Types.FindByKey("/pods");
        if (pdbType is null || podType is null) return;
        foreach (var pdb in store.List(pdbType, null).Items)
        {
            JsonObject status;
            try
            {
                status = Compute(pdb, podType);
            }
            catch (DisruptionSyncException e)
            {
                status = FailSafe(pdb, e.Message);
            }
            if (JsonNode.DeepEquals(status, pdb["status"])) continue;
            var updated = (JsonObject)pdb.DeepClone();
            updated["status"] = status;
            try
            {
                store.Update(pdbType, ObjectMeta.Namespace(pdb), ObjectMeta.Name(pdb), updated, new WriteOptions { FieldManager = Manager, Subresource = "status" });
            }
            catch (ApiException)
            {
                // level-based: the next pass computes it again (a conflict with an eviction that decremented it)
            }
        }
    }

    private JsonObject Compute(JsonObject pdb, ResourceType podType)
    {
        var ns = ObjectMeta.Namespace(pdb);
        var spec = ServerJson.Obj(pdb, "spec");
        LabelSelector? selector;
        try
        {
            selector = LabelSelector.FromObject(ServerJson.Obj(spec, "selector"));
        }
        catch (SelectorParseException e)
        {
            throw new DisruptionSyncException(e.Message);
        }
        var pods = selector is null ? [] : store.List(podType, ns).Items
            .Where(p => selector.Matches(ServerJson.StringMap(ServerJson.Obj(ServerJson.Obj(p, "metadata"), "labels")))).ToList();
        var (expected, desired) = ExpectedCount(spec, pods, ns);
        var now = store.Now;
        var disrupted = DisruptedPods(pdb, pods, now);
        var healthy = pods.Count(p => !ObjectMeta.IsDeleting(p) && !disrupted.ContainsKey(ObjectMeta.Name(p)) && IsReady(p));
        var allowed = expected <= 0 || healthy - desired <= 0 ? 0 : healthy - desired;
        var generation = ObjectMeta.Generation(pdb);
        var status = new JsonObject { ["observedGeneration"] = generation };
        if (disrupted.Count > 0) status["disruptedPods"] = new JsonObject(disrupted.Select(d => KeyValuePair.Create(d.Key, (JsonNode?)d.Value)));
        status["disruptionsAllowed"] = allowed;
        status["currentHealthy"] = healthy;
        status["desiredHealthy"] = desired;
        status["expectedPods"] = expected;
        status["conditions"] = CurrentConditions(pdb);
        SetAllowedCondition(status, allowed > 0, generation, ObjectMeta.Timestamp(now));
        return status;
    }

    /// <summary>getExpectedPodCount: (expected pods, desired healthy).</summary>
    private (int Expected, int Desired) ExpectedCount(JsonObject? spec, IReadOnlyList<JsonObject> pods, string ns)
    {
        if (spec?["maxUnavailable"] is { } max)
        {
            var expected = ExpectedScale(pods, ns);
            return (expected, Math.Max(0, expected - PodDisruptionBudgetStrategy.Scaled(max, expected, true)));
        }
        if (spec?["minAvailable"] is { } min)
        {
            if (!PodDisruptionBudgetStrategy.IsPercent(min)) return (pods.Count, PodDisruptionBudgetStrategy.Scaled(min, 0, true));
            var expected = ExpectedScale(pods, ns);
            return (expected, PodDisruptionBudgetStrategy.Scaled(min, expected, true));
        }
        return (0, 0);
    }

    /// <summary>getExpectedScale: the replicas of the pods' controllers, each counted once; pods without one are left out.</summary>
    private int ExpectedScale(IReadOnlyList<JsonObject> pods, string ns)
    {
        var scales = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var pod in pods)
        {
            if (ControllerOf(pod) is not { } owner) continue;
            if (scales.ContainsKey(ServerJson.Str(owner, "uid") ?? "")) continue;
            var (uid, scale) = ScaleOf(owner, ns) ?? throw new DisruptionSyncException($"found no controllers for pod {Go.Strconv.Quote(ObjectMeta.Name(pod))}");
            scales[uid] = scale;
        }
        return scales.Values.Sum();
    }

    /// <summary>The finders: a ReplicaSet a Deployment controls counts as the Deployment; else any served kind with a scale subresource.</summary>
    private (string Uid, int Scale)? ScaleOf(JsonObject owner, string ns)
    {
        var (group, kind, name, uid) = (GroupOf(owner), ServerJson.Str(owner, "kind") ?? "", ServerJson.Str(owner, "name") ?? "", ServerJson.Str(owner, "uid") ?? "");
        if (group is "apps" or "extensions" && kind == "ReplicaSet" && Find("apps", "ReplicaSet", ns, name, uid) is { } rs
            && ControllerOf(rs) is { } rsOwner && GroupOf(rsOwner) is "apps" or "extensions" && ServerJson.Str(rsOwner, "kind") == "Deployment")
        {
            return Find("apps", "Deployment", ns, ServerJson.Str(rsOwner, "name") ?? "", ServerJson.Str(rsOwner, "uid") ?? "") is { } deployment
                ? (ObjectMeta.Uid(deployment), Replicas(deployment))
                : null;
        }
        var type = store.Types.All.FirstOrDefault(t => t.Group == group && t.Kind == kind)
            ?? throw new DisruptionSyncException($"no matches for kind {Go.Strconv.Quote(kind)} in group {Go.Strconv.Quote(group)}");
        if (type.Key is not ("apps/deployments" or "apps/replicasets" or "apps/statefulsets"))
            throw new DisruptionSyncException($"{type.QualifiedResource} does not implement the scale subresource");
        return Find(type.Group, type.Kind, ns, name, uid) is { } controller ? (uid, Replicas(controller)) : null;
    }

    private JsonObject? Find(string group, string kind, string ns, string name, string uid)
    {
        var type = store.Types.All.FirstOrDefault(t => t.Group == group && t.Kind == kind);
        var obj = type is null ? null : store.TryGet(type, ns, name);
        return obj is not null && ObjectMeta.Uid(obj) == uid ? obj : null;
    }

    private static int Replicas(JsonObject controller) =>
        (int)(ServerJson.Long(ServerJson.Obj(controller, "spec")?["replicas"]) ?? 1);

    private static string GroupOf(JsonObject ownerRef) => (ServerJson.Str(ownerRef, "apiVersion") ?? "") is var av && av.Contains('/') ? av.Split('/')[0] : "";

    internal static JsonObject? ControllerOf(JsonObject obj) =>
        (ServerJson.Arr(ServerJson.Obj(obj, "metadata"), "ownerReferences") ?? []).OfType<JsonObject>()
            .FirstOrDefault(o => o["controller"] is JsonValue c && c.TryGetValue<bool>(out var b) && b);

    /// <summary>buildDisruptedPodMap: the evicted pods not yet being deleted, while their eviction is younger than DeletionTimeout.</summary>
    private static Dictionary<string, string> DisruptedPods(JsonObject pdb, IReadOnlyList<JsonObject> pods, DateTimeOffset now)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        var recorded = ServerJson.Obj(ServerJson.Obj(pdb, "status"), "disruptedPods");
        if (recorded is null) return result;
        foreach (var pod in pods.Where(p => !ObjectMeta.IsDeleting(p)))
        {
            var name = ObjectMeta.Name(pod);
            if (ServerJson.Str(recorded, name) is not { } at || !DateTimeOffset.TryParse(at, System.Globalization.CultureInfo.InvariantCulture, out var when)) continue;
            if (when + DeletionTimeout >= now) result[name] = at;
        }
        return result;
    }

    internal static bool IsReady(JsonObject pod) =>
        (ServerJson.Arr(ServerJson.Obj(pod, "status"), "conditions") ?? []).OfType<JsonObject>()
            .Any(c => ServerJson.Str(c, "type") == "Ready" && ServerJson.Str(c, "status") == "True");

    /// <summary>failSafe: disruptionsAllowed 0 and DisruptionAllowed False SyncFailed with the error; the rest as it was.</summary>
    private JsonObject FailSafe(JsonObject pdb, string message)
    {
        var status = (JsonObject?)ServerJson.Obj(pdb, "status")?.DeepClone() ?? PodDisruptionBudgetStrategy.ZeroStatus();
        status["disruptionsAllowed"] = 0;
        status["conditions"] = CurrentConditions(pdb);
        var observed = ServerJson.Long(status["observedGeneration"]) ?? 0;
        SetCondition(status, "False", "SyncFailed", message, observed, ObjectMeta.Timestamp(store.Now));
        return status;
    }

    private static JsonArray CurrentConditions(JsonObject pdb) =>
        (JsonArray?)ServerJson.Arr(ServerJson.Obj(pdb, "status"), "conditions")?.DeepClone() ?? [];

    /// <summary>pdbhelper.UpdateDisruptionAllowedCondition: True SufficientPods when a disruption is allowed, else False InsufficientPods.</summary>
    internal static void SetAllowedCondition(JsonObject status, bool allowed, long observedGeneration, string now) =>
        SetCondition(status, allowed ? "True" : "False", allowed ? "SufficientPods" : "InsufficientPods", "", observedGeneration, now);

    /// <summary>meta.SetStatusCondition on DisruptionAllowed: lastTransitionTime moves only when the status changes.</summary>
    private static void SetCondition(JsonObject status, string value, string reason, string message, long observedGeneration, string now)
    {
        var conditions = ServerJson.Arr(status, "conditions") ?? [];
        var existing = conditions.OfType<JsonObject>().FirstOrDefault(c => ServerJson.Str(c, "type") == "DisruptionAllowed");
        var transition = existing is not null && ServerJson.Str(existing, "status") == value ? ServerJson.Str(existing, "lastTransitionTime") ?? now : now;
        var condition = new JsonObject { ["type"] = "DisruptionAllowed", ["status"] = value };
        if (observedGeneration != 0) condition["observedGeneration"] = observedGeneration;
        condition["lastTransitionTime"] = transition;
        condition["reason"] = reason;
        condition["message"] = message;
        if (existing is not null) conditions[conditions.IndexOf(existing)] = condition;
        else conditions.Add(condition);
        status["conditions"] = conditions;
    }
}

/// <summary>Why a budget's status could not be computed (the controller's trySync error, shown in the SyncFailed condition).</summary>
internal sealed class DisruptionSyncException(string message) : Exception(message);
