namespace Liqo.Engine.Peering;

/// <summary>liqoctl unpeer's options.</summary>
public sealed record UnpeerOptions
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(2);

    public TimeSpan Timeout { get; init; } = DefaultTimeout;

    /// <summary>Wait for the ResourceSlices, VirtualNodes and namespaces to be gone (liqoctl --wait, default true).</summary>
    public bool Wait { get; init; } = true;

    /// <summary>Delete both tenant namespaces at the end (refused for a bidirectional peering).</summary>
    public bool DeleteNamespaces { get; init; }

    /// <summary>The provider's cluster ID the caller expects (e.g. piped from Get-LiqoPeerInfo); another one stops the unpeer before anything is removed.</summary>
    public string? ExpectedProviderId { get; init; }
}
