namespace Liqo;

/// <summary>
/// Get-LiqoPeerInfo: one peer as liqoctl info peer shows it (network, authentication, offloading), with the age of its
/// ForeignCluster, the expiry of the ControlPlane identity's certificate and, with a remote cluster, the provider's view.
/// </summary>
public sealed class PeerInfo
{
    public string ClusterId { get; init; } = "";

    /// <summary>Provider, Consumer, ConsumerAndProvider or Unknown (the ForeignCluster's status.role).</summary>
    public string Role { get; init; } = "";

    public PeerNetwork Network { get; init; } = new();
    public PeerAuthentication Authentication { get; init; } = new();
    public PeerOffloading Offloading { get; init; } = new();

    /// <summary>The ForeignCluster's creation time (UTC).</summary>
    public DateTime? CreationTimestamp { get; init; }

    public string Age => PowerShell.Info.KubeAge.Of(CreationTimestamp);

    /// <summary>NotAfter (UTC) of the client certificate this cluster uses towards the peer's API server (consumer side).</summary>
    public DateTime? CertificateNotAfter { get; init; }

    /// <summary>The provider's side of the peering, with -RemoteKubeconfig; null otherwise.</summary>
    public ProviderView? Remote { get; init; }
}

/// <summary>The network module towards a peer.</summary>
public sealed class PeerNetwork
{
    /// <summary>Healthy, Unhealthy or Disabled.</summary>
    public string Status { get; init; } = "";
    public string[] Alerts { get; init; } = [];

    /// <summary>The peer's CIDRs as it declares them (the Configuration's spec.remote).</summary>
    public CidrSet? RemoteCidrs { get; init; }

    /// <summary>The peer's CIDRs as this cluster reaches them (the Configuration's status.remote).</summary>
    public CidrSet? RemappedCidrs { get; init; }

    public PeerGateway? Gateway { get; init; }
}

/// <summary>Pod and external CIDRs.</summary>
public sealed class CidrSet
{
    public string[] Pod { get; init; } = [];
    public string[] External { get; init; } = [];
}

/// <summary>The peer's gateway: Server (this cluster runs the client) or Client (this cluster runs the server).</summary>
public sealed class PeerGateway
{
    public string Role { get; init; } = "";
    public string[] Address { get; init; } = [];
    public int Port { get; init; }
}

/// <summary>The authentication module towards a peer.</summary>
public sealed class PeerAuthentication
{
    public string Status { get; init; } = "";
    public string[] Alerts { get; init; } = [];

    /// <summary>The peer's API server (its proxy when there is one); only for a peer whose role is exactly Provider.</summary>
    public string ApiServerAddress { get; init; } = "";

    public PeerResourceSlice[] ResourceSlices { get; init; } = [];
}

/// <summary>A ResourceSlice towards a peer.</summary>
public sealed class PeerResourceSlice
{
    public string Name { get; init; } = "";

    /// <summary>Consuming (asked by this cluster) or Providing (replicated from the peer).</summary>
    public string Action { get; init; } = "";
    public bool Accepted { get; init; }
    public string[] Alerts { get; init; } = [];
    public Dictionary<string, string>? Resources { get; init; }
}

/// <summary>The offloading module towards a peer.</summary>
public sealed class PeerOffloading
{
    public string Status { get; init; } = "";
    public string[] Alerts { get; init; } = [];
    public PeerVirtualNode[] VirtualNodes { get; init; } = [];
}

/// <summary>A VirtualNode towards a peer.</summary>
public sealed class PeerVirtualNode
{
    public string Name { get; init; } = "";
    public string Status { get; init; } = "";
    public string Secret { get; init; } = "";
    public string ResourceSlice { get; init; } = "";
    public Dictionary<string, string>? Resources { get; init; }
}
