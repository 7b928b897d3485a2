using System.Diagnostics;
using Liqo.Engine.Authentication;
using Liqo.Engine.ClusterAccess;
using Liqo.Engine.Networking;
using Liqo.Engine.Resources;

namespace Liqo.Engine.Peering;

/// <summary>What unpeer removed.</summary>
public sealed record UnpeerResult(string ConsumerClusterId, string ProviderClusterId, bool Bidirectional, bool NetworkingRemoved, bool NamespacesDeleted,
    bool WhatIf, TimeSpan Duration);

/// <summary>
/// liqoctl unpeer, in its order: ResourceSlices, VirtualNodes, the ControlPlane Identity and the Tenant, networking only when
/// the peering is not bidirectional (the opposite peering still uses the tunnel), and the tenant namespaces on request.
/// </summary>
public static class Unpeer
{
    /// <summary>
    /// Both clusters' IDs, before anything is written: the provider's must be <paramref name="expectedProviderId"/> when given
    /// (ClusterIdMismatch), and the two must differ (SameCluster). <paramref name="nothing"/> completes "nothing was …".
    /// </summary>
    internal static async Task<(string ConsumerId, string ProviderId)> ReadClusterIdsAsync(ClusterConnection consumer, ClusterConnection provider,
        string? expectedProviderId, string nothing, CancellationToken ct)
    {
        var consumerId = await ClusterId.ReadAsync(consumer, ct).ConfigureAwait(false);
        var providerId = await ClusterId.ReadAsync(provider, ct).ConfigureAwait(false);
        if (expectedProviderId is { } expected && expected != providerId)
            throw new LiqoException(ErrorIds.ClusterIdMismatch, LiqoErrorCategory.InvalidArgument, expected,
                $"The remote cluster's ID is '{providerId}', not '{expected}': nothing was {nothing}.",
                "Point -RemoteKubeconfig/-RemoteContext at the cluster with that ID.");
        if (consumerId == providerId)
            throw new LiqoException(ErrorIds.SameCluster, LiqoErrorCategory.InvalidArgument, consumerId, "local and remote clusters must be different");
        return (consumerId, providerId);
    }

    public static async Task<UnpeerResult> RunAsync(Operation op, ClusterConnection consumer, ClusterConnection provider, UnpeerOptions o)
    {
        var total = Stopwatch.StartNew();
        op.Attach(consumer, provider);
        var ct = op.Cancellation;
        var (consumerId, providerId) = await ReadClusterIdsAsync(consumer, provider, o.ExpectedProviderId, "removed", ct).ConfigureAwait(false);

        var fc = await ForeignClusterById.FindAsync(consumer, providerId, ct).ConfigureAwait(false)
                 ?? throw new LiqoException(ErrorIds.PeeringNotFound, LiqoErrorCategory.ObjectNotFound, providerId,
                     $"an error occurred while checking bidirectional peering: foreignclusters.core.liqo.io \"foreign cluster with ID {providerId}\" not found on the local cluster: it has no peering with '{providerId}'.",
                     "Check the cluster IDs (Get-LiqoForeignCluster), and that -Kubeconfig is the consumer and -RemoteKubeconfig the provider.");
        var bidirectional = fc.StringAt("status.role") == "ConsumerAndProvider";
        if (bidirectional && o.DeleteNamespaces)
            throw new LiqoException(ErrorIds.BidirectionalPeering, LiqoErrorCategory.InvalidOperation, providerId,
                "cannot delete the tenant namespace when a bidirectional is enabled, please remove the --delete-namespaces flag",
                "Run without -DeleteNamespaces, or remove the opposite peering first.");

        // before the first write: a user who may not delete what is there (a tenant namespace, for a peering user on the
        // provider) would otherwise leave the peering half removed
        var consumerNs = await TenantNamespace.FindAsync(consumer, providerId, ct).ConfigureAwait(false);
        var providerNs = await TenantNamespace.FindAsync(provider, consumerId, ct).ConfigureAwait(false);
        await AccessCheck.RequireAllAsync(op, consumer, PeeringRights.UnpeerConsumer(consumerNs, bidirectional), "removing the peering").ConfigureAwait(false);
        await AccessCheck.RequireAllAsync(op, provider, PeeringRights.UnpeerProvider(providerNs, bidirectional), "removing the peering").ConfigureAwait(false);
        if (o.DeleteNamespaces)
        {
            foreach (var (cluster, ns) in new[] { (consumer, consumerNs), (provider, providerNs) })
                if (ns is not null)
                    await AccessCheck.RequireAsync(op, cluster, "delete", Kinds.Namespace, ns, ns, "-DeleteNamespaces").ConfigureAwait(false);
        }

        await RemoveOffloadingAsync(op, consumer, providerId, o.Wait).ConfigureAwait(false);
        await Unauthenticate.RunAsync(op, consumer, provider, consumerId, providerId).ConfigureAwait(false);
        var networkingRemoved = false;
        if (!bidirectional)
        {
            await NetworkReset.RunAsync(op, consumer, provider, consumerId, providerId).ConfigureAwait(false);
            networkingRemoved = true;
        }
        var namespacesDeleted = false;
        if (o.DeleteNamespaces)
        {
            await DeleteTenantNamespaceAsync(op, consumer, providerId, o.Wait).ConfigureAwait(false);
            await DeleteTenantNamespaceAsync(op, provider, consumerId, o.Wait).ConfigureAwait(false);
            namespacesDeleted = true;
        }
        return new UnpeerResult(consumerId, providerId, bidirectional, networkingRemoved, namespacesDeleted, op.PlanOnly, total.Elapsed);
    }

    /// <summary>Deletes the consumer's ResourceSlices and VirtualNodes for the provider, waiting for them to go when asked.</summary>
    public static async Task RemoveOffloadingAsync(Operation op, ClusterConnection consumer, string providerId, bool wait)
    {
        const string module = "Offloading";
        var sliceSelector = $"{LiqoConstants.ReplicationLabel}=true,{LiqoConstants.RemoteIdLabel}={providerId}";
        var slices = (await consumer.Api.ListAsync(Kinds.ResourceSlice, null, sliceSelector, ct: op.Cancellation).ConfigureAwait(false)).Items;
        if (slices.Count == 0)
        {
            op.Info(consumer, module, "ResourceSlices", "No resourceslices found");
        }
        else
        {
            foreach (var s in slices) await ObjectWriter.DeleteAsync(op, consumer, Kinds.ResourceSlice, s.Namespace(), s.Name()).ConfigureAwait(false);
            op.Info(consumer, module, "ResourceSlices", "All resourceslices deleted", whatIf: "All resourceslices would be deleted");
            if (wait && await Absence.WaitAsync(op, consumer, Kinds.ResourceSlice, null, sliceSelector, null, "ResourceSlices for " + providerId, slices).ConfigureAwait(false))
                op.Info(consumer, module, "ResourceSlicesGone", "Ensured resourceslices absence");
        }

        var vnSelector = $"{LiqoConstants.RemoteClusterIdLabel}={providerId}";
        var nodes = (await consumer.Api.ListAsync(Kinds.VirtualNode, null, vnSelector, ct: op.Cancellation).ConfigureAwait(false)).Items;
        if (nodes.Count == 0)
        {
            op.Info(consumer, module, "VirtualNodes", "No virtualnodes found");
            return;
        }
        foreach (var n in nodes) await ObjectWriter.DeleteAsync(op, consumer, Kinds.VirtualNode, n.Namespace(), n.Name()).ConfigureAwait(false);
        op.Info(consumer, module, "VirtualNodes", "All virtualnodes deleted", whatIf: "All virtualnodes would be deleted");
        if (wait && await Absence.WaitAsync(op, consumer, Kinds.VirtualNode, null, vnSelector, null, "VirtualNodes for " + providerId, nodes).ConfigureAwait(false))
            op.Info(consumer, module, "VirtualNodesGone", "Ensured virtualnodes absence");
    }

    private static async Task DeleteTenantNamespaceAsync(Operation op, ClusterConnection cluster, string remoteId, bool wait)
    {
        var ns = await TenantNamespace.FindAsync(cluster, remoteId, op.Cancellation).ConfigureAwait(false);
        if (ns is null) return;
        var found = await cluster.Api.GetAsync(Kinds.Namespace, null, ns, op.Cancellation).ConfigureAwait(false);
        await ObjectWriter.DeleteAsync(op, cluster, Kinds.Namespace, null, ns).ConfigureAwait(false);
        op.Info(cluster, "Peering", "TenantNamespace", "Tenant namespace deleted", whatIf: "Tenant namespace would be deleted");
        if (wait && await Absence.WaitAsync(op, cluster, Kinds.Namespace, null, null, "metadata.name=" + ns, $"Namespace {ns}", found is null ? null : [found]).ConfigureAwait(false))
            op.Info(cluster, "Peering", "TenantNamespaceGone", "Ensured tenant namespace absence");
    }
}
