namespace Liqo;

/// <summary>What Import-LiqoNetworkConfiguration did.</summary>
public sealed class NetworkConfigurationResult
{
    public string LocalClusterId { get; init; } = "";
    public string RemoteClusterId { get; init; } = "";
    public string Namespace { get; init; } = "";
    public string[] PodCidrs { get; init; } = Array.Empty<string>();
    public string[] ExternalCidrs { get; init; } = Array.Empty<string>();

    /// <summary>The remote CIDRs as remapped on this cluster (known once applied).</summary>
    public string[] RemappedPodCidrs { get; init; } = Array.Empty<string>();
    public string[] RemappedExternalCidrs { get; init; } = Array.Empty<string>();

    /// <summary>Liqo remapped the CIDRs (NetworkCIDRsConfigured); only known when waited for.</summary>
    public bool Applied { get; init; }

    public bool WhatIf { get; init; }
    public TimeSpan Duration { get; init; }
}
