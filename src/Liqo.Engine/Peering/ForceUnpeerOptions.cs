namespace Liqo.Engine.Peering;

/// <summary>liqoctl force unpeer's options.</summary>
public sealed record ForceUnpeerOptions
{
    /// <summary>The bound of the whole command (liqoctl force unpeer has none; the module's teardowns default to 2m).</summary>
    public TimeSpan Timeout { get; init; } = UnpeerOptions.DefaultTimeout;

    /// <summary>Wait for the local tenant namespace to be gone (liqoctl always waits).</summary>
    public bool Wait { get; init; } = true;
}
