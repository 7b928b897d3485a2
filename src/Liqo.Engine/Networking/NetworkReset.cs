using Liqo.Engine.ClusterAccess;
using Liqo.Engine.Resources;

namespace Liqo.Engine.Networking;

/// <summary>
/// liqoctl network disconnect (gateways) and reset (gateways and Configurations): GatewayClient on each side, then
/// GatewayServer on each side, then the Configurations. PublicKeys, Connections and the gateway Deployments, Services and
/// Secrets go with their owners.
/// </summary>
public static class NetworkReset
{
    private const string Module = "Networking";

    public static async Task DisconnectAsync(Operation op, ClusterConnection local, ClusterConnection remote, string localId, string remoteId)
    {
        await DeleteGatewaysAsync(op, local, remoteId, Kinds.GatewayClient, "Gateway client").ConfigureAwait(false);
        await DeleteGatewaysAsync(op, remote, localId, Kinds.GatewayClient, "Gateway client").ConfigureAwait(false);
        await DeleteGatewaysAsync(op, local, remoteId, Kinds.GatewayServer, "Gateway server").ConfigureAwait(false);
        await DeleteGatewaysAsync(op, remote, localId, Kinds.GatewayServer, "Gateway server").ConfigureAwait(false);
    }

    public static async Task RunAsync(Operation op, ClusterConnection local, ClusterConnection remote, string localId, string remoteId)
    {
        await DisconnectAsync(op, local, remote, localId, remoteId).ConfigureAwait(false);
        await DeleteConfigurationAsync(op, local, remoteId).ConfigureAwait(false);
        await DeleteConfigurationAsync(op, remote, localId).ConfigureAwait(false);
    }

    private static async Task DeleteGatewaysAsync(Operation op, ClusterConnection cluster, string peerId, ResourceKind kind, string what)
    {
        var items = (await cluster.Api.ListAsync(kind, null, $"{LiqoConstants.RemoteClusterIdLabel}={peerId}", ct: op.Cancellation).ConfigureAwait(false)).Items;
        if (items.Count == 0)
        {
            op.Info(cluster, Module, kind.Kind, $"{what} already deleted");
            return;
        }
        foreach (var g in items) await ObjectWriter.DeleteAsync(op, cluster, kind, g.Namespace(), g.Name()).ConfigureAwait(false);
        op.Info(cluster, Module, kind.Kind, $"{what} correctly deleted", whatIf: $"{what} would be deleted");
    }

    private static async Task DeleteConfigurationAsync(Operation op, ClusterConnection cluster, string peerId)
    {
        var items = (await cluster.Api.ListAsync(Kinds.Configuration, null, $"{LiqoConstants.RemoteClusterIdLabel}={peerId}", ct: op.Cancellation).ConfigureAwait(false)).Items;
        foreach (var c in items) await ObjectWriter.DeleteAsync(op, cluster, Kinds.Configuration, c.Namespace(), c.Name()).ConfigureAwait(false);
        if (items.Count == 0) op.Info(cluster, Module, "Configuration", "Network configuration already deleted");
        else op.Info(cluster, Module, "Configuration", "Network configuration correctly deleted", whatIf: "Network configuration would be deleted");
    }
}
