using System.Collections;
using System.Management.Automation;
using Liqo.Engine.Networking;

namespace Liqo.PowerShell.Cmdlets;

/// <summary>
/// Connects the networks of two clusters, as liqoctl network connect does. It exchanges the clusters' network
/// Configurations (and waits for Liqo to remap their CIDRs), creates the gateway server on the remote cluster and the
/// gateway client on the local one, and shares their WireGuard public keys; with -Wait it waits for both Connections to be
/// established. This is the networking module of New-LiqoPeering, run on its own.
/// </summary>
/// <remarks>
/// The remote cluster hosts the server, whichever cluster consumes: point -RemoteKubeconfig at the cluster that should run
/// it. If the clusters are already connected the other way, the existing tunnel is reused (ReusedReverseTunnel in the
/// result).
/// </remarks>
/// <example>
/// Connect two clusters and wait for the tunnel
/// <code>
/// Enable-LiqoNetworking -Kubeconfig ~/.kube/consumer -RemoteKubeconfig ~/.kube/provider -Wait
/// </code>
/// The result says whether the Connections were Established and how long it took.
/// </example>
/// <example>
/// Expose the gateway server on a NodePort behind NAT
/// <code>
/// Enable-LiqoNetworking -Context rome -RemoteContext milan -GatewayServerServiceType NodePort -GatewayServerServiceNodePort 30871 -GatewayClientAddress 203.0.113.7 -Wait -Timeout 5m
/// </code>
/// milan's gateway server listens on node port 30871; rome's client dials 203.0.113.7, the address that forwards to it.
/// </example>
/// <seealso cref="DisableLiqoNetworkingCommand"/>
/// <seealso cref="ResetLiqoNetworkingCommand"/>
/// <seealso cref="NewLiqoPeeringCommand"/>
[Cmdlet(VerbsLifecycle.Enable, "LiqoNetworking", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(NetworkingResult))]
public sealed class EnableLiqoNetworkingCommand : TwoClusterCmdlet, IGlobalMetadataParameters
{
    /// <inheritdoc cref="IGlobalMetadataParameters.GlobalLabel"/>
    [Parameter] public Hashtable? GlobalLabel { get; set; }

    /// <inheritdoc cref="IGlobalMetadataParameters.GlobalAnnotation"/>
    [Parameter] public Hashtable? GlobalAnnotation { get; set; }

    /// <summary>The bound of the whole command (liqoctl's --timeout). Accepts liqoctl's durations (2m, 90s), a number of seconds or a TimeSpan.</summary>
    [Parameter]
    [DurationTransformation]
    // liqoctl network's --timeout, 2m
    public TimeSpan Timeout { get; set; } = NetworkConnectOptions.DefaultTimeout;

    /// <summary>Waits for the Connections on both clusters to be established (liqoctl's --wait).</summary>
    [Parameter] public SwitchParameter Wait { get; set; }

    /// <summary>Stops once both gateways run, without exchanging their public keys (liqoctl's --disable-sharing-keys).</summary>
    [Parameter] public SwitchParameter DisableSharingKeys { get; set; }

    /// <summary>The template of the gateway server, on the remote cluster (liqoctl's --gw-server-template-name).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string GatewayServerTemplateName { get; set; } = NetworkConnectOptions.DefaultServerTemplateName;

    /// <summary>The namespace of the gateway server template (liqoctl's --gw-server-template-namespace). Default: the remote cluster's Liqo namespace.</summary>
    [Parameter] public string? GatewayServerTemplateNamespace { get; set; }

    /// <summary>The template of the gateway client, on the local cluster (liqoctl's --gw-client-template-name).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string GatewayClientTemplateName { get; set; } = NetworkConnectOptions.DefaultClientTemplateName;

    /// <summary>The namespace of the gateway client template (liqoctl's --gw-client-template-namespace). Default: the local cluster's Liqo namespace.</summary>
    [Parameter] public string? GatewayClientTemplateNamespace { get; set; }

    /// <summary>Skips the checks of the gateway templates (liqoctl's --skip-validation) and lets a node port outside 30000-32767 through (a cluster with another node-port range).</summary>
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

    /// <summary>
    /// The namespace of the networking objects (Configuration, GatewayClient, PublicKey) on the local cluster (liqoctl
    /// network's --namespace). It must exist; it is not created. Default: the tenant namespace of the remote cluster, which
    /// is created when missing ("default" means the tenant namespace too, as in liqoctl).
    /// </summary>
    [Parameter] public string? NetworkingNamespace { get; set; }

    /// <summary>
    /// The namespace of the networking objects (Configuration, GatewayServer, PublicKey) on the remote cluster (liqoctl
    /// network's --remote-namespace). It must exist; it is not created. Default: the tenant namespace of the local cluster
    /// there ("default" means the tenant namespace too, as in liqoctl).
    /// </summary>
    [Parameter] public string? RemoteNetworkingNamespace { get; set; }

    /// <summary>
    /// The type of the gateway server's template, as group/version/resource (liqoctl's --gw-server-type). Default: Liqo's
    /// WireGuard server template, networking.liqo.io/v1beta1/wggatewayservertemplates. The GatewayServer names the kind the
    /// remote cluster serves for it; a type it does not serve is refused before anything is written.
    /// </summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string GatewayServerType { get; set; } = GatewayType.DefaultServer;

    /// <summary>
    /// The type of the gateway client's template, as group/version/resource (liqoctl's --gw-client-type). Default: Liqo's
    /// WireGuard client template, networking.liqo.io/v1beta1/wggatewayclienttemplates, on the local cluster.
    /// </summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string GatewayClientType { get; set; } = GatewayType.DefaultClient;

    /// <summary>The MTU of the tunnel between the two gateways (liqoctl's --mtu).</summary>
    [Parameter]
    [ValidateRange(576, 9000)]
    public int Mtu { get; set; } = NetworkConnectOptions.DefaultMtu;

    protected override void ProcessRecord()
    {
        var (local, remote) = (LocalSource(), RemoteSource());
        var options = ParameterConversions.GatewayOptions(GatewayServerServiceType, GatewayServerServicePort, GatewayServerServiceNodePort,
            GatewayServerServiceLoadBalancerIP, GatewayClientAddress, GatewayClientPort, Mtu, SkipValidation) with
        {
            Wait = Wait,
            DisableSharingKeys = DisableSharingKeys,
            ServerTemplateName = GatewayServerTemplateName,
            ServerTemplateNamespace = GatewayServerTemplateNamespace,
            ClientTemplateName = GatewayClientTemplateName,
            ClientTemplateNamespace = GatewayClientTemplateNamespace,
            ServerGatewayType = GatewayServerType,
            ClientGatewayType = GatewayClientType,
            ClientNetworkNamespace = NetworkingNamespace,
            ServerNetworkNamespace = RemoteNetworkingNamespace,
        };
        WriteObject(RunOnClusters(local, remote, Timeout, async (op, client, server) =>
        {
            var r = await NetworkConnect.RunAsync(op, client, server, options).ConfigureAwait(false);
            return OutputMapper.From(r, client.ClusterId ?? "", server.ClusterId ?? "", op);
        }));
    }
}
