namespace Liqo;

/// <summary>A ResourceSlice as New-LiqoResourceSlice left it: what was asked for and what the provider answered.</summary>
public sealed class ResourceSliceResult
{
    public string Name { get; init; } = "";
    public string Namespace { get; init; } = "";
    public string ProviderClusterId { get; init; } = "";
    public string Class { get; init; } = "";

    /// <summary>The amounts asked for (spec.resources), as written.</summary>
    public IReadOnlyDictionary<string, string> RequestedResources { get; init; } = new Dictionary<string, string>();

    /// <summary>Whether the slice asks for a virtual node (the liqo.io/create-virtual-node annotation).</summary>
    public bool CreateVirtualNode { get; init; }

    /// <summary>The Authentication condition: Accepted, Denied, or empty when not known (not waited for, -WhatIf).</summary>
    public string Authentication { get; init; } = "";

    /// <summary>The Resources condition: Accepted, Denied, or empty.</summary>
    public string Resources { get; init; } = "";

    public bool WhatIf { get; init; }
    public TimeSpan Duration { get; init; }
}
