using System.Text.Json.Nodes;
using Liqo.Engine.ClusterAccess;
using Liqo.Engine.Resources;

namespace Liqo.Engine.Networking;

/// <summary>
/// How liqoctl finds an existing GatewayServer, GatewayClient or PublicKey (utils/getters GetGatewayServerByClusterID and
/// its siblings): by the liqo.io/remote-cluster-id label in the tenant namespace, whatever its name; none is "not found",
/// two or more an error. The caller keeps an existing object's name (network/cluster.go), so an object made earlier with
/// a custom name (liqoctl create gatewayserver NAME) is updated rather than given a twin.
/// </summary>
internal static class ByClusterId
{
    public static async Task<JsonObject?> FindAsync(ClusterConnection cluster, ResourceKind kind, string tenantNamespace, string remoteClusterId,
        CancellationToken ct)
    {
        var found = (await cluster.Api.ListAsync(kind, tenantNamespace, $"{LiqoConstants.RemoteClusterIdLabel}={remoteClusterId}", ct: ct)
            .ConfigureAwait(false)).Items;
        return found.Count switch
        {
            0 => null,
            1 => Typed(found[0], kind),
            _ => throw new LiqoException(ErrorIds.NetworkObjectAmbiguous, LiqoErrorCategory.InvalidData, remoteClusterId,
                $"multiple {kind.Kind}s found for ForeignCluster {remoteClusterId} in {tenantNamespace} on the {cluster.Scope} cluster " +
                $"({string.Join(", ", found.Select(o => o.Name()).Order(StringComparer.Ordinal))})",
                "Keep one of them: Liqo's own controllers fail the same way while there are several."),
        };
    }

    /// <summary>The name an object for the remote cluster has, or gets: the existing one's, else the remote cluster ID.</summary>
    public static async Task<string> NameAsync(ClusterConnection cluster, ResourceKind kind, string tenantNamespace, string remoteClusterId,
        CancellationToken ct) =>
        (await FindAsync(cluster, kind, tenantNamespace, remoteClusterId, ct).ConfigureAwait(false))?.Name() ?? remoteClusterId;

    private static JsonObject Typed(JsonObject o, ResourceKind kind)
    {
        o["apiVersion"] ??= kind.ApiVersion;
        o["kind"] ??= kind.Kind;
        return o;
    }
}
