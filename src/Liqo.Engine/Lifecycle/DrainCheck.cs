using System.Text.Json.Nodes;
using Liqo.Engine.Info;
using Liqo.Engine.Resources;

namespace Liqo.Engine.Lifecycle;

/// <summary>
/// Whether the pods on the virtual nodes can leave, checked before anything is written: every pod must have a controller
/// that makes it again elsewhere (kubectl drain refuses bare pods too), no PodDisruptionBudget that selects one may forbid
/// a disruption now (status.disruptionsAllowed, else computed from its spec and the Ready pods it selects), and the
/// consumer's other schedulable nodes must have room for their requests (cpu, memory, pods).
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

        foreach (var pdb in budgets)
        {
            var ns = pdb.Namespace();
            var selected = allPods.Where(p => p.Namespace() == ns && !Finished(p) && Matches(pdb["spec"]?["selector"] as JsonObject, p)).ToList();
            var moving = selected.Where(p => leaving.Contains(p)).ToList();
            if (moving.Count == 0) continue;
            var allowed = Allowed(pdb, selected);
            if (allowed <= 0)
                blockers.Add(new DrainBlocker(ErrorIds.DrainBlocked,
                    $"the PodDisruptionBudget {ns}/{pdb.Name()} allows no disruption now ({allowed} allowed) and selects {Names(moving)}",
                    $"Make room in the budget (kubectl get pdb -n {ns} {pdb.Name()} -o yaml: more replicas, or a lower minAvailable), then run the command again."));
        }

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

    /// <summary>disruptionsAllowed from the status the disruption controller keeps; without it, from the spec and the Ready pods.</summary>
    private static long Allowed(JsonObject pdb, IReadOnlyList<JsonObject> selected)
    {
        if (pdb["status"]?["observedGeneration"] is not null && pdb["status"]?["disruptionsAllowed"] is { } d) return InfoJson.Int(d);
        var expected = selected.Count;
        var healthy = selected.Count(p => p.Condition("Ready") is { } c && InfoJson.Str(c["status"]) == "True");
        long Amount(JsonNode? v) => v is JsonValue jv && jv.TryGetValue<string>(out var s) && s.EndsWith('%')
            ? (long)Math.Ceiling(expected * decimal.Parse(s.TrimEnd('%'), System.Globalization.CultureInfo.InvariantCulture) / 100m)
            : InfoJson.Int(v);
        var spec = pdb["spec"];
        if (spec?["minAvailable"] is { } min) return healthy - Amount(min);
        if (spec?["maxUnavailable"] is { } max) return Amount(max) - (expected - healthy);
        return healthy > 0 ? 1 : 0;
    }

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
