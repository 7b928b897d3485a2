namespace Liqo.Engine.Info.LocalStatus;

/// <summary>
/// Everything <c>liqoctl info</c> reads, each kind listed once: the cluster-ID ConfigMaps, the controller-manager
/// Deployments and the Pods of the Liqo namespace, the control-plane Nodes (only when the API server address is not
/// overridden), the IPAM Networks (only for the network section) and the ForeignClusters.
/// </summary>
internal sealed record LocalSnapshot(
    ListResult ClusterIdConfigMaps,
    ListResult ControllerManagerDeployments,
    ListResult? ControlPlaneNodes,
    ListResult Pods,
    ListResult? Networks,
    ListResult ForeignClusters);
