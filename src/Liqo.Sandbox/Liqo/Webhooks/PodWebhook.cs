using System.Text.Json.Nodes;
using Liqo.Sandbox.ApiServer.Storage;
using Liqo.Sandbox.Liqo.Runtime;

namespace Liqo.Sandbox.Liqo.Webhooks;

/// <summary>
/// The pod mutating webhook (pkg/webhooks/pod, pod.mutate.liqo.io): on CREATE of a pod in a namespace labelled
/// liqo.io/scheduling-enabled=true it reads the namespace's NamespaceOffloading (missing → 500 "failed retrieving
/// NamespaceOffloading") and, unless the strategy is Local or the pod has runtime class liqo, adds the toleration
/// virtual-node.liqo.io/not-allowed Exists NoExecute and the required node affinity of the strategy: Remote → the cluster
/// selector's terms (or one empty term) each with liqo.io/type In [virtual-node]; LocalAndRemote → none without cluster
/// selector, else its terms plus one term liqo.io/type NotIn [virtual-node]. An affinity the pod already has is merged
/// as Liqo's MergeNodeSelector does (every pod term ANDed with every imposed term, match expressions only).
/// </summary>
internal sealed class PodWebhook(LiqoControlPlane plane) : LiqoWebhook(plane)
{
    private const string Name = "pod.mutate.liqo.io";
    private const string LiqoRuntimeClass = "liqo";

    public override Kind Kind => Kind.Pod;

    protected override void Admit(AdmissionRequest request)
    {
        if (request.Operation != "CREATE") return;
        if (Plane.Get(Kind.Namespace, null, request.Namespace) is not { } ns || Obj.Label(ns, LiqoLabels.SchedulingEnabled) != "true") return;
        var nsoff = Plane.Get(Kind.NamespaceOffloading, request.Namespace, LiqoLabels.NamespaceOffloadingName)
            ?? throw Errored(Name, 500, "failed retrieving NamespaceOffloading");
        var strategy = Obj.Str(nsoff, "spec", "podOffloadingStrategy") ?? "";
        if (strategy == "Local") return;
        var pod = request.Object;
        if (Obj.Str(pod, "spec", "runtimeClassName") == LiqoRuntimeClass) return;
        if (strategy is not ("Remote" or "LocalAndRemote")) throw Errored(Name, 500, "failed constructing pod mutation");

        var spec = ApiServer.ServerJson.Ensure(pod, "spec");
        if (spec["tolerations"] is not JsonArray tolerations)
        {
            tolerations = [];
            spec["tolerations"] = tolerations;
        }
        tolerations.Add(new JsonObject { ["key"] = LiqoLabels.VirtualNodeTolerationKey, ["operator"] = "Exists", ["effect"] = "NoExecute" });

        if (ImposedSelector(strategy, Obj.Object(nsoff, "spec", "clusterSelector")) is not { } imposed) return;
        var affinity = ApiServer.ServerJson.Ensure(spec, "affinity");
        var nodeAffinity = ApiServer.ServerJson.Ensure(affinity, "nodeAffinity");
        var existingTerms = Obj.Array(nodeAffinity, "requiredDuringSchedulingIgnoredDuringExecution", "nodeSelectorTerms");
        if (existingTerms is not { Count: > 0 })
        {
            nodeAffinity["requiredDuringSchedulingIgnoredDuringExecution"] = imposed;
            return;
        }
        var merged = new JsonArray();
        foreach (var first in existingTerms.OfType<JsonObject>())
            foreach (var second in (Obj.Array(imposed, "nodeSelectorTerms") ?? []).OfType<JsonObject>())
            {
                var expressions = new JsonArray();
                foreach (var e in (Obj.Array(first, "matchExpressions") ?? []).Concat(Obj.Array(second, "matchExpressions") ?? [])) expressions.Add(e?.DeepClone());
                merged.Add(expressions.Count > 0 ? new JsonObject { ["matchExpressions"] = expressions } : new JsonObject());
            }
        nodeAffinity["requiredDuringSchedulingIgnoredDuringExecution"] = new JsonObject { ["nodeSelectorTerms"] = merged };
    }

    /// <summary>createNodeSelectorFromNamespaceOffloading: the selector the strategy imposes, or null for none.</summary>
    private static JsonObject? ImposedSelector(string strategy, JsonObject? clusterSelector)
    {
        var terms = (Obj.Array(clusterSelector, "nodeSelectorTerms") ?? []).Select(t => t?.DeepClone()).OfType<JsonObject>().ToList();
        if (strategy == "Remote")
        {
            if (terms.Count == 0) terms.Add(new JsonObject());
            foreach (var term in terms)
            {
                if (term["matchExpressions"] is not JsonArray expressions)
                {
                    expressions = [];
                    term["matchExpressions"] = expressions;
                }
                expressions.Add(Requirement("In"));
            }
        }
        else
        {
            if (terms.Count == 0) return null;
            terms.Add(new JsonObject { ["matchExpressions"] = new JsonArray(Requirement("NotIn")) });
        }
        return new JsonObject { ["nodeSelectorTerms"] = new JsonArray([.. terms]) };
    }

    private static JsonObject Requirement(string op) => new()
    {
        ["key"] = LiqoLabels.Type, ["operator"] = op, ["values"] = new JsonArray("virtual-node"),
    };
}
