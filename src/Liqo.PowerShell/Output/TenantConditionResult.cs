namespace Liqo;

/// <summary>What Suspend-LiqoTenant or Resume-LiqoTenant did to a Tenant on the provider.</summary>
public sealed class TenantConditionResult
{
    /// <summary>The consumer the Tenant stands for.</summary>
    public string ConsumerClusterId { get; init; } = "";

    public string Name { get; init; } = "";
    public string Namespace { get; init; } = "";

    /// <summary>spec.tenantCondition before the command: Active, Cordoned or Drained.</summary>
    public string PreviousCondition { get; init; } = "";

    /// <summary>spec.tenantCondition now.</summary>
    public string Condition { get; init; } = "";

    /// <summary>Whether the Tenant was written (false when it already had that condition, or under -WhatIf).</summary>
    public bool Changed { get; init; }
}
