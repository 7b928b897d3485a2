using Liqo.Engine.Resources;

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

    /// <summary>The gateway server's template type, group/version/resource (liqoctl's --gw-server-type).</summary>
    public string ServerGatewayType { get; init; } = GatewayType.DefaultServer;

    /// <summary>The gateway client's template type, group/version/resource (liqoctl's --gw-client-type).</summary>
    public string ClientGatewayType { get; init; } = GatewayType.DefaultClient;

    /// <summary>The server template's kind on the server cluster, once <see cref="ServerGatewayType"/> is resolved (<see cref="GatewayTemplates.ResolveAsync"/>).</summary>
    public ResourceKind ServerTemplateKind { get; init; } = Kinds.WgGatewayServerTemplate;

    /// <summary>The client template's kind on the client cluster, once <see cref="ClientGatewayType"/> is resolved.</summary>
    public ResourceKind ClientTemplateKind { get; init; } = Kinds.WgGatewayClientTemplate;

    /// <summary>
    /// The namespace of the networking objects on the client cluster (liqoctl network's --namespace, on the local cluster);
    /// null, empty or "default": the tenant namespace (<see cref="NetworkNamespace"/>).
    /// </summary>
    public string? ClientNetworkNamespace { get; init; }

    /// <summary>The namespace of the networking objects on the server cluster (liqoctl network's --remote-namespace).</summary>
    public string? ServerNetworkNamespace { get; init; }

    /// <summary>The parameter that set <see cref="ClientNetworkNamespace"/>, for errors.</summary>
    public string ClientNamespaceParameter { get; init; } = "NetworkingNamespace";

    /// <summary>The parameter that set <see cref="ServerNetworkNamespace"/>, for errors.</summary>
    public string ServerNamespaceParameter { get; init; } = "RemoteNetworkingNamespace";

    /// <summary>Wait for the Connections to be established (peer always does).</summary>
    public bool Wait { get; init; } = true;

    /// <summary>Stop after the gateways are up, without exchanging the WireGuard public keys.</summary>
    public bool DisableSharingKeys { get; init; }
}
