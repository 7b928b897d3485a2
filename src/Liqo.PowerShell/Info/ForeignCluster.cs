namespace Liqo;

/// <summary>Get-LiqoForeignCluster: a ForeignCluster (what kubectl get foreignclusters lists), its status spelled out.</summary>
public sealed class ForeignCluster
{
    public string Name { get; init; } = "";
    public string ClusterId { get; init; } = "";
    public string Role { get; init; } = "";
    public DateTime? CreationTimestamp { get; init; }
    public string Age => PowerShell.Info.KubeAge.Of(CreationTimestamp);
    public string? ApiServerUrl { get; init; }
    public string? ForeignProxyUrl { get; init; }
    public string? LocalTenantNamespace { get; init; }
    public string? RemoteTenantNamespace { get; init; }
    public ForeignClusterModule Networking { get; init; } = new();
    public ForeignClusterModule Authentication { get; init; } = new();
    public ForeignClusterModule Offloading { get; init; } = new();
    public ForeignClusterCondition[] Conditions { get; init; } = [];
}

/// <summary>A module of a ForeignCluster, with liqoctl's status for it (Healthy, Unhealthy, Disabled).</summary>
public sealed class ForeignClusterModule
{
    public bool Enabled { get; init; }
    public string Status { get; init; } = "";
    public ForeignClusterCondition[] Conditions { get; init; } = [];
}

/// <summary>A ForeignCluster condition.</summary>
public sealed class ForeignClusterCondition
{
    public string Type { get; init; } = "";
    public string Status { get; init; } = "";
    public string? Reason { get; init; }
    public string? Message { get; init; }
    public DateTime? LastTransitionTime { get; init; }
}
