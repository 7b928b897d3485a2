namespace Liqo;

/// <summary>The provider's side of a peering, read on the remote cluster (Get-LiqoPeerInfo -RemoteKubeconfig).</summary>
public sealed class ProviderView
{
    /// <summary>The provider's cluster ID.</summary>
    public string ClusterId { get; init; } = "";

    /// <summary>The role the provider's ForeignCluster gives this cluster (Consumer after a peering).</summary>
    public string? Role { get; init; }
    public string? Networking { get; init; }
    public string? Authentication { get; init; }
    public string? Offloading { get; init; }
    public ProviderTenant? Tenant { get; init; }
    public ProviderGateway? Gateway { get; init; }
    public ProviderResourceSlice[] ResourceSlices { get; init; } = [];
}

/// <summary>The provider's Tenant for this cluster.</summary>
public sealed class ProviderTenant
{
    public string Name { get; init; } = "";
    public string Namespace { get; init; } = "";

    /// <summary>Active, Cordoned or Drained.</summary>
    public string Condition { get; init; } = "";
    public string AuthzPolicy { get; init; } = "";

    /// <summary>The provider answered: the Tenant's status has authParams and a tenant namespace.</summary>
    public bool Ready { get; init; }
    public string? TenantNamespace { get; init; }
    public string? ApiServer { get; init; }
}

/// <summary>The provider's gateway towards this cluster.</summary>
public sealed class ProviderGateway
{
    /// <summary>GatewayServer or GatewayClient.</summary>
    public string Kind { get; init; } = "";
    public string Name { get; init; } = "";
    public string Namespace { get; init; } = "";
    public string[] Address { get; init; } = [];
    public int Port { get; init; }
    public string? Protocol { get; init; }
}

/// <summary>A ResourceSlice this cluster replicated to the provider, and the Quota the provider made from it.</summary>
public sealed class ProviderResourceSlice
{
    public string Name { get; init; } = "";
    public string Namespace { get; init; } = "";
    public bool Accepted { get; init; }
    public string? AuthenticationCondition { get; init; }
    public string? ResourcesCondition { get; init; }
    public string[] Alerts { get; init; } = [];
    public Dictionary<string, string>? Resources { get; init; }
    public ProviderQuota? Quota { get; init; }
}

/// <summary>An offloading.liqo.io Quota on the provider.</summary>
public sealed class ProviderQuota
{
    public string Name { get; init; } = "";
    public string User { get; init; } = "";
    public string? LimitsEnforcement { get; init; }
    public bool Cordoned { get; init; }
    public Dictionary<string, string>? Resources { get; init; }
}
