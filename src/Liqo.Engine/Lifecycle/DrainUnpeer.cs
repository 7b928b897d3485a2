using System.Text.Json.Nodes;
using Liqo.Engine.ClusterAccess;
using Liqo.Engine.Peering;
using Liqo.Engine.Resources;

namespace Liqo.Engine.Lifecycle;

/// <summary>
/// Remove-LiqoPeering -Drain: leaves a provider gracefully, in phases that each report a step (module Drain) and that a
/// second run goes on from. Check: the pods on the provider's virtual nodes can all leave (<see cref="DrainCheck"/>);
/// otherwise it stops before any write. Cordon: the virtual nodes become unschedulable (kubectl cordon) and the
/// provider's Tenant Cordoned (liqoctl cordon tenant). Drain: the pods on the virtual nodes are evicted through the
/// eviction API, which their PodDisruptionBudgets may hold back (then the run waits for the budget within -Timeout, as
/// kubectl drain does), for their controllers to make them again on the consumer's own nodes. Wait: until no pod is left on the virtual nodes, watching.
/// Then the Tenant becomes Drained (liqoctl drain tenant) and the peering is removed as liqoctl unpeer does.
/// </summary>
public static class DrainUnpeer
{
    /// <summary>policy/v1 PodDisruptionBudget; a cluster that does not serve it has none.</summary>
    internal static readonly ResourceKind PodDisruptionBudget = new("policy", "v1", "poddisruptionbudgets", "PodDisruptionBudget", true);

    public static async Task<UnpeerResult> RunAsync(Operation op, ClusterConnection consumer, ClusterConnection provider, UnpeerOptions o)
    {
        op.Attach(consumer, provider);
        var ct = op.Cancellation;
        var (consumerId, providerId) = await Unpeer.ReadClusterIdsAsync(consumer, provider, o.ExpectedProviderId, "drained or removed", ct)
            .ConfigureAwait(false);

        // check: before any write
        var nodes = (await consumer.Api.ListAsync(Kinds.Node, null, ct: ct).ConfigureAwait(false)).Items;
        var virtualNodes = nodes.Where(n => n.Label(LiqoConstants.VirtualNodeTypeLabel) == "virtual-node" && n.Label(LiqoConstants.RemoteClusterIdLabel) == providerId)
            .ToList();
        var names = virtualNodes.Select(n => n.Name()).ToHashSet(StringComparer.Ordinal);
        var allPods = (await consumer.Api.ListAsync(Kinds.Pod, null, ct: ct).ConfigureAwait(false)).Items;
        var leaving = allPods.Where(p => OnVirtualNode(p, names) && p["metadata"]?["deletionTimestamp"] is null).ToList();
        var budgets = await ListServedAsync(consumer, PodDisruptionBudget, ct).ConfigureAwait(false);
        var blockers = DrainCheck.Check(leaving, allPods, nodes, budgets, names);
        var where = names.Count == 0 ? "no virtual node" : $"virtual node(s) {string.Join(", ", names.Order(StringComparer.Ordinal))}";
        if (blockers.Count > 0)
            throw new LiqoException(blockers[0].ErrorId, LiqoErrorCategory.ResourceUnavailable, providerId,
                $"The offloaded pods cannot leave {where} of '{providerId}', so nothing was changed: " + string.Join("; ", blockers.Select(b => b.Reason)) + ".",
                string.Join(" ", blockers.Select(b => b.Remedy).Distinct(StringComparer.Ordinal)));
        foreach (var ns in leaving.Select(p => p.Namespace() ?? "").Distinct(StringComparer.Ordinal))
            await AccessCheck.RequireAsync(op, consumer, "create", Kinds.Pod, ns, null, "evicting the offloaded pods", "eviction").ConfigureAwait(false);
        op.Info(consumer, "Drain", "check", $"{leaving.Count} offloaded pod(s) on {where} can leave",
            $"{leaving.Count} offloaded pod(s) on {where} can leave");
        foreach (var note in DrainCheck.Holding(leaving, budgets))
            op.Warn(consumer, "Drain", "check", char.ToUpperInvariant(note[0]) + note[1..] + " (up to -Timeout)");

        // cordon
        foreach (var node in virtualNodes.Where(n => !Info.InfoJson.Bool(n["spec"]?["unschedulable"])))
            await ObjectWriter.CreateOrUpdateAsync(op, consumer, Kinds.Node, node, n =>
            {
                if (n["spec"] is not JsonObject spec) n["spec"] = spec = new JsonObject();
                spec["unschedulable"] = true;
            }, globalMetadata: false).ConfigureAwait(false);
        var tenant = await TenantConditionAsync(op, provider, consumerId).ConfigureAwait(false);
        if (tenant == TenantCondition.Active)
            await TenantCondition.SetAsync(op, provider, consumerId, null, TenantCondition.Transition.Cordon).ConfigureAwait(false);
        op.Info(consumer, "Drain", "cordon", $"Cordoned {where} and the tenant on the provider", $"Would cordon {where} and the tenant on the provider");

        // drain
        await EvictAllAsync(op, consumer, leaving).ConfigureAwait(false);
        op.Info(consumer, "Drain", "evict", $"Evicted {leaving.Count} pod(s) from {where}", $"Would evict {leaving.Count} pod(s) from {where}");

        // wait
        if (names.Count > 0)
        {
            await op.WaitAsync(consumer, Kinds.Pod, null, null, null,
                pods => pods.Any(p => OnVirtualNode(p, names)) ? null : pods,
                new WaitTarget("Waiting for the offloaded pods to leave the virtual nodes", where, $"no pod on {where}",
                    $"kubectl get pods -A -o wide --field-selector spec.nodeName=<node> shows what is left; run the command again (it goes on from here) with a longer -Timeout.",
                    ErrorIds.DrainTimeout)).ConfigureAwait(false);
        }
        op.Info(consumer, "Drain", "wait", $"The offloaded pods left {where}", $"Would wait for the offloaded pods to leave {where}");

        if (tenant is not null && tenant != TenantCondition.Drained)
            await TenantCondition.SetAsync(op, provider, consumerId, null, TenantCondition.Transition.Drain).ConfigureAwait(false);
        return await Unpeer.RunAsync(op, consumer, provider, o).ConfigureAwait(false);
    }

    /// <summary>
    /// Evicts every pod through the eviction API (the PodDisruptionBudgets have their say, as under kubectl drain). A pod a
    /// budget holds back is said once (a Warning step naming the pod and the budget's answer), then evicted again as soon
    /// as a watch on its namespace's budgets shows one that allows it (kubectl drain asks again every 5 s); when -Timeout
    /// runs out first, DrainTimeout names the pods and the budgets that held them.
    /// </summary>
    private static async Task EvictAllAsync(Operation op, ClusterConnection consumer, IReadOnlyList<JsonObject> leaving)
    {
        var pending = leaving.ToList();
        var told = new HashSet<string>(StringComparer.Ordinal);
        while (pending.Count > 0)
        {
            var held = new List<JsonObject>();
            foreach (var pod in pending)
            {
                var (ns, name) = (pod.Namespace() ?? "", pod.Name());
                if (!await op.MayWriteAsync(consumer, "Evict", $"Pod {ns}/{name}").ConfigureAwait(false)) continue;
                try
                {
                    await consumer.Api.EvictAsync(ns, name, op.Cancellation).ConfigureAwait(false);
                }
                catch (KubeApiException e) when (KubeApi.IsBudgetRefusal(e) && e.Code == 500)
                {
                    throw new LiqoException(ErrorIds.DrainBlocked, LiqoErrorCategory.ResourceUnavailable, $"{ns}/{name}",
                        $"The eviction of {ns}/{name} was refused: more than one PodDisruptionBudget selects it ({e.Message}).",
                        "Leave one PodDisruptionBudget per pod (kubectl get pdb -A), then run the command again (it goes on from here).");
                }
                catch (KubeApiException e) when (KubeApi.IsBudgetRefusal(e))
                {
                    held.Add(pod);
                    if (told.Add($"{ns}/{name}"))
                        op.Warn(consumer, "Drain", "evict", $"Waiting to evict {ns}/{name}: {string.Join(" ", e.Causes.Select(c => c.Message).DefaultIfEmpty(e.Message))}");
                }
            }
            if (held.Count > 0) await WaitForBudgetsAsync(op, consumer, held).ConfigureAwait(false);
            pending = held;
        }
    }

    /// <summary>Waits, on a watch of the first held pod's namespace, until a budget lets one of its held pods go (or none selects it any more).</summary>
    private static async Task WaitForBudgetsAsync(Operation op, ClusterConnection consumer, IReadOnlyList<JsonObject> held)
    {
        var ns = held[0].Namespace() ?? "";
        var pods = held.Where(p => p.Namespace() == ns).ToList();
        var budgets = await ListServedAsync(consumer, PodDisruptionBudget, op.Cancellation).ConfigureAwait(false);
        var holding = held.SelectMany(p => DrainCheck.Selecting(budgets, p)).Select(b => $"{b.Namespace()}/{b.Name()}").Distinct(StringComparer.Ordinal).ToList();
        await op.WaitAsync(consumer, PodDisruptionBudget, ns, null, null,
            list => pods.Any(p => DrainCheck.Selecting(list.ToList(), p).ToList() is var s && (s.Count == 0 || s.Count == 1 && Allows(s[0]))) ? list : null,
            new WaitTarget("Waiting for the PodDisruptionBudgets to allow the evictions",
                $"the pod(s) {string.Join(", ", held.Select(p => $"{p.Namespace()}/{p.Name()}"))}, held back by the PodDisruptionBudget(s) {string.Join(", ", holding)},",
                "evicted (a budget that allows a disruption)",
                $"kubectl get pdb -n {ns} shows ALLOWED DISRUPTIONS: give the workload more replicas or relax the budget (minAvailable, maxUnavailable), " +
                "then run the command again (it goes on from here), or give it a longer -Timeout.",
                ErrorIds.DrainTimeout)).ConfigureAwait(false);
    }

    /// <summary>Whether a budget's observed status allows one more disruption (what the eviction API checks).</summary>
    private static bool Allows(JsonObject budget) =>
        budget["status"]?["observedGeneration"] is { } observed && Info.InfoJson.Int(observed) >= Info.InfoJson.Int(budget["metadata"]?["generation"])
        && Info.InfoJson.Int(budget["status"]?["disruptionsAllowed"]) > 0;

    private static bool OnVirtualNode(JsonObject pod, IReadOnlySet<string> nodes) =>
        nodes.Contains(Info.InfoJson.Str(pod["spec"]?["nodeName"])) && !DrainCheck.Finished(pod);

    /// <summary>The Tenant's condition on the provider, or null when there is none (a re-run after the unpeer began).</summary>
    private static async Task<string?> TenantConditionAsync(Operation op, ClusterConnection provider, string consumerId)
    {
        try
        {
            return TenantCondition.Of(await TenantCondition.FindAsync(op, provider, consumerId, null).ConfigureAwait(false));
        }
        catch (LiqoException e) when (e.ErrorId == ErrorIds.TenantNotFound)
        {
            return null;
        }
    }

    private static async Task<IReadOnlyList<JsonObject>> ListServedAsync(ClusterConnection cluster, ResourceKind kind, CancellationToken ct)
    {
        try
        {
            return (await cluster.Api.ListAsync(kind, null, ct: ct).ConfigureAwait(false)).Items;
        }
        catch (KubeApiException e) when (e.IsNotFound)
        {
            return [];
        }
    }
}
