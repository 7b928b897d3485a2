namespace Liqo;

/// <summary>What Remove-LiqoPeering -Force did on the local cluster.</summary>
public sealed class ForceUnpeeringResult
{
    /// <summary>The cluster the command ran on.</summary>
    public string LocalClusterId { get; init; } = "";

    /// <summary>The peer declared permanently unreachable.</summary>
    public string RemoteClusterId { get; init; } = "";

    /// <summary>The ForeignCluster that carries liqo.io/foreign-cluster-permanently-unreachable.</summary>
    public string ForeignCluster { get; init; } = "";

    /// <summary>The local tenant namespace of the peer; null when there was none.</summary>
    public string? TenantNamespace { get; init; }

    /// <summary>Whether the tenant namespace is known to be gone (false with -NoWait or -WhatIf).</summary>
    public bool TenantNamespaceGone { get; init; }

    public bool WhatIf { get; init; }
    public TimeSpan Duration { get; init; }
}
