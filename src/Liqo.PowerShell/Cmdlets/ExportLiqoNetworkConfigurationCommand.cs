using System.Management.Automation;
using Liqo.Engine.Networking;

namespace Liqo.PowerShell.Cmdlets;

/// <summary>
/// Exports this cluster's pod and external CIDRs for another cluster, as liqoctl generate configuration does. They are
/// written as the LiqoNetworkConfiguration material the other cluster imports with Import-LiqoNetworkConfiguration. Both
/// clusters export theirs. Nothing is written on the cluster.
/// </summary>
/// <remarks>
/// Out of band, networking goes: Export-LiqoNetworkConfiguration and Import-LiqoNetworkConfiguration (both clusters),
/// New-LiqoGatewayServer (the server cluster, usually the provider), New-LiqoGatewayClient (the other cluster),
/// Import-LiqoPublicKey (the server cluster).
/// </remarks>
/// <example>
/// Export rome's network configuration for milan
/// <code>
/// Export-LiqoNetworkConfiguration -RemoteClusterId milan -Kubeconfig ~/.kube/rome -OutFile ./net-rome.json
/// </code>
/// milan's administrator imports net-rome.json; rome imports milan's in turn.
/// </example>
/// <seealso cref="ImportLiqoNetworkConfigurationCommand"/>
/// <seealso cref="NewLiqoGatewayServerCommand"/>
[Cmdlet(VerbsData.Export, "LiqoNetworkConfiguration", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(Liqo.PeeringMaterial), typeof(string))]
public sealed class ExportLiqoNetworkConfigurationCommand : ClusterCmdlet
{
    /// <summary>The cluster ID of the cluster that will import it (liqoctl's --remote-cluster-id).</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string RemoteClusterId { get; set; } = "";

    /// <summary>
    /// Writes the material to this file as well (owner-only: 0600 on Unix, an owner-only ACL on Windows), for the other
    /// cluster's administrator. The material object goes down the pipeline either way.
    /// </summary>
    [Parameter] public string? OutFile { get; set; }

    /// <summary>
    /// The format of the material: Module (default), the module's own document, which the importing cmdlet checks is for
    /// its cluster; or Liqoctl, the YAML liqoctl generate configuration prints, which `kubectl apply -f`, liqoctl or a liqoctl user takes
    /// (it does not say which cluster it is for). With Liqoctl the output object is that text.
    /// </summary>
    [Parameter]
    [ValidateSet(MaterialExchange.ModuleFormat, MaterialExchange.LiqoctlFormat)]
    public string Format { get; set; } = MaterialExchange.ModuleFormat;

    /// <summary>Replaces an existing -OutFile (without it, an existing file is an error, FileExists).</summary>
    [Parameter] public SwitchParameter Force { get; set; }

    protected override void ProcessRecord()
    {
        var remoteId = RemoteClusterId;
        MaterialExchange.Produce(this, LocalSource(), MaterialExchange.ExportTimeout,
            (op, cluster) => NetworkExchange.ExportConfigurationAsync(op, cluster, remoteId), OutFile, Force, Format);
    }
}
