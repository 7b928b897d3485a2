namespace Liqo;

/// <summary>What Import-LiqoTenant did on the provider.</summary>
public sealed class TenantResult
{
    public string ConsumerClusterId { get; init; } = "";
    public string ProviderClusterId { get; init; } = "";

    /// <summary>The consumer's tenant namespace on the provider.</summary>
    public string Namespace { get; init; } = "";

    /// <summary>The provider accepted the Tenant (its status is filled): Export-LiqoIdentity can run.</summary>
    public bool Accepted { get; init; }

    public bool WhatIf { get; init; }
    public TimeSpan Duration { get; init; }
}
