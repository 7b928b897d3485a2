namespace Liqo;

/// <summary>One check of Test-LiqoPeering: what was checked, on which cluster, its outcome, and what to do about it.</summary>
public sealed class PeeringCheckResult
{
    /// <summary>The peer the check is about; empty for checks of a cluster itself (ApiServer, LiqoPods).</summary>
    public string PeerClusterId { get; init; } = "";

    /// <summary>The check: ApiServer, LiqoPods, LiqoVersion, ForeignClusterNetworking, ForeignClusterAuthentication, ForeignClusterOffloading, Connection, GatewayPods, IdentityCertificate, Tenant, ResourceSlice, VirtualNode, NamespaceOffloading.</summary>
    public string Name { get; init; } = "";

    /// <summary>Pass, Warn or Fail.</summary>
    public string Status { get; init; } = "";

    /// <summary>The kubeconfig the check read through: local or remote.</summary>
    public string Cluster { get; init; } = "";

    /// <summary>The ID of the cluster the check read.</summary>
    public string ClusterId { get; init; } = "";

    /// <summary>The object read, as Kind namespace/name.</summary>
    public string Object { get; init; } = "";

    public string Message { get; init; } = "";

    /// <summary>The cmdlet or kubectl command that fixes (or shows more of) what is wrong; empty for a pass.</summary>
    public string? Remediation { get; init; }
}
