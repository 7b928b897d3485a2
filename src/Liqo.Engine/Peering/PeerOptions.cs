using Liqo.Engine.Authentication;
using Liqo.Engine.Networking;
using Liqo.Engine.Offloading;

namespace Liqo.Engine.Peering;

/// <summary>liqoctl peer's options, plus what the module adds (waiting for the virtual node, version checks).</summary>
public sealed record PeerOptions
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(10);

    public TimeSpan Timeout { get; init; } = DefaultTimeout;
    public bool NetworkingDisabled { get; init; }
    public GatewayServerLocation GatewayServerLocation { get; init; } = GatewayServerLocation.Provider;
    public NetworkConnectOptions Network { get; init; } = new();
    public AuthenticateOptions Authentication { get; init; } = new();

    /// <summary>Create the ResourceSlice (liqoctl --create-resource-slice, default true).</summary>
    public bool CreateResourceSlice { get; init; } = true;

    public ResourceSliceOptions ResourceSlice { get; init; } = new();

    /// <summary>Return where liqoctl returns, without waiting for the VirtualNode and its Node to be Ready.</summary>
    public bool NoWait { get; init; }

    /// <summary>Peer even when the Liqo minor versions differ.</summary>
    public bool Force { get; init; }
}
