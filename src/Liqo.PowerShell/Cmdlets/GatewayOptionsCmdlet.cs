using System.Management.Automation;
using Liqo.Engine.Networking;

namespace Liqo.PowerShell.Cmdlets;

/// <summary>The gateway options shared by New-LiqoPeering and Enable-LiqoNetworking (liqoctl's --gw-* flags).</summary>
public abstract class GatewayOptionsCmdlet : TwoClusterCmdlet
{
    /// <summary>Skips the checks of the gateway templates (liqoctl's --skip-validation).</summary>
    [Parameter] public SwitchParameter SkipValidation { get; set; }

    /// <summary>The type of the Service that exposes the gateway server (liqoctl's --gw-server-service-type).</summary>
    [Parameter] public Liqo.GatewayServiceType GatewayServerServiceType { get; set; } = Liqo.GatewayServiceType.LoadBalancer;

    /// <summary>The port of the gateway server's Service (liqoctl's --gw-server-service-port).</summary>
    [Parameter]
    [ValidateRange(1, 65535)]
    public int GatewayServerServicePort { get; set; } = NetworkConnectOptions.DefaultPort;

    /// <summary>
    /// The node port of the gateway server's Service when its type is NodePort (liqoctl's --gw-server-service-nodeport); 0
    /// lets Kubernetes choose one.
    /// </summary>
    [Parameter]
    [ValidateRange(0, 65535)]
    public int GatewayServerServiceNodePort { get; set; }

    /// <summary>The IP address to ask for the gateway server's LoadBalancer Service (liqoctl's --gw-server-service-loadbalancerip).</summary>
    [Parameter] public string? GatewayServerServiceLoadBalancerIP { get; set; }

    /// <summary>The address the gateway client dials instead of the server's, e.g. behind NAT (liqoctl's --gw-client-address).</summary>
    [Parameter] public string? GatewayClientAddress { get; set; }

    /// <summary>The port the gateway client dials instead of the server's (liqoctl's --gw-client-port); 0 keeps the server's.</summary>
    [Parameter]
    [ValidateRange(0, 65535)]
    public int GatewayClientPort { get; set; }

    /// <summary>The MTU of the tunnel between the two gateways (liqoctl's --mtu).</summary>
    [Parameter]
    [ValidateRange(576, 9000)]
    public int Mtu { get; set; } = NetworkConnectOptions.DefaultMtu;

    /// <summary>The options as the engine takes them.</summary>
    private protected NetworkConnectOptions GatewayOptions() =>
        ParameterConversions.GatewayServer(GatewayServerServiceType, GatewayServerServicePort, GatewayServerServiceNodePort,
            GatewayServerServiceLoadBalancerIP, Mtu, SkipValidation) with
        {
            ClientAddress = GatewayClientAddress,
            ClientPort = GatewayClientPort,
        };
}
