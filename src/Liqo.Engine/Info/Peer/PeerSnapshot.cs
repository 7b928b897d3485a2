namespace Liqo.Engine.Info.Peer;

/// <summary>
/// Everything <c>liqoctl info peer</c> reads, each kind listed once for all peers (liqoctl lists per peer): the selected
/// ForeignClusters, and cluster-wide the Configurations, GatewayServers, GatewayClients, Identities, ResourceSlices and
/// VirtualNodes; plus the ControlPlane kubeconfig Secrets for the certificate expiry.
/// </summary>
internal sealed record PeerSnapshot(
    IReadOnlyList<System.Text.Json.Nodes.JsonObject> ForeignClusters,
    ListResult Configurations,
    ListResult GatewayServers,
    ListResult GatewayClients,
    ListResult Identities,
    ListResult ResourceSlices,
    ListResult VirtualNodes,
    ListResult ControlPlaneKubeconfigSecrets);
