using System.Collections;
using System.Management.Automation;
using Liqo.Engine.Networking;

namespace Liqo.PowerShell.Cmdlets;

/// <summary>
/// Creates the gateway client of a tunnel, as liqoctl create gatewayclient and create publickey do. It runs on the cluster
/// that does not host the server, usually the consumer. From the server's LiqoGatewayServer material it creates the
/// GatewayClient that dials the server's endpoint (or -Address and -Port, e.g. behind NAT), waits for its pod, applies the
/// server's public key, and writes the LiqoGatewayClient material (this gateway's public key) that the server cluster
/// passes to Import-LiqoPublicKey.
/// </summary>
/// <example>
/// Create the client from the server's file
/// <code>
/// New-LiqoGatewayClient ./gateway-server.json -Kubeconfig ~/.kube/rome -OutFile ./gateway-client.json
/// </code>
/// gateway-client.json goes back to the server cluster's administrator.
/// </example>
/// <example>
/// Dial the server through NAT
/// <code>
/// New-LiqoGatewayClient ./gateway-server.json -Kubeconfig ~/.kube/rome -Address 203.0.113.7 -Port 30871 -OutFile ./gateway-client.json
/// </code>
/// The client dials 203.0.113.7:30871, which forwards to the server's Service.
/// </example>
/// <seealso cref="NewLiqoGatewayServerCommand"/>
/// <seealso cref="ImportLiqoPublicKeyCommand"/>
[Cmdlet(VerbsCommon.New, "LiqoGatewayClient", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = MaterialExchange.PathSet)]
[OutputType(typeof(Liqo.PeeringMaterial))]
public sealed class NewLiqoGatewayClientCommand : ClusterCmdlet, IGlobalMetadataParameters
{
    /// <inheritdoc cref="IGlobalMetadataParameters.GlobalLabel"/>
    [Parameter] public Hashtable? GlobalLabel { get; set; }

    /// <inheritdoc cref="IGlobalMetadataParameters.GlobalAnnotation"/>
    [Parameter] public Hashtable? GlobalAnnotation { get; set; }

    /// <summary>The file with the other cluster's peering material, as its -OutFile wrote it.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = MaterialExchange.PathSet)]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = "";

    /// <summary>
    /// The other cluster's peering material as an object, e.g. piped from the cmdlet that made it when one session reaches
    /// both clusters.
    /// </summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = MaterialExchange.InputObjectSet)]
    public Liqo.PeeringMaterial? InputObject { get; set; }

    /// <summary>The address to dial instead of the server's, e.g. behind NAT.</summary>
    [Parameter] public string? Address { get; set; }

    /// <summary>The port to dial instead of the server's; 0 keeps the server's.</summary>
    [Parameter]
    [ValidateRange(0, 65535)]
    public int Port { get; set; }

    /// <summary>The MTU of the tunnel.</summary>
    [Parameter]
    [ValidateRange(576, 9000)]
    public int Mtu { get; set; } = NetworkConnectOptions.DefaultMtu;

    /// <summary>The gateway client template.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string TemplateName { get; set; } = NetworkConnectOptions.DefaultClientTemplateName;

    /// <summary>The namespace of the gateway client template. Default: this cluster's Liqo namespace.</summary>
    [Parameter] public string? TemplateNamespace { get; set; }

    /// <summary>
    /// The type of the gateway client's template, as group/version/resource (liqoctl's --type). Default: Liqo's WireGuard
    /// client template, networking.liqo.io/v1beta1/wggatewayclienttemplates. A type this cluster does not serve is refused before anything is written.
    /// </summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string Type { get; set; } = GatewayType.DefaultClient;

    /// <summary>
    /// The namespace of the GatewayClient and the server's PublicKey, where the Configuration is (Import-LiqoNetworkConfiguration -NetworkingNamespace) (liqoctl's --namespace). It must exist; it is not created. Default: the tenant namespace
    /// of the other cluster ("default" means it too, as in liqoctl network).
    /// </summary>
    [Parameter] public string? NetworkingNamespace { get; set; }

    /// <summary>Skips the checks of the gateway template.</summary>
    [Parameter] public SwitchParameter SkipValidation { get; set; }

    /// <summary>
    /// Writes the LiqoGatewayClient to this file as well (owner-only: 0600 on Unix, an owner-only ACL on Windows), for the
    /// server cluster's administrator. The material object goes down the pipeline either way.
    /// </summary>
    [Parameter] public string? OutFile { get; set; }

    /// <summary>Replaces an existing -OutFile (without it, an existing file is an error, FileExists).</summary>
    [Parameter] public SwitchParameter Force { get; set; }

    /// <summary>
    /// The bound of the whole command, its waits included. Accepts liqoctl's durations (2m, 90s), a number of seconds or a
    /// TimeSpan.
    /// </summary>
    [Parameter]
    [DurationTransformation]
    // liqoctl create gatewayclient has none; network's is 2m
    public TimeSpan Timeout { get; set; } = NetworkConnectOptions.DefaultTimeout;

    protected override void ProcessRecord()
    {
        var options = ParameterConversions.GatewayClient(Address, Port, Mtu, SkipValidation) with
        {
            ClientTemplateName = TemplateName,
            ClientTemplateNamespace = TemplateNamespace,
            ClientGatewayType = Type,
        };
        var networkingNamespace = NetworkingNamespace;
        MaterialExchange.Reply(this, LocalSource(), Path, InputObject, Timeout,
            (op, client, material) => NetworkExchange.CreateGatewayClientAsync(op, client, material, options, networkingNamespace), OutFile, Force);
    }
}
