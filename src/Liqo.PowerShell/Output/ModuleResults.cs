namespace Liqo;

/// <summary>What Enable-LiqoNetworking did.</summary>
public sealed class NetworkingResult
{
    public string LocalClusterId { get; init; } = "";
    public string RemoteClusterId { get; init; } = "";

    /// <summary>The tunnel existed already (built by the opposite peering); nothing was created.</summary>
    public bool ReusedReverseTunnel { get; init; }

    /// <summary>Both Connections reached Connected (only known with -Wait).</summary>
    public bool Established { get; init; }

    public bool WhatIf { get; init; }
    public TimeSpan Duration { get; init; }
}

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
