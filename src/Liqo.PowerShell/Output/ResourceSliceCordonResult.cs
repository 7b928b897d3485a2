namespace Liqo;

/// <summary>What Suspend-LiqoResourceSlice or Resume-LiqoResourceSlice did to a ResourceSlice on the provider.</summary>
public sealed class ResourceSliceCordonResult
{
    public string Name { get; init; } = "";
    public string Namespace { get; init; } = "";

    /// <summary>The consumer that asked for the slice.</summary>
    public string ConsumerClusterId { get; init; } = "";

    /// <summary>Whether the slice carries liqo.io/cordon now.</summary>
    public bool Cordoned { get; init; }

    /// <summary>Whether the slice was written.</summary>
    public bool Changed { get; init; }
}
