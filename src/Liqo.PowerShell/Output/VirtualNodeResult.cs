namespace Liqo;

/// <summary>A VirtualNode as New-LiqoVirtualNode left it.</summary>
public sealed class VirtualNodeResult
{
    public string Name { get; init; } = "";
    public string Namespace { get; init; } = "";

    /// <summary>The provider the virtual node stands for (spec.clusterID).</summary>
    public string ClusterId { get; init; } = "";

    public string KubeconfigSecret { get; init; } = "";
    public bool CreateNode { get; init; }

    /// <summary>The Node is Ready (only known when waited for).</summary>
    public bool NodeReady { get; init; }

    public bool WhatIf { get; init; }
    public TimeSpan Duration { get; init; }
}
