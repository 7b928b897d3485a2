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
