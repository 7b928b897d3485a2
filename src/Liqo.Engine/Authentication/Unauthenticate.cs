using Liqo.Engine.ClusterAccess;
using Liqo.Engine.Resources;

namespace Liqo.Engine.Authentication;

/// <summary>
/// liqoctl unauthenticate: refused while the consumer still has ResourceSlices for the provider; then the consumer's
/// ControlPlane Identity and the provider's Tenant are deleted (their controllers clean up what hangs off them).
/// </summary>
public static class Unauthenticate
{
    private const string Module = "Authentication";

    public static async Task RunAsync(Operation op, ClusterConnection consumer, ClusterConnection provider, string consumerId, string providerId)
    {
        var slices = (await consumer.Api.ListAsync(Kinds.ResourceSlice, null,
            $"{LiqoConstants.ReplicationLabel}=true,{LiqoConstants.RemoteIdLabel}={providerId}", ct: op.Cancellation).ConfigureAwait(false)).Items;
        if (slices.Count > 0 && !op.PlanOnly)
            throw new LiqoException(ErrorIds.ResourceSlicesPresent, LiqoErrorCategory.InvalidOperation, providerId,
                "resourceslices are still present on consumer cluster",
                "Remove them first (Remove-LiqoResourceSlice), or use Remove-LiqoPeering.");

        var identities = (await consumer.Api.ListAsync(Kinds.Identity, null, $"{LiqoConstants.RemoteClusterIdLabel}={providerId}", ct: op.Cancellation)
            .ConfigureAwait(false)).Items.Where(i => i.StringAt("spec.type") == Identity.ControlPlaneType).ToList();
        var foundProviderNs = await TenantNamespace.FindAsync(provider, consumerId, op.Cancellation).ConfigureAwait(false);
        await AccessCheck.RequireAllAsync(op, consumer, AuthenticationRights.RemoveConsumer(identities.Select(i => i.Namespace() ?? "")), "removing the authentication")
            .ConfigureAwait(false);
        await AccessCheck.RequireAllAsync(op, provider, AuthenticationRights.RemoveProvider(foundProviderNs), "removing the authentication").ConfigureAwait(false);
        if (identities.Count == 0)
            op.Info(consumer, Module, "Identity", "Identity control plane already deleted");
        foreach (var i in identities)
        {
            await ObjectWriter.DeleteAsync(op, consumer, Kinds.Identity, i.Namespace(), i.Name()).ConfigureAwait(false);
            op.Info(consumer, Module, "Identity", "Identity control plane correctly deleted", whatIf: "Identity control plane would be deleted");
        }

        var providerNs = foundProviderNs
                         ?? throw new LiqoException(ErrorIds.TenantNamespaceNotFound, LiqoErrorCategory.ObjectNotFound, consumerId,
                             $"tenant namespace not found for cluster \"{consumerId}\" on the remote cluster");
        var tenants = (await provider.Api.ListAsync(Kinds.Tenant, providerNs, $"{LiqoConstants.RemoteClusterIdLabel}={consumerId}", ct: op.Cancellation)
            .ConfigureAwait(false)).Items;
        if (tenants.Count == 0) op.Info(provider, Module, "Tenant", "Tenant already deleted");
        foreach (var t in tenants)
        {
            await ObjectWriter.DeleteAsync(op, provider, Kinds.Tenant, t.Namespace(), t.Name()).ConfigureAwait(false);
            op.Info(provider, Module, "Tenant", "Tenant correctly deleted", whatIf: "Tenant would be deleted");
        }
    }
}
