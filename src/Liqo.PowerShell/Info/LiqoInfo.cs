namespace Liqo;

/// <summary>Get-LiqoInfo: the local Liqo installation, its health, its network (with -IncludeNetwork) and its peerings (liqoctl info).</summary>
public sealed class LiqoInfo
{
    public string ClusterId { get; init; } = "";

    /// <summary>The image tag of the controller-manager.</summary>
    public string Version { get; init; } = "";

    /// <summary>The cluster labels (--cluster-labels of the controller-manager); null when none are set.</summary>
    public Dictionary<string, string>? Labels { get; init; }

    /// <summary>The API server address Liqo advertises (K8s API server in liqoctl's box).</summary>
    public string ApiServerAddress { get; init; } = "";

    /// <summary>True when every pod in the Liqo namespace is Ready.</summary>
    public bool Healthy { get; init; }

    public PodHealth[] UnhealthyPods { get; init; } = [];

    /// <summary>The local CIDRs; null without -IncludeNetwork.</summary>
    public LocalNetwork? Network { get; init; }

    public PeeringSummary[] Peerings { get; init; } = [];
}

/// <summary>A pod of the Liqo namespace that is not Ready.</summary>
public sealed class PodHealth
{
    public string Name { get; init; } = "";
    public string Status { get; init; } = "";
    public int ReadyContainers { get; init; }
    public int TotalContainers { get; init; }
    public int Restarts { get; init; }
}

/// <summary>The local cluster's CIDRs (IPAM Networks).</summary>
public sealed class LocalNetwork
{
    public string[]? PodCidrs { get; init; }
    public string ServiceCidr { get; init; } = "";
    public string ExternalCidr { get; init; } = "";
    public string InternalCidr { get; init; } = "";
}

/// <summary>One peering in Get-LiqoInfo: the role and the status of each module.</summary>
public sealed class PeeringSummary
{
    public string ClusterId { get; init; } = "";
    public string Role { get; init; } = "";
    public string Networking { get; init; } = "";
    public string Authentication { get; init; } = "";
    public string Offloading { get; init; } = "";
    public DateTime? CreationTimestamp { get; init; }
    public string Age => PowerShell.Info.KubeAge.Of(CreationTimestamp);
}
