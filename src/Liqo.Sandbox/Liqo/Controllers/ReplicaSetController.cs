using System.Text.Json.Nodes;
using Liqo.Sandbox.Liqo.Runtime;

namespace Liqo.Sandbox.Liqo.Controllers;

/// <summary>
/// kube-controller-manager's replicaset controller: keeps spec.replicas active pods (not Succeeded or Failed) per
/// ReplicaSet, created with generateName &lt;replicaset&gt;- from the template and owned by the ReplicaSet; deletes the
/// surplus (unscheduled first, then not Ready, then the youngest); a Failed pod stays and is replaced, as for real
/// (the pod garbage collector's terminated-pod threshold is far away). Status: replicas, fullyLabeledReplicas,
/// readyReplicas, availableReplicas (minReadySeconds 0), observedGeneration. SuccessfulCreate/SuccessfulDelete events.
/// </summary>
internal sealed class ReplicaSetController(LiqoControlPlane plane) : LiqoController(plane)
{
    public override string Name => "replicaset-controller";
    public override string Component => "replicaset-controller";

    protected override void Reconcile()
    {
        var replicaSets = List(Kind.ReplicaSet);
        if (replicaSets.Count == 0) return;
        var podsByOwner = List(Kind.Pod).Where(p => !Obj.Deleting(p))
            .GroupBy(p => DeploymentController.ControllerUid(p) ?? "").ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        foreach (var rs in replicaSets)
        {
            if (Obj.Deleting(rs)) continue;
            var pods = podsByOwner.TryGetValue(Obj.Uid(rs), out var list) ? list : [];
            Sync(rs, pods);
        }
    }

    private void Sync(JsonObject rs, List<JsonObject> pods)
    {
        var ns = Obj.Ns(rs);
        var replicas = (int)(Obj.Long(rs, "spec", "replicas") ?? 1);
        var active = pods.Where(p => !PodStatuses.IsTerminal(p)).ToList();
        for (var i = active.Count; i < replicas; i++)
        {
            if (!Due(rs, "pod")) break;
            if (Create(Kind.Pod, ns, NewPod(rs)) is not { } created) break;
            active.Add(created);
            Event(rs, "Normal", "SuccessfulCreate", $"Created pod: {Obj.Name(created)}");
        }
        if (active.Count > replicas)
        {
            var surplus = active
                .OrderBy(p => string.IsNullOrEmpty(Obj.Str(p, "spec", "nodeName")) ? 0 : 1)
                .ThenBy(p => PodStatuses.IsReady(p) ? 1 : 0)
                .ThenByDescending(p => Obj.Str(p, "metadata", "creationTimestamp"), StringComparer.Ordinal)
                .Take(active.Count - replicas).ToList();
            foreach (var pod in surplus)
            {
                if (!Delete(Kind.Pod, ns, Obj.Name(pod))) continue;
                active.Remove(pod);
                Event(rs, "Normal", "SuccessfulDelete", $"Deleted pod: {Obj.Name(pod)}");
            }
        }
        var ready = active.Count(PodStatuses.IsReady);
        var status = new JsonObject { ["replicas"] = active.Count };
        if (active.Count > 0) status["fullyLabeledReplicas"] = active.Count;
        if (ready > 0)
        {
            status["readyReplicas"] = ready;
            status["availableReplicas"] = ready;
        }
        status["observedGeneration"] = Obj.Generation(rs);
        if (JsonNode.DeepEquals(Obj.Object(rs, "status"), status)) return;
        rs["status"] = status;
        UpdateStatus(Kind.ReplicaSet, rs);
    }

    private static JsonObject NewPod(JsonObject rs)
    {
        var template = Obj.Object(rs, "spec", "template");
        var metadata = new JsonObject
        {
            ["generateName"] = Obj.Name(rs) + "-",
            ["labels"] = Obj.Object(template, "metadata", "labels")?.DeepClone() ?? new JsonObject(),
            ["ownerReferences"] = new JsonArray(Obj.OwnerRef(rs, controller: true)),
        };
        if (Obj.Object(template, "metadata", "annotations") is { Count: > 0 } annotations) metadata["annotations"] = annotations.DeepClone();
        return new JsonObject
        {
            ["metadata"] = metadata,
            ["spec"] = Obj.Object(template, "spec")?.DeepClone() ?? new JsonObject(),
        };
    }
}
