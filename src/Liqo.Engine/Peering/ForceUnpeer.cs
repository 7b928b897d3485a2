using System.Diagnostics;
using System.Text.Json.Nodes;
using Liqo.Engine.ClusterAccess;
using Liqo.Engine.Resources;

namespace Liqo.Engine.Peering;

/// <summary>
/// liqoctl force unpeer (Liqo v1.1+): one-sided teardown for a peer that is gone for good, with only the local cluster
/// at hand. It declares the peer's ForeignCluster permanently unreachable (annotation
/// liqo.io/foreign-cluster-permanently-unreachable: "true"), then deletes the local tenant namespace of that peer and
/// waits for it to be gone. Liqo's controllers do the rest: once the peer's API server is not Established either
/// (foreigncluster.IsDead), the CRD replicator releases the ResourceSlices without deleting their replicas and the
/// virtual-node drain force-deletes offloaded pods, so the namespace can go without the remote cluster. Nothing is sent
/// to the remote cluster; what it holds (its Tenant, replicas, gateway) stays there.
/// </summary>
public static class ForceUnpeer
{
    private const string Module = "Peering";

    public static async Task<ForceUnpeerResult> RunAsync(Operation op, ClusterConnection local, string remoteId, ForceUnpeerOptions o)
    {
        var total = Stopwatch.StartNew();
        op.Attach(local);
        var ct = op.Cancellation;
        // the ID goes into a label selector: a malformed one could select another cluster's objects
        if (!ClusterId.IsValid(remoteId))
            throw new LiqoException(ErrorIds.ClusterIdInvalid, LiqoErrorCategory.InvalidArgument, remoteId,
                $"'{remoteId}' is not a valid cluster ID (lower-case letters, digits and '-', starting and ending with a letter or digit): nothing was changed.",
                "Pass the peer's cluster ID as Get-LiqoForeignCluster lists it.");
        var localId = await ClusterId.ReadAsync(local, ct).ConfigureAwait(false);
        if (localId == remoteId)
            throw new LiqoException(ErrorIds.SameCluster, LiqoErrorCategory.InvalidArgument, remoteId,
                $"'{remoteId}' is the ID of the local cluster itself, not of a peer: nothing was changed.");

        var fc = await ForeignClusterById.FindAsync(local, remoteId, ct).ConfigureAwait(false)
                 ?? throw new LiqoException(ErrorIds.PeeringNotFound, LiqoErrorCategory.ObjectNotFound, remoteId,
                     $"Remote cluster with ID {remoteId} not found: the local cluster has no ForeignCluster labelled {LiqoConstants.RemoteClusterIdLabel}={remoteId}, so there is no peering to remove.",
                     "Check the ID with Get-LiqoForeignCluster, and that -Kubeconfig/-Context reach the cluster that peered with it.");
        op.Info(local, Module, "ForeignCluster", "Info about the remote cluster retrieved successfully", whatIf: "Info about the remote cluster retrieved");

        await DeclarePermanentlyUnreachableAsync(op, local, fc).ConfigureAwait(false);
        op.Info(local, Module, "PermanentlyUnreachable", "Foreign cluster declared as permanently unreachable successfully", whatIf: "Foreign cluster would be declared as permanently unreachable");

        var (tenantNamespace, gone) = await DeleteTenantNamespaceAsync(op, local, remoteId, o.Wait).ConfigureAwait(false);
        if (!op.PlanOnly) op.Info(local, Module, "ForceUnpeer", "Force unpeer executed successfully");
        return new ForceUnpeerResult(localId, remoteId, fc.Name(), tenantNamespace, gone, op.PlanOnly, total.Elapsed);
    }

    /// <summary>Sets the annotation with a merge patch, as liqoctl does; writes nothing when it is there already.</summary>
    private static async Task DeclarePermanentlyUnreachableAsync(Operation op, ClusterConnection local, JsonObject fc)
    {
        if (fc.Annotation(LiqoConstants.PermanentlyUnreachableAnnotation) == "true") return;
        if (!await op.MayWriteAsync(local, "Annotate", $"ForeignCluster {fc.Name()} ({LiqoConstants.PermanentlyUnreachableAnnotation}=true)")
                .ConfigureAwait(false)) return;
        var patch = new JsonObject
        {
            ["metadata"] = new JsonObject { ["annotations"] = new JsonObject { [LiqoConstants.PermanentlyUnreachableAnnotation] = "true" } },
        };
        await local.Api.MergePatchAsync(Kinds.ForeignCluster, null, fc.Name(), patch, op.Cancellation).ConfigureAwait(false);
    }

    /// <summary>
    /// Deletes the peer's tenant namespace (found by its labels) and waits until it is gone. A namespace that is already
    /// terminating (an earlier run that timed out) is only waited for: deleting it again is refused by the API server.
    /// </summary>
    private static async Task<(string? Name, bool Gone)> DeleteTenantNamespaceAsync(Operation op, ClusterConnection local, string remoteId, bool wait)
    {
        var name = await TenantNamespace.FindAsync(local, remoteId, op.Cancellation).ConfigureAwait(false);
        var ns = name is null ? null : await local.Api.GetAsync(Kinds.Namespace, null, name, op.Cancellation).ConfigureAwait(false);
        if (ns is null)
        {
            op.Info(local, Module, "TenantNamespace", "Tenant namespace already deleted");
            return (name, true);
        }
        if (ns.StringAt("metadata.deletionTimestamp") is null)
            await ObjectWriter.DeleteAsync(op, local, Kinds.Namespace, null, name!).ConfigureAwait(false);
        op.Info(local, Module, "TenantNamespace", "Tenant namespace deleted", whatIf: "Tenant namespace would be deleted");
        if (!wait) return (name, false);
        var gone = await op.WaitAsync(local, Kinds.Namespace, null, null, "metadata.name=" + name, items => items.Count == 0 ? items : null,
            new WaitTarget("Waiting for the tenant namespace to be deleted", $"Namespace {name}", "deleted",
                "Liqo's controllers release its objects once the peer's API server is no longer Established (APIServerStatus on the " +
                "ForeignCluster); check them with Get-LiqoForeignCluster and the controller manager's log, or give more time with -Timeout. " +
                "Running the command again goes on waiting.")).ConfigureAwait(false) is not null;
        if (gone) op.Info(local, Module, "TenantNamespaceGone", "Ensured tenant namespace absence");
        return (name, gone);
    }
}
