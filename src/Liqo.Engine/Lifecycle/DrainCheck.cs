using System.Text.Json.Nodes;
using Liqo.Engine.Info;
using Liqo.Engine.Resources;

namespace Liqo.Engine.Lifecycle;

/// <summary>
/// Whether the pods on the virtual nodes can leave, checked before anything is written: every pod must have a controller
/// that makes it again elsewhere (kubectl drain refuses bare pods too), at most one PodDisruptionBudget may select each
/// (the eviction API refuses a pod with several), and the consumer's other schedulable nodes must have room for their
/// requests (cpu, memory, pods). A budget that allows no disruption now is not a refusal: the evictions wait for it
/// (<see cref="Holding"/>).
/// </summary>
internal static class DrainCheck
{
    public static IReadOnlyList<DrainBlocker> Check(IReadOnlyList<JsonObject> leaving, IReadOnlyList<JsonObject> allPods,
        IReadOnlyList<JsonObject> nodes, IReadOnlyList<JsonObject> budgets, IReadOnlySet<string> virtualNodes)
    {
        var blockers = new List<DrainBlocker>();
        var bare = leaving.Where(p => !InfoJson.Objects(p["metadata"]?["ownerReferences"]).Any(o => InfoJson.Bool(o["controller"]))).ToList();
        if (bare.Count > 0)
            blockers.Add(new DrainBlocker(ErrorIds.DrainBlocked,
                $"pods without a controller would not be made again elsewhere: {Names(bare)}",
                "Delete them, or run them from a Deployment or another controller, then run the command again."));

        // the eviction API answers 500 for a pod two budgets select, however long one waits
        var overlapping = leaving.Select(p => (Pod: p, Budgets: Selecting(budgets, p).ToList())).Where(x => x.Budgets.Count > 1).ToList();
        if (overlapping.Count > 0)
            blockers.Add(new DrainBlocker(ErrorIds.DrainBlocked,
                "more than one PodDisruptionBudget selects " + string.Join(", ", overlapping.Select(x =>
                    $"{x.Pod.Namespace()}/{x.Pod.Name()} ({string.Join(", ", x.Budgets.Select(b => b.Name()))})")) +
                ", which the eviction API refuses",
                "Leave one PodDisruptionBudget per pod (kubectl get pdb -A), then run the command again."));

        var (cpu, memory, pods) = (Sum(leaving, "cpu"), Sum(leaving, "memory"), (decimal)leaving.Count);
        var targets = nodes.Where(n => !virtualNodes.Contains(n.Name()) && !InfoJson.Bool(n["spec"]?["unschedulable"])
                                      && n.Label(LiqoConstants.VirtualNodeTypeLabel) != "virtual-node").ToList();
        decimal FreeOf(string resource) => targets.Sum(n =>
            ResourceAmount.Parse(InfoJson.StrOrNull(n["status"]?["allocatable"]?[resource]))
            - (resource == "pods" ? allPods.Count(p => OnNode(p, n.Name())) : Sum(allPods.Where(p => OnNode(p, n.Name())), resource)));
        var short_ = new List<string>();
        if (cpu > FreeOf("cpu")) short_.Add($"cpu: {cpu} requested, {FreeOf("cpu")} free");
        if (memory > FreeOf("memory")) short_.Add($"memory: {memory} bytes requested, {FreeOf("memory")} free");
        if (pods > FreeOf("pods")) short_.Add($"pods: {pods} to move, room for {FreeOf("pods")}");
        if (leaving.Count > 0 && short_.Count > 0)
            blockers.Add(new DrainBlocker(ErrorIds.DrainNoRoom,
                $"the other schedulable nodes ({(targets.Count == 0 ? "none" : string.Join(", ", targets.Select(n => n.Name())))}) have no room for them: {string.Join("; ", short_)}",
                "Add nodes or free room on this cluster (kubectl describe nodes), or scale the workloads down, then run the command again."));
        return blockers;
    }

    public static bool Finished(JsonObject pod) => InfoJson.Str(pod["status"]?["phase"]) is "Succeeded" or "Failed";

    private static bool OnNode(JsonObject pod, string node) => InfoJson.Str(pod["spec"]?["nodeName"]) == node && !Finished(pod);

    private static string Names(IEnumerable<JsonObject> pods) => string.Join(", ", pods.Select(p => $"{p.Namespace()}/{p.Name()}"));

    private static decimal Sum(IEnumerable<JsonObject> pods, string resource) =>
        pods.Sum(p => InfoJson.Objects(p["spec"]?["containers"]).Sum(c => ResourceAmount.Parse(InfoJson.StrOrNull(c["resources"]?["requests"]?[resource]))));

    /// <summary>The budgets that select a pod: in its namespace, with a selector that matches its labels.</summary>
    public static IEnumerable<JsonObject> Selecting(IReadOnlyList<JsonObject> budgets, JsonObject pod) =>
        budgets.Where(b => b.Namespace() == pod.Namespace() && Matches(b["spec"]?["selector"] as JsonObject, pod));

    /// <summary>
    /// The budgets that select leaving pods and, by the disruption controller's count, allow no disruption now: each with
    /// what it needs and has and the pods it holds back. Evictions of those pods wait for the budget (kubectl drain does
    /// the same), so these are said, not refused: the budget may allow them once the first evicted pods run elsewhere.
    /// </summary>
    public static IReadOnlyList<string> Holding(IReadOnlyList<JsonObject> leaving, IReadOnlyList<JsonObject> budgets) =>
        budgets.Select(b => (Budget: b, Pods: leaving.Where(p => Selecting([b], p).Any()).ToList()))
            .Where(x => x.Pods.Count > 0 && x.Budget["status"]?["observedGeneration"] is not null && InfoJson.Int(x.Budget["status"]?["disruptionsAllowed"]) <= 0)
            .Select(x => $"the PodDisruptionBudget {x.Budget.Namespace()}/{x.Budget.Name()} allows no disruption now (it needs " +
                         $"{InfoJson.Int(x.Budget["status"]?["desiredHealthy"])} healthy pods and has {InfoJson.Int(x.Budget["status"]?["currentHealthy"])}): " +
                         $"evicting {Names(x.Pods)} waits for it")
            .ToList();

    /// <summary>A LabelSelector (matchLabels, matchExpressions In/NotIn/Exists/DoesNotExist) against a pod's labels; an empty selector matches all.</summary>
    private static bool Matches(JsonObject? selector, JsonObject pod)
    {
        if (selector is null) return false;
        foreach (var (k, v) in selector["matchLabels"] as JsonObject ?? [])
            if (pod.Label(k) != InfoJson.Str(v)) return false;
        foreach (var e in InfoJson.Objects(selector["matchExpressions"]))
        {
            var value = pod.Label(InfoJson.Str(e["key"]));
            var values = InfoJson.Strings(e["values"]) ?? [];
            var ok = InfoJson.Str(e["operator"]) switch
            {
                "In" => value is not null && values.Contains(value),
                "NotIn" => value is null || !values.Contains(value),
                "Exists" => value is not null,
                "DoesNotExist" => value is null,
                _ => false,
            };
            if (!ok) return false;
        }
        return true;
    }
}
