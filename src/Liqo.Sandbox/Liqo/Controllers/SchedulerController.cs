using System.Globalization;
using System.Text.Json.Nodes;
using Liqo.Sandbox.Liqo.Runtime;

namespace Liqo.Sandbox.Liqo.Controllers;

/// <summary>
/// kube-scheduler (default-scheduler) for pods without spec.nodeName and without scheduling gates. A node fits when it
/// is Ready, not cordoned (spec.unschedulable, unless tolerated), every NoSchedule/NoExecute taint is tolerated (the
/// virtual node's virtual-node.liqo.io/not-allowed=true:NoExecute keeps pods away unless Liqo's webhook added the
/// toleration), spec.nodeSelector matches, a required node affinity term matches and it has room (status.allocatable
/// pods). Among fitting nodes it takes the one with the lowest share of its pod capacity in use (then the name), so
/// replicas spread as the least-allocated score spreads them. Binding sets spec.nodeName and PodScheduled True (event
/// Scheduled); a pod that fits nowhere gets PodScheduled False, reason Unschedulable, with the scheduler's message
/// (event FailedScheduling), and is retried on every change.
/// </summary>
internal sealed class SchedulerController(LiqoControlPlane plane) : LiqoController(plane)
{
    public override string Name => "scheduler";
    public override string Component => "default-scheduler";

    protected override void Reconcile()
    {
        var allPods = List(Kind.Pod);
        var pending = allPods.Where(p => string.IsNullOrEmpty(Obj.Str(p, "spec", "nodeName")) && !Obj.Deleting(p)
            && !PodStatuses.IsTerminal(p) && (Obj.Str(p, "spec", "schedulerName") ?? "default-scheduler") == "default-scheduler"
            && Obj.Array(p, "spec", "schedulingGates") is not { Count: > 0 }).ToList();
        if (pending.Count == 0) return;
        var nodes = List(Kind.Node).Where(n => !Obj.Deleting(n)).OrderBy(Obj.Name, StringComparer.Ordinal).ToList();
        var load = nodes.ToDictionary(Obj.Name, n => allPods.Count(p => Obj.Str(p, "spec", "nodeName") == Obj.Name(n) && !PodStatuses.IsTerminal(p)),
            StringComparer.Ordinal);
        foreach (var pod in pending.OrderBy(p => Obj.Str(p, "metadata", "creationTimestamp"), StringComparer.Ordinal))
        {
            if (!Due(pod, "schedule")) continue;
            var reasons = new Dictionary<string, int>(StringComparer.Ordinal);
            var fitting = new List<JsonObject>();
            foreach (var node in nodes)
            {
                if (Misfit(pod, node, load[Obj.Name(node)]) is { } why) reasons[why] = reasons.GetValueOrDefault(why) + 1;
                else fitting.Add(node);
            }
            if (fitting.Count == 0)
            {
                MarkUnschedulable(pod, nodes.Count, reasons);
                continue;
            }
            var chosen = fitting.OrderBy(n => (double)load[Obj.Name(n)] / Math.Max(1, PodCapacity(n))).First();
            Bind(pod, Obj.Name(chosen));
            load[Obj.Name(chosen)]++;
        }
    }

    private static long PodCapacity(JsonObject node) =>
        long.TryParse(Obj.Str(node, "status", "allocatable", "pods"), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 110;

    /// <summary>Why the node does not fit the pod (the scheduler's words), or null when it fits.</summary>
    private static string? Misfit(JsonObject pod, JsonObject node, int podsOnNode)
    {
        var tolerations = (Obj.Array(pod, "spec", "tolerations") ?? []).OfType<JsonObject>().ToList();
        if (Obj.At(node, "spec", "unschedulable") is JsonValue u && u.TryGetValue<bool>(out var cordoned) && cordoned
            && !Tolerated(tolerations, "node.kubernetes.io/unschedulable", "", "NoSchedule"))
            return "node(s) were unschedulable";
        if (Obj.Condition(Obj.Array(node, "status", "conditions"), "Ready") is not { } ready || Obj.Str(ready, "status") != "True")
            return "node(s) had untolerated taint {node.kubernetes.io/not-ready: }";
        foreach (var taint in (Obj.Array(node, "spec", "taints") ?? []).OfType<JsonObject>())
        {
            var effect = Obj.Str(taint, "effect") ?? "";
            if (effect is not ("NoSchedule" or "NoExecute")) continue;
            var key = Obj.Str(taint, "key") ?? "";
            var value = Obj.Str(taint, "value") ?? "";
            if (!Tolerated(tolerations, key, value, effect)) return $"node(s) had untolerated taint {{{key}: {value}}}";
        }
        var labels = NodeSelectors.LabelsOf(node);
        if (!LabelSelectors.MatchesMap(Obj.Object(pod, "spec", "nodeSelector"), labels)) return "node(s) didn't match Pod's node affinity/selector";
        if (Obj.Object(pod, "spec", "affinity", "nodeAffinity", "requiredDuringSchedulingIgnoredDuringExecution") is { } required
            && !FitsAffinity(required, node, labels))
            return "node(s) didn't match Pod's node affinity/selector";
        if (podsOnNode >= PodCapacity(node)) return "Too many pods";
        return null;
    }

    private static bool FitsAffinity(JsonObject required, JsonObject node, IReadOnlyDictionary<string, string> labels)
    {
        try
        {
            return NodeSelectors.Matches(required, Obj.Name(node), labels);
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>v1.Toleration.ToleratesTaint: key (empty with Exists matches any), operator Equal (default) or Exists, effect (empty matches any).</summary>
    internal static bool Tolerated(List<JsonObject> tolerations, string key, string value, string effect) =>
        tolerations.Any(t =>
        {
            var tEffect = Obj.Str(t, "effect") ?? "";
            if (tEffect.Length > 0 && tEffect != effect) return false;
            var tKey = Obj.Str(t, "key") ?? "";
            var op = Obj.Str(t, "operator") ?? "Equal";
            if (tKey.Length == 0) return op == "Exists";
            if (tKey != key) return false;
            return op == "Exists" || (op == "Equal" && (Obj.Str(t, "value") ?? "") == value);
        });

    private void Bind(JsonObject pod, string node)
    {
        Obj.Set(pod, node, "spec", "nodeName");
        if (Update(Kind.Pod, pod) is not { } bound) return;
        var holder = new JsonObject { ["conditions"] = Obj.Array(bound, "status", "conditions")?.DeepClone() ?? new JsonArray() };
        Obj.SetCondition(holder, "conditions", "PodScheduled", "True", null, null, Now);
        foreach (var c in Obj.Array(holder, "conditions")!.OfType<JsonObject>()) c["lastProbeTime"] ??= null;
        Obj.Set(bound, holder["conditions"]!.DeepClone(), "status", "conditions");
        UpdateStatus(Kind.Pod, bound);
        Event(bound, "Normal", "Scheduled", $"Successfully assigned {Obj.Ns(pod)}/{Obj.Name(pod)} to {node}");
    }

    private void MarkUnschedulable(JsonObject pod, int nodeCount, Dictionary<string, int> reasons)
    {
        var detail = string.Join(", ", reasons.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => $"{r.Value} {r.Key}"));
        var message = nodeCount == 0
            ? "no nodes available to schedule pods"
            : $"0/{nodeCount} nodes are available: {detail}. preemption: 0/{nodeCount} nodes are available: {nodeCount} Preemption is not helpful for scheduling.";
        if (Obj.Condition(Obj.Array(pod, "status", "conditions"), "PodScheduled") is { } was && Obj.Str(was, "status") == "False"
            && Obj.Str(was, "message") == message) return;
        var holder = new JsonObject { ["conditions"] = Obj.Array(pod, "status", "conditions")?.DeepClone() ?? new JsonArray() };
        Obj.SetCondition(holder, "conditions", "PodScheduled", "False", "Unschedulable", message, Now);
        foreach (var c in Obj.Array(holder, "conditions")!.OfType<JsonObject>()) c["lastProbeTime"] ??= null;
        Obj.Set(pod, holder["conditions"]!.DeepClone(), "status", "conditions");
        if (UpdateStatus(Kind.Pod, pod) is not null) Event(pod, "Warning", "FailedScheduling", message);
    }
}
