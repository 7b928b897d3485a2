using System.Text.Json.Nodes;
using Liqo.Engine.ClusterAccess;
using Liqo.Engine.Peering;
using Liqo.Engine.Resources;

namespace Liqo.Engine.Lifecycle;

/// <summary>
/// Remove-LiqoPeering -Drain: leaves a provider gracefully, in phases that each report a step (module Drain) and that a
/// second run goes on from. Check: the pods on the provider's virtual nodes can all leave (<see cref="DrainCheck"/>);
/// otherwise it stops before any write. Cordon: the virtual nodes become unschedulable (kubectl cordon) and the
/// provider's Tenant Cordoned (liqoctl cordon tenant). Drain: the pods on the virtual nodes are deleted, for their
/// controllers to make them again on the consumer's own nodes. Wait: until no pod is left on the virtual nodes, watching.
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
        op.Info(consumer, "Drain", "check", $"{leaving.Count} offloaded pod(s) on {where} can leave",
            $"{leaving.Count} offloaded pod(s) on {where} can leave");

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
        foreach (var pod in leaving) await ObjectWriter.DeleteAsync(op, consumer, Kinds.Pod, pod.Namespace(), pod.Name()).ConfigureAwait(false);
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
