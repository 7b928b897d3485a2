namespace Liqo.Engine.Info.LocalStatus;

/// <summary>
/// What <c>liqoctl info</c> reports about the local cluster, section by section. Null collections stand for what Go
/// holds as nil (printed as null or left out), empty ones for what it holds as empty: the machine formats tell them apart.
/// </summary>
/// <param name="Local">Local installation info (section "local").</param>
/// <param name="Health">Installation health (section "health").</param>
/// <param name="Network">The local network (section "network"); null when not collected (liqoctl without -v or --get).</param>
/// <param name="Peerings">Active peerings (section "peerings").</param>
public sealed record LocalInfoReport(LocalInstallationInfo Local, InstallationHealth Health, LocalNetworkInfo? Network, PeeringsInfo Peerings);

/// <summary>The installation: cluster ID, Liqo version (image tag of the controller-manager), cluster labels, API server.</summary>
public sealed record LocalInstallationInfo(string ClusterId, string Version, IReadOnlyDictionary<string, string>? Labels, string ApiServerAddress);

/// <summary>Healthy when every pod of the Liqo namespace is Ready; the others by name.</summary>
public sealed record InstallationHealth(bool Healthy, IReadOnlyDictionary<string, PodHealthInfo>? UnhealthyPods);

/// <summary>A pod that is not Ready: its phase, ready and total containers, restarts summed over its containers.</summary>
public sealed record PodHealthInfo(string Status, int ReadyContainers, int TotalContainers, int Restarts);

/// <summary>The local cluster's CIDRs from the IPAM Networks.</summary>
public sealed record LocalNetworkInfo(IReadOnlyList<string>? PodCidrs, string ServiceCidr, string ExternalCidr, string InternalCidr);

/// <summary>One line per ForeignCluster.</summary>
public sealed record PeeringsInfo(IReadOnlyList<PeeringSummary>? Peers);

/// <summary>A ForeignCluster's role and the status of its three modules (Healthy, Unhealthy or Disabled).</summary>
public sealed record PeeringSummary(string ClusterId, string Role, string NetworkingStatus, string AuthenticationStatus, string OffloadingStatus)
{
    /// <summary>The ForeignCluster's creationTimestamp (not in liqoctl's report).</summary>
    public DateTimeOffset? CreationTimestamp { get; init; }
}
