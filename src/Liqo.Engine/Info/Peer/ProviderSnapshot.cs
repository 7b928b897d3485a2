namespace Liqo.Engine.Info.Peer;

/// <summary>What the provider (remote) cluster holds about its consumers, each kind listed once.</summary>
internal sealed record ProviderSnapshot(
    string ClusterId,
    ListResult ForeignClusters,
    ListResult Tenants,
    ListResult GatewayServers,
    ListResult GatewayClients,
    ListResult ResourceSlices,
    ListResult Quotas);
