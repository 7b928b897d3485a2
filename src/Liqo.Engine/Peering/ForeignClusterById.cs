using System.Text.Json.Nodes;
using Liqo.Engine.ClusterAccess;
using Liqo.Engine.Resources;

namespace Liqo.Engine.Peering;

/// <summary>
/// The ForeignCluster of a peer as Liqo finds it (utils/foreigncluster GetForeignClusterByID): by the
/// liqo.io/remote-cluster-id label, whatever its name; the oldest when several are; null when none is.
/// </summary>
internal static class ForeignClusterById
{
    public static async Task<JsonObject?> FindAsync(ClusterConnection cluster, string remoteId, CancellationToken ct)
    {
        var found = (await cluster.Api.ListAsync(Kinds.ForeignCluster, null, $"{LiqoConstants.RemoteClusterIdLabel}={remoteId}", ct: ct)
            .ConfigureAwait(false)).Items;
        return found.OrderBy(f => f.CreationTimestamp() ?? DateTimeOffset.MaxValue).ThenBy(f => f.Name(), StringComparer.Ordinal).FirstOrDefault();
    }
}
