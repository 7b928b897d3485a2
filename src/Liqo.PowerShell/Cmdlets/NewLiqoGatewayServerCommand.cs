using System.Collections;
using System.Management.Automation;
using Liqo.Engine.Networking;

namespace Liqo.PowerShell.Cmdlets;

/// <summary>
/// Creates the gateway server of a tunnel to another cluster, as liqoctl create gatewayserver does. It runs on the cluster
/// that hosts the server, usually the provider: it creates the GatewayServer, waits for its pod and endpoint, and writes
/// the LiqoGatewayServer material (endpoint and WireGuard public key) that the other cluster passes to
/// New-LiqoGatewayClient. Import-LiqoNetworkConfiguration must have run on this cluster first.
/// </summary>
/// <example>
/// Create the server for the consumer rome
/// <code>
/// New-LiqoGatewayServer rome -Kubeconfig ~/.kube/milan -OutFile ./gateway-server.json
/// </code>
/// The server is exposed by a LoadBalancer Service on port 51840, liqoctl's defaults.
/// </example>
/// <example>
/// Expose the server on a NodePort
/// <code>
/// New-LiqoGatewayServer rome -Kubeconfig ~/.kube/milan -ServiceType NodePort -ServiceNodePort 30871 -OutFile ./gateway-server.json
/// </code>
/// The client cluster can dial another address with New-LiqoGatewayClient -Address, e.g. behind NAT.
/// </example>
/// <seealso cref="NewLiqoGatewayClientCommand"/>
/// <seealso cref="ImportLiqoPublicKeyCommand"/>
[Cmdlet(VerbsCommon.New, "LiqoGatewayServer", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(Liqo.PeeringMaterial))]
public sealed class NewLiqoGatewayServerCommand : ClusterCmdlet, IGlobalMetadataParameters
{
    /// <inheritdoc cref="IGlobalMetadataParameters.GlobalLabel"/>
    [Parameter] public Hashtable? GlobalLabel { get; set; }

    /// <inheritdoc cref="IGlobalMetadataParameters.GlobalAnnotation"/>
    [Parameter] public Hashtable? GlobalAnnotation { get; set; }

    /// <summary>The cluster ID of the cluster whose gateway client will connect (liqoctl's --remote-cluster-id).</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string RemoteClusterId { get; set; } = "";

    /// <summary>The type of the Service that exposes the gateway server.</summary>
    [Parameter] public Liqo.GatewayServiceType ServiceType { get; set; } = Liqo.GatewayServiceType.LoadBalancer;

    /// <summary>The port of the gateway server's Service.</summary>
    [Parameter]
    [ValidateRange(1, 65535)]
    public int ServicePort { get; set; } = NetworkConnectOptions.DefaultPort;

    /// <summary>The node port of the Service when -ServiceType is NodePort; 0 lets Kubernetes choose one.</summary>
    [Parameter]
    [ValidateRange(0, 65535)]
    public int ServiceNodePort { get; set; }

    /// <summary>The IP address to ask for the LoadBalancer Service.</summary>
    [Parameter] public string? ServiceLoadBalancerIP { get; set; }

    /// <summary>The MTU of the tunnel.</summary>
    [Parameter]
    [ValidateRange(576, 9000)]
    public int Mtu { get; set; } = NetworkConnectOptions.DefaultMtu;

    /// <summary>The gateway server template.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string TemplateName { get; set; } = NetworkConnectOptions.DefaultServerTemplateName;

    /// <summary>The namespace of the gateway server template. Default: this cluster's Liqo namespace.</summary>
    [Parameter] public string? TemplateNamespace { get; set; }

    /// <summary>
    /// The type of the gateway server's template, as group/version/resource (liqoctl's --type). Default: Liqo's WireGuard
    /// server template, networking.liqo.io/v1beta1/wggatewayservertemplates. A type this cluster does not serve is refused before anything is written.
    /// </summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string Type { get; set; } = GatewayType.DefaultServer;

    /// <summary>
    /// The namespace of the GatewayServer and of the PublicKey it is given later (Import-LiqoPublicKey -NetworkingNamespace) (liqoctl's --namespace). It must exist; it is not created. Default: the tenant namespace
    /// of the other cluster ("default" means it too, as in liqoctl network).
    /// </summary>
    [Parameter] public string? NetworkingNamespace { get; set; }

    /// <summary>Skips the checks of the gateway template and lets a node port outside 30000-32767 through (a cluster with another node-port range).</summary>
    [Parameter] public SwitchParameter SkipValidation { get; set; }

    /// <summary>
    /// Writes the material to this file as well (owner-only: 0600 on Unix, an owner-only ACL on Windows), for the other
    /// cluster's administrator. The material object goes down the pipeline either way.
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
    // liqoctl create gatewayserver has none; network's is 2m
    public TimeSpan Timeout { get; set; } = NetworkConnectOptions.DefaultTimeout;

    protected override void ProcessRecord()
    {
        var remoteId = RemoteClusterId;
        var options = ParameterConversions.GatewayServer(ServiceType, ServicePort, ServiceNodePort, ServiceLoadBalancerIP, Mtu, SkipValidation) with
        {
            ServerTemplateName = TemplateName,
            ServerTemplateNamespace = TemplateNamespace,
            ServerGatewayType = Type,
        };
        var networkingNamespace = NetworkingNamespace;
        MaterialExchange.Produce(this, LocalSource(), Timeout,
            (op, server) => NetworkExchange.CreateGatewayServerAsync(op, server, remoteId, options, networkingNamespace), OutFile, Force);
    }
}
