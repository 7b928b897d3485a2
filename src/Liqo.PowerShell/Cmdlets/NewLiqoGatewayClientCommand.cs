using System.Management.Automation;
using Liqo.Engine.Networking;

namespace Liqo.PowerShell.Cmdlets;

/// <summary>
/// On the other cluster (by default the consumer): the GatewayClient dialing the server's LiqoGatewayServer endpoint
/// (-Address/-Port for NAT), its pod, the server's public key, and this gateway's own public key (liqoctl create
/// gatewayclient and create publickey): the LiqoGatewayClient for the server cluster (Import-LiqoPublicKey).
/// </summary>
[Cmdlet(VerbsCommon.New, "LiqoGatewayClient", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = PathSet)]
[OutputType(typeof(Liqo.PeeringMaterial))]
public sealed class NewLiqoGatewayClientCommand : MaterialInputCmdlet
{
    /// <summary>The address to dial instead of the server's (NAT; liqoctl --gw-client-address).</summary>
    [Parameter] public string? Address { get; set; }

    /// <summary>The port to dial instead of the server's (liqoctl --gw-client-port).</summary>
    [Parameter]
    [ValidateRange(0, 65535)]
    public int Port { get; set; }

    [Parameter]
    [ValidateRange(576, 9000)]
    public int Mtu { get; set; } = 1340;

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string TemplateName { get; set; } = "wireguard-client";

    /// <summary>Default: this cluster's Liqo namespace.</summary>
    [Parameter] public string? TemplateNamespace { get; set; }

    [Parameter] public SwitchParameter SkipValidation { get; set; }

    /// <summary>Write the LiqoGatewayClient to this file (owner-only).</summary>
    [Parameter] public string? OutFile { get; set; }

    /// <summary>Replace an existing -OutFile.</summary>
    [Parameter] public SwitchParameter Force { get; set; }

    protected override void ProcessRecord()
    {
        var options = ParameterConversions.GatewayClient(Address, Port, Mtu, SkipValidation) with
        {
            ClientTemplateName = TemplateName,
            ClientTemplateNamespace = TemplateNamespace,
        };
        Reply(Path, InputObject, Timeout, (op, client, material) => NetworkExchange.CreateGatewayClientAsync(op, client, material, options), OutFile, Force);
    }
}
