namespace Liqo.Engine.Offloading;

/// <summary>liqoctl create resourceslice's options (and the offloading part of peer).</summary>
public sealed record ResourceSliceOptions
{
    public const string DefaultClass = "default";

    public string Class { get; init; } = DefaultClass;

    /// <summary>Quantities asked for: cpu, memory, pods and any other resource name (e.g. nvidia.com/gpu). Empty values are left out.</summary>
    public IReadOnlyDictionary<string, string> Resources { get; init; } = new Dictionary<string, string>();

    /// <summary>Adds the liqo.io/create-virtual-node annotation (peer's --create-virtual-node, default true).</summary>
    public bool CreateVirtualNode { get; init; } = true;
}
