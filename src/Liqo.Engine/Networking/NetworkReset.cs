using Liqo.Engine.ClusterAccess;
using Liqo.Engine.Resources;

namespace Liqo.Engine.Networking;

/// <summary>
/// liqoctl network disconnect (gateways) and reset (gateways and Configurations): GatewayClient on each side, then
/// GatewayServer on each side, then the Configurations. PublicKeys, Connections and the gateway Deployments, Services and
/// Secrets go with their owners. As liqoctl, each side is searched in its tenant namespace for the other only (a peering
/// user may list nothing else); a side without a tenant namespace has nothing left to delete.
/// </summary>
public static class NetworkReset
{
    private const string Module = "Networking";

    public static Task DisconnectAsync(Operation op, ClusterConnection local, ClusterConnection remote, string localId, string remoteId) =>
        DisconnectAsync(op, local, remote, localId, remoteId, null, null);

    /// <summary>
    /// Disconnect, with the networking namespaces liqoctl's --namespace/--remote-namespace name (null, empty or "default":
    /// the tenant namespace); the gateways are found there by the peer's label, whatever their names.
    /// </summary>
    public static async Task DisconnectAsync(Operation op, ClusterConnection local, ClusterConnection remote, string localId, string remoteId,
        string? localNamespace, string? remoteNamespace)
    {
        var (localNs, remoteNs) = await NamespacesAsync(op, local, remote, localId, remoteId, localNamespace, remoteNamespace).ConfigureAwait(false);
        await CheckRightsAsync(op, local, remote, localNs, remoteNs, configurations: false).ConfigureAwait(false);
        await DeleteGatewaysAsync(op, local, remote, localId, remoteId, localNs, remoteNs).ConfigureAwait(false);
    }

    public static Task RunAsync(Operation op, ClusterConnection local, ClusterConnection remote, string localId, string remoteId) =>
        RunAsync(op, local, remote, localId, remoteId, null, null);

    /// <summary>Reset, with the networking namespaces as <see cref="DisconnectAsync(Operation, ClusterConnection, ClusterConnection, string, string, string?, string?)"/>.</summary>
    public static async Task RunAsync(Operation op, ClusterConnection local, ClusterConnection remote, string localId, string remoteId,
        string? localNamespace, string? remoteNamespace)
    {
        var (localNs, remoteNs) = await NamespacesAsync(op, local, remote, localId, remoteId, localNamespace, remoteNamespace).ConfigureAwait(false);
        await CheckRightsAsync(op, local, remote, localNs, remoteNs, configurations: true).ConfigureAwait(false);
        await DeleteGatewaysAsync(op, local, remote, localId, remoteId, localNs, remoteNs).ConfigureAwait(false);
        await DeleteConfigurationAsync(op, local, remoteId, localNs).ConfigureAwait(false);
        await DeleteConfigurationAsync(op, remote, localId, remoteNs).ConfigureAwait(false);
    }

    /// <summary>Refuses (Forbidden) before the first delete when a cluster's user may not delete what is there.</summary>
    private static async Task CheckRightsAsync(Operation op, ClusterConnection local, ClusterConnection remote, string? localNs, string? remoteNs,
        bool configurations)
    {
        var step = configurations ? "resetting the networking" : "disabling the networking";
        await AccessCheck.RequireAllAsync(op, local, NetworkRights.Reset(localNs, configurations), step).ConfigureAwait(false);
        await AccessCheck.RequireAllAsync(op, remote, NetworkRights.Reset(remoteNs, configurations), step).ConfigureAwait(false);
    }

    /// <summary>The networking namespace on each side (checked before anything is deleted): the custom one asked for, else the tenant namespace.</summary>
    private static async Task<(string? Local, string? Remote)> NamespacesAsync(Operation op, ClusterConnection local, ClusterConnection remote,
        string localId, string remoteId, string? localNamespace, string? remoteNamespace)
    {
        var localCustom = NetworkNamespace.Custom(localNamespace, "NetworkingNamespace");
        var remoteCustom = NetworkNamespace.Custom(remoteNamespace, "RemoteNetworkingNamespace");
        if (localCustom is not null) await NetworkNamespace.RequireAsync(local, localCustom, "NetworkingNamespace", op.Cancellation).ConfigureAwait(false);
        if (remoteCustom is not null) await NetworkNamespace.RequireAsync(remote, remoteCustom, "RemoteNetworkingNamespace", op.Cancellation).ConfigureAwait(false);
        return (await NetworkNamespace.FindAsync(local, localCustom, remoteId, op.Cancellation).ConfigureAwait(false),
                await NetworkNamespace.FindAsync(remote, remoteCustom, localId, op.Cancellation).ConfigureAwait(false));
    }

    private static async Task DeleteGatewaysAsync(Operation op, ClusterConnection local, ClusterConnection remote, string localId, string remoteId,
        string? localNs, string? remoteNs)
    {
        await DeleteGatewaysAsync(op, local, remoteId, localNs, Kinds.GatewayClient, "Gateway client").ConfigureAwait(false);
        await DeleteGatewaysAsync(op, remote, localId, remoteNs, Kinds.GatewayClient, "Gateway client").ConfigureAwait(false);
        await DeleteGatewaysAsync(op, local, remoteId, localNs, Kinds.GatewayServer, "Gateway server").ConfigureAwait(false);
        await DeleteGatewaysAsync(op, remote, localId, remoteNs, Kinds.GatewayServer, "Gateway server").ConfigureAwait(false);
    }

    /// <summary>The objects for <paramref name="peerId"/> in the tenant namespace; none when there is no tenant namespace.</summary>
    private static async Task<IReadOnlyList<System.Text.Json.Nodes.JsonObject>> InTenantNamespaceAsync(Operation op, ClusterConnection cluster,
        ResourceKind kind, string? tenantNs, string peerId) =>
        tenantNs is null ? []
            : (await cluster.Api.ListAsync(kind, tenantNs, $"{LiqoConstants.RemoteClusterIdLabel}={peerId}", ct: op.Cancellation).ConfigureAwait(false)).Items;

    private static async Task DeleteGatewaysAsync(Operation op, ClusterConnection cluster, string peerId, string? tenantNs, ResourceKind kind, string what)
    {
        var items = await InTenantNamespaceAsync(op, cluster, kind, tenantNs, peerId).ConfigureAwait(false);
        if (items.Count == 0)
        {
            op.Info(cluster, Module, kind.Kind, $"{what} already deleted");
            return;
        }
        foreach (var g in items) await ObjectWriter.DeleteAsync(op, cluster, kind, g.Namespace(), g.Name()).ConfigureAwait(false);
        op.Info(cluster, Module, kind.Kind, $"{what} correctly deleted", whatIf: $"{what} would be deleted");
    }

    private static async Task DeleteConfigurationAsync(Operation op, ClusterConnection cluster, string peerId, string? tenantNs)
    {
        var items = await InTenantNamespaceAsync(op, cluster, Kinds.Configuration, tenantNs, peerId).ConfigureAwait(false);
        foreach (var c in items) await ObjectWriter.DeleteAsync(op, cluster, Kinds.Configuration, c.Namespace(), c.Name()).ConfigureAwait(false);
        if (items.Count == 0) op.Info(cluster, Module, "Configuration", "Network configuration already deleted");
        else op.Info(cluster, Module, "Configuration", "Network configuration correctly deleted", whatIf: "Network configuration would be deleted");
    }
}
