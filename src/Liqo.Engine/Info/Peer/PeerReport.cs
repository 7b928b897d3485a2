namespace Liqo.Engine.Info.Peer;

/// <summary>
/// What <c>liqoctl info peer</c> reports about one peer (sections info, network, authentication, offloading), plus what
/// liqoctl does not show: the ForeignCluster's age, the ControlPlane identity's certificate expiry and, with a remote
/// cluster, the provider's own view of the peering.
/// </summary>
public sealed record PeerReport(string ClusterId, string Role, PeerNetworkInfo Network, PeerAuthenticationInfo Authentication, PeerOffloadingInfo Offloading)
{
    /// <summary>The ForeignCluster's creationTimestamp.</summary>
    public DateTimeOffset? CreationTimestamp { get; init; }

    /// <summary>NotAfter of the client certificate of the ControlPlane identity towards this peer (consumer side only).</summary>
    public DateTimeOffset? CertificateNotAfter { get; init; }

    /// <summary>The provider's side of the peering, when the remote cluster was given and is this peer.</summary>
    public ProviderView? Remote { get; init; }
}

/// <summary>The network module: status, alerts, the peer's CIDRs as it declares them and as remapped here, the gateway.</summary>
/// <param name="RemappedCidrs">Null when there is no Configuration status (liqoctl would not print the remapping).</param>
public sealed record PeerNetworkInfo(string Status, IReadOnlyList<string>? Alerts, ClusterCidrs RemoteCidrs, ClusterCidrs? RemappedCidrs, GatewayInfo Gateway);

/// <summary>Pod and external CIDRs.</summary>
public sealed record ClusterCidrs(IReadOnlyList<string>? Pod, IReadOnlyList<string>? External);

/// <summary>
/// The peer's gateway endpoint and role: a local GatewayClient means the peer runs the server (role Server, endpoint from
/// the client's spec); a local GatewayServer means the peer is the client (role Client, endpoint from the server's status).
/// </summary>
public sealed record GatewayInfo(IReadOnlyList<string>? Address, int Port, string Role);

/// <summary>The authentication module: status, alerts, the peer's API server (provider peers only) and ResourceSlices.</summary>
public sealed record PeerAuthenticationInfo(string Status, IReadOnlyList<string>? Alerts, string ApiServerAddress, IReadOnlyList<ResourceSliceInfo>? ResourceSlices);

/// <summary>
/// A ResourceSlice towards the peer: Consuming when created here, Providing when replicated from the peer
/// (liqo.io/replicated=true); accepted when it has conditions and all are Accepted; alerts from the others.
/// </summary>
public sealed record ResourceSliceInfo(string Name, string Action, bool Accepted, IReadOnlyList<string> Alerts, IReadOnlyDictionary<string, string>? Resources);

/// <summary>The offloading module: status, alerts and the VirtualNodes towards the peer.</summary>
public sealed record PeerOffloadingInfo(string Status, IReadOnlyList<string>? Alerts, IReadOnlyList<VirtualNodeInfo>? VirtualNodes);

/// <summary>A VirtualNode: Healthy when it has conditions and all are Running or None; its kubeconfig secret, slice and quota.</summary>
public sealed record VirtualNodeInfo(string Name, string Status, string Secret, string ResourceSlice, IReadOnlyDictionary<string, string>? Resources);
