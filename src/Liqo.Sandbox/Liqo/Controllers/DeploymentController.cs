using System.Globalization;
using System.Text.Json.Nodes;
using Liqo.Sandbox.Liqo.Runtime;

namespace Liqo.Sandbox.Liqo.Controllers;

/// <summary>
/// kube-controller-manager's deployment controller, for user Deployments (those outside the Liqo namespace and the
/// tenant namespaces, which <see cref="WorkloadController"/> runs): one ReplicaSet per pod template,
/// &lt;deployment&gt;-&lt;pod-template-hash&gt;, owned by the Deployment, with the hash in its labels, selector and
/// template; the current one scaled to spec.replicas and older ones to 0 (at once: the sandbox does not stage a rolling
/// update); the revision annotations; the status (replicas, updated, ready, available, unavailable, Available and
/// Progressing) summed from the ReplicaSets' status; ScalingReplicaSet events.
/// </summary>
internal sealed class DeploymentController(LiqoControlPlane plane) : LiqoController(plane)
{
    private const string RevisionAnnotation = "deployment.kubernetes.io/revision";

    public override string Name => "deployment-controller";
    public override string Component => "deployment-controller";

    protected override void Reconcile()
    {
        var deployments = List(Kind.Deployment).Where(d => !Obj.Deleting(d) && !IsLiqoNamespace(Obj.Ns(d))).ToList();
        if (deployments.Count == 0) return;
        var replicaSets = List(Kind.ReplicaSet);
        foreach (var deploy in deployments)
        {
            var owned = replicaSets.Where(rs => Obj.Ns(rs) == Obj.Ns(deploy) && ControllerUid(rs) == Obj.Uid(deploy)).ToList();
            Sync(deploy, owned);
        }
    }

    /// <summary>Whether Liqo's own workloads live there (the Liqo namespace, tenant namespaces).</summary>
    private bool IsLiqoNamespace(string ns) =>
        ns == Options.Namespace || Get(Kind.Namespace, null, ns) is { } n && Obj.Label(n, LiqoLabels.TenantNamespace) is not null;

    internal static string? ControllerUid(JsonObject o) =>
        (Obj.Array(o, "metadata", "ownerReferences") ?? []).OfType<JsonObject>()
            .FirstOrDefault(r => r["controller"] is JsonValue v && v.TryGetValue<bool>(out var b) && b) is { } found
            ? Obj.Str(found, "uid") : null;

    private void Sync(JsonObject deploy, List<JsonObject> owned)
    {
        var ns = Obj.Ns(deploy);
        var replicas = (int)(Obj.Long(deploy, "spec", "replicas") ?? 1);
        var template = Obj.Object(deploy, "spec", "template");
        var hash = PodTemplateHash.Of(template);
        var rsName = $"{Obj.Name(deploy)}-{hash}";
        var current = owned.FirstOrDefault(rs => Obj.Label(rs, "pod-template-hash") == hash);
        var revision = owned.Select(rs => long.TryParse(Obj.Annotation(rs, RevisionAnnotation), out var r) ? r : 0).DefaultIfEmpty(0).Max();
        if (current is null)
        {
            if (!Due(deploy, "rs/" + hash)) return;
            current = Create(Kind.ReplicaSet, ns, NewReplicaSet(deploy, rsName, hash, replicas, revision + 1));
            if (current is null) return;
            Event(deploy, "Normal", "ScalingReplicaSet", $"Scaled up replica set {rsName} from 0 to {replicas}");
            owned.Add(current);
        }
        else if (Obj.Long(current, "spec", "replicas") != replicas)
        {
            var from = Obj.Long(current, "spec", "replicas") ?? 0;
            Obj.Set(current, replicas, "spec", "replicas");
            Obj.SetAnnotation(current, "deployment.kubernetes.io/desired-replicas", replicas.ToString(CultureInfo.InvariantCulture));
            if (Update(Kind.ReplicaSet, current) is null) return;
            Event(deploy, "Normal", "ScalingReplicaSet", $"Scaled {(replicas > from ? "up" : "down")} replica set {rsName} from {from} to {replicas}");
        }
        foreach (var old in owned.Where(rs => rs != current && (Obj.Long(rs, "spec", "replicas") ?? 0) > 0))
        {
            var from = Obj.Long(old, "spec", "replicas");
            Obj.Set(old, 0, "spec", "replicas");
            if (Update(Kind.ReplicaSet, old) is not null)
                Event(deploy, "Normal", "ScalingReplicaSet", $"Scaled down replica set {Obj.Name(old)} from {from} to 0");
        }
        var currentRevision = Obj.Annotation(current, RevisionAnnotation);
        if (currentRevision is not null && Obj.Annotation(deploy, RevisionAnnotation) != currentRevision)
        {
            Obj.SetAnnotation(deploy, RevisionAnnotation, currentRevision);
            deploy = Update(Kind.Deployment, deploy) ?? deploy;
        }
        UpdateStatus(deploy, current, owned, replicas);
    }

    private static JsonObject NewReplicaSet(JsonObject deploy, string name, string hash, int replicas, long revision)
    {
        var template = Obj.Object(deploy, "spec", "template")?.DeepClone().AsObject() ?? new JsonObject();
        var templateMeta = template["metadata"] as JsonObject ?? new JsonObject();
        template["metadata"] = templateMeta;
        var labels = templateMeta["labels"]?.DeepClone().AsObject() ?? new JsonObject();
        labels["pod-template-hash"] = hash;
        templateMeta["labels"] = labels.DeepClone();
        var selector = Obj.Object(deploy, "spec", "selector")?.DeepClone().AsObject() ?? new JsonObject();
        var matchLabels = selector["matchLabels"] as JsonObject ?? new JsonObject();
        matchLabels["pod-template-hash"] = hash;
        selector["matchLabels"] = matchLabels;
        var spec = new JsonObject
        {
            ["replicas"] = replicas,
            ["selector"] = selector,
            ["template"] = template,
        };
        if (Obj.Long(deploy, "spec", "minReadySeconds") is { } minReady) spec["minReadySeconds"] = minReady;
        return new JsonObject
        {
            ["metadata"] = new JsonObject
            {
                ["name"] = name,
                ["labels"] = labels,
                ["annotations"] = new JsonObject
                {
                    ["deployment.kubernetes.io/desired-replicas"] = replicas.ToString(CultureInfo.InvariantCulture),
                    ["deployment.kubernetes.io/max-replicas"] = (replicas + (int)Math.Ceiling(replicas * 0.25)).ToString(CultureInfo.InvariantCulture),
                    [RevisionAnnotation] = revision.ToString(CultureInfo.InvariantCulture),
                },
                ["ownerReferences"] = new JsonArray(Obj.OwnerRef(deploy, controller: true)),
            },
            ["spec"] = spec,
        };
    }

    private void UpdateStatus(JsonObject deploy, JsonObject current, List<JsonObject> owned, int replicas)
    {
        long Sum(string field) => owned.Sum(rs => Obj.Long(rs, "status", field) ?? 0);
        var total = Sum("replicas");
        var updated = Obj.Long(current, "status", "replicas") ?? 0;
        var ready = Sum("readyReplicas");
        var available = Sum("availableReplicas");
        var specTotal = owned.Sum(rs => Obj.Long(rs, "spec", "replicas") ?? 0);
        var status = new JsonObject { ["observedGeneration"] = Obj.Generation(deploy) };
        if (total > 0) status["replicas"] = total;
        if (updated > 0) status["updatedReplicas"] = updated;
        if (ready > 0) status["readyReplicas"] = ready;
        if (available > 0) status["availableReplicas"] = available;
        if (specTotal - available > 0) status["unavailableReplicas"] = specTotal - available;

        var old = Obj.Object(deploy, "status") ?? new JsonObject();
        var now = Now;
        var holder = new JsonObject { ["conditions"] = Obj.Array(old, "conditions")?.DeepClone() ?? new JsonArray() };
        var isAvailable = available >= replicas - MaxUnavailable(deploy, replicas);
        Obj.SetCondition(holder, "conditions", "Available", isAvailable ? "True" : "False",
            isAvailable ? "MinimumReplicasAvailable" : "MinimumReplicasUnavailable",
            isAvailable ? "Deployment has minimum availability." : "Deployment does not have minimum availability.", now);
        var rsName = Obj.Name(current);
        var complete = updated == replicas && available >= replicas && total == replicas;
        Obj.SetCondition(holder, "conditions", "Progressing", "True", complete ? "NewReplicaSetAvailable" : "ReplicaSetUpdated",
            complete ? $"ReplicaSet \"{rsName}\" has successfully progressed." : $"ReplicaSet \"{rsName}\" is progressing.", now);
        foreach (var c in Obj.Array(holder, "conditions")!.OfType<JsonObject>()) c["lastUpdateTime"] ??= c["lastTransitionTime"]?.DeepClone();
        status["conditions"] = holder["conditions"]!.DeepClone();
        if (JsonNode.DeepEquals(WithoutTimes(old), WithoutTimes(status))) return;
        deploy["status"] = status;
        UpdateStatus(Kind.Deployment, deploy);
    }

    /// <summary>spec.strategy.rollingUpdate.maxUnavailable as a count (a percentage rounds down); 0 for Recreate.</summary>
    private static int MaxUnavailable(JsonObject deploy, int replicas)
    {
        if (Obj.Str(deploy, "spec", "strategy", "type") == "Recreate") return 0;
        var value = Obj.At(deploy, "spec", "strategy", "rollingUpdate", "maxUnavailable");
        if (value is JsonValue v && v.TryGetValue<int>(out var n)) return n;
        var text = value?.ToString() ?? "25%";
        return text.EndsWith('%') && int.TryParse(text[..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var pct)
            ? replicas * pct / 100 : 0;
    }

    /// <summary>The status without condition timestamps (what changes it).</summary>
    internal static JsonObject WithoutTimes(JsonObject status)
    {
        var copy = status.DeepClone().AsObject();
        foreach (var c in (Obj.Array(copy, "conditions") ?? []).OfType<JsonObject>())
        {
            c.Remove("lastUpdateTime");
            c.Remove("lastTransitionTime");
        }
        return copy;
    }
}
