namespace Liqo;

/// <summary>What Enable-LiqoAuthentication did.</summary>
public sealed class AuthenticationResult
{
    public string ConsumerClusterId { get; init; } = "";
    public string ProviderClusterId { get; init; } = "";
    public string ConsumerTenantNamespace { get; init; } = "";
    public string ProviderTenantNamespace { get; init; } = "";
    public string Identity { get; init; } = "";
    public bool Completed { get; init; }
    public bool WhatIf { get; init; }
    public TimeSpan Duration { get; init; }
}
