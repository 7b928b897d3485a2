using System.Management.Automation;
using Liqo.Engine.Networking;

namespace Liqo.PowerShell.Cmdlets;

/// <summary>The gateway options shared by New-LiqoPeering and Enable-LiqoNetworking (liqoctl's --gw-* flags).</summary>
public abstract class GatewayOptionsCmdlet : TwoClusterCmdlet
{
    /// <summary>Skip the gateway template checks.</summary>
    [Parameter] public SwitchParameter SkipValidation { get; set; }

    [Parameter] public Liqo.GatewayServiceType GatewayServerServiceType { get; set; } = Liqo.GatewayServiceType.LoadBalancer;

    [Parameter]
    [ValidateRange(1, 65535)]
    public int GatewayServerServicePort { get; set; } = NetworkConnectOptions.DefaultPort;

    [Parameter]
    [ValidateRange(0, 65535)]
    public int GatewayServerServiceNodePort { get; set; }

    [Parameter] public string? GatewayServerServiceLoadBalancerIP { get; set; }

    /// <summary>The address the client dials instead of the server's (NAT).</summary>
    [Parameter] public string? GatewayClientAddress { get; set; }

    [Parameter]
    [ValidateRange(0, 65535)]
    public int GatewayClientPort { get; set; }

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
