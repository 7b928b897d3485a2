using System.Management.Automation;
using Liqo.Engine.Networking;

namespace Liqo.PowerShell.Cmdlets;

/// <summary>
/// On the cluster that hosts the tunnel's server (by default the provider): the GatewayServer for the other cluster, its
/// pod, endpoint and WireGuard public key (liqoctl create gatewayserver): the LiqoGatewayServer for the client cluster
/// (New-LiqoGatewayClient). Import-LiqoNetworkConfiguration must have run on this cluster first.
/// </summary>
[Cmdlet(VerbsCommon.New, "LiqoGatewayServer", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(Liqo.PeeringMaterial))]
public sealed class NewLiqoGatewayServerCommand : MaterialOutputCmdlet
{
    /// <summary>The cluster whose gateway client will connect.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string RemoteClusterId { get; set; } = "";

    [Parameter] public Liqo.GatewayServiceType ServiceType { get; set; } = Liqo.GatewayServiceType.LoadBalancer;

    [Parameter]
    [ValidateRange(1, 65535)]
    public int ServicePort { get; set; } = 51840;

    [Parameter]
    [ValidateRange(0, 65535)]
    public int ServiceNodePort { get; set; }

    [Parameter] public string? ServiceLoadBalancerIP { get; set; }

    [Parameter]
    [ValidateRange(576, 9000)]
    public int Mtu { get; set; } = 1340;

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string TemplateName { get; set; } = "wireguard-server";

    /// <summary>Default: this cluster's Liqo namespace.</summary>
    [Parameter] public string? TemplateNamespace { get; set; }

    [Parameter] public SwitchParameter SkipValidation { get; set; }

    protected override void ProcessRecord()
    {
        var remoteId = RemoteClusterId;
        var options = ParameterConversions.GatewayServer(ServiceType, ServicePort, ServiceNodePort, ServiceLoadBalancerIP, Mtu, SkipValidation) with
        {
            ServerTemplateName = TemplateName,
            ServerTemplateNamespace = TemplateNamespace,
        };
        Produce((op, server) => NetworkExchange.CreateGatewayServerAsync(op, server, remoteId, options));
    }
}
