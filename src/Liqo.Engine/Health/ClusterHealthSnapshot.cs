using Liqo.Engine.Info;
using Liqo.Engine.Info.Peer;

namespace Liqo.Engine.Health;

/// <summary>
/// What <see cref="PeeringHealth"/> read on one cluster: the peer reports of <c>liqoctl info peer</c> (ForeignCluster
/// modules, ResourceSlices, VirtualNodes, certificate expiry: <see cref="InfoCollector.CollectPeersAsync"/>), the Liqo
/// version of <c>liqoctl info</c>, and the objects info does not read: tenant namespaces, Connections, gateway pods,
/// Tenants, virtual-node Nodes and NamespaceOffloadings, each kind listed once for every peer.
/// </summary>
/// <param name="Context">The kubeconfig context, for the kubectl commands of the remediations.</param>
/// <param name="Failure">Why the cluster could not be read at all (unreachable, no Liqo, ...); the rest is then empty.</param>
internal sealed record ClusterHealthSnapshot(
    string Scope,
    string ClusterId,
    string Context,
    string Server,
    LiqoException? Failure,
    string? Version,
    IReadOnlyList<PeerReport> Peers,
    ListResult TenantNamespaces,
    ListResult Connections,
    ListResult GatewayPods,
    ListResult Tenants,
    ListResult VirtualNodeNodes,
    ListResult NamespaceOffloadings)
{
    /// <summary>The health of the Liqo pods (<c>liqoctl info</c>'s health section); null when they could not be read.</summary>
    public Info.LocalStatus.InstallationHealth? Installation { get; init; }

    /// <summary>A cluster that could not be read.</summary>
    public static ClusterHealthSnapshot Unread(string scope, string context, string server, LiqoException failure) =>
        new(scope, "", context, server, failure, null, [], ListResult.Of(), ListResult.Of(), ListResult.Of(), ListResult.Of(), ListResult.Of(),
            ListResult.Of());
}
