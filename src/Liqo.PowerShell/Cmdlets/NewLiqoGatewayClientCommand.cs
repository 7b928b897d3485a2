using System.Management.Automation;
using Liqo.Engine;
using Liqo.Engine.ClusterAccess;
using Liqo.Engine.Networking;
using EngineMaterial = Liqo.Engine.Exchange.PeeringMaterial;

namespace Liqo.PowerShell.Cmdlets;

/// <summary>
/// On the other cluster (by default the consumer): the GatewayClient dialing the server's LiqoGatewayServer endpoint
/// (-Address/-Port for NAT), its pod, the server's public key, and this gateway's own public key (liqoctl create
/// gatewayclient and create publickey): the LiqoGatewayClient for the server cluster (Import-LiqoPublicKey).
/// </summary>
[Cmdlet(VerbsCommon.New, "LiqoGatewayClient", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = PathSet)]
[OutputType(typeof(Liqo.PeeringMaterial))]
public sealed class NewLiqoGatewayClientCommand : MaterialCmdlet
{
    /// <summary>The server cluster's LiqoGatewayServer file.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathSet)]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = "";

    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = InputObjectSet)]
    public Liqo.PeeringMaterial? InputObject { get; set; }

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

    [Parameter] public string? OutFile { get; set; }

    [Parameter] public SwitchParameter Force { get; set; }

    [Parameter]
    [DurationTransformation]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(2);

    protected override void ProcessRecord()
    {
        var source = LocalSource();
        var (text, from) = ReadMaterial(Path, InputObject);
        var timeout = Timeout;
        var options = new NetworkConnectOptions
        {
            ClientAddress = Address,
            ClientPort = Port,
            Mtu = Mtu,
            ClientTemplateName = TemplateName,
            ClientTemplateNamespace = TemplateNamespace,
            SkipValidation = SkipValidation,
        };
        var (json, planned) = RunEngine(async (log, ct) =>
        {
            using var client = ClusterConnection.Open(source);
            var op = new Operation(log, timeout, ct);
            var material = await NetworkExchange.CreateGatewayClientAsync(op, client, EngineMaterial.Parse(text, from), options).ConfigureAwait(false);
            return (material.ToJson(), op.PlanOnly);
        });
        WriteObject(Publish(json, planned, OutFile, Force));
    }
}
