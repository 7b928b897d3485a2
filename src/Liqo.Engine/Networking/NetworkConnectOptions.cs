namespace Liqo.Engine.Networking;

/// <summary>The gateway Service types liqoctl accepts.</summary>
public enum GatewayServiceType { LoadBalancer, NodePort, ClusterIP }

/// <summary>Which cluster hosts the gateway server (liqoctl peer --gw-server-service-location).</summary>
public enum GatewayServerLocation { Provider, Consumer }

/// <summary>
/// liqoctl network connect's options (also what peer passes on). The "client" cluster is the local one and the "server"
/// cluster the remote one, unless a peering puts the server on the consumer.
/// </summary>
public sealed record NetworkConnectOptions
{
    public const int DefaultPort = 51840;
    public const int DefaultMtu = 1340;
    public const string DefaultServerTemplateName = "wireguard-server";
    public const string DefaultClientTemplateName = "wireguard-client";
    /// <summary>liqoctl network's --timeout default.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(2);

    public GatewayServiceType ServiceType { get; init; } = GatewayServiceType.LoadBalancer;
    public int ServicePort { get; init; } = DefaultPort;
    public int ServiceNodePort { get; init; }
    public string? ServiceLoadBalancerIp { get; init; }
    public string? ClientAddress { get; init; }
    public int ClientPort { get; init; }
    public int Mtu { get; init; } = DefaultMtu;
    public string ServerTemplateName { get; init; } = DefaultServerTemplateName;

    /// <summary>Default: the server cluster's Liqo namespace.</summary>
    public string? ServerTemplateNamespace { get; init; }

    public string ClientTemplateName { get; init; } = DefaultClientTemplateName;

    /// <summary>Default: the client cluster's Liqo namespace.</summary>
    public string? ClientTemplateNamespace { get; init; }

    public bool SkipValidation { get; init; }

    /// <summary>Wait for the Connections to be established (peer always does).</summary>
    public bool Wait { get; init; } = true;

    /// <summary>Stop after the gateways are up, without exchanging the WireGuard public keys.</summary>
    public bool DisableSharingKeys { get; init; }
}
