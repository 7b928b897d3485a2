using System.Collections;
using System.Management.Automation;
using Liqo.Engine.Networking;

namespace Liqo.PowerShell.Cmdlets;

/// <summary>
/// Applies another cluster's network configuration, as liqoctl create configuration does. From the
/// LiqoNetworkConfiguration material the other cluster exported, it writes the Configuration in that cluster's tenant
/// namespace (created if missing) and waits, bounded by -Timeout, for Liqo to remap its CIDRs.
/// </summary>
/// <example>
/// Import milan's network configuration on rome
/// <code>
/// Import-LiqoNetworkConfiguration ./net-milan.json -Kubeconfig ~/.kube/rome
/// </code>
/// The result shows milan's pod and external CIDRs and how rome remapped them.
/// </example>
/// <example>
/// Exchange both configurations in one session that reaches both clusters
/// <code>
/// Export-LiqoNetworkConfiguration milan -Kubeconfig ~/.kube/rome | Import-LiqoNetworkConfiguration -Kubeconfig ~/.kube/milan
/// Export-LiqoNetworkConfiguration rome -Kubeconfig ~/.kube/milan | Import-LiqoNetworkConfiguration -Kubeconfig ~/.kube/rome
/// </code>
/// The material goes down the pipeline, without files.
/// </example>
/// <seealso cref="ExportLiqoNetworkConfigurationCommand"/>
/// <seealso cref="NewLiqoGatewayServerCommand"/>
[Cmdlet(VerbsData.Import, "LiqoNetworkConfiguration", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = MaterialExchange.PathSet)]
[OutputType(typeof(NetworkConfigurationResult))]
public sealed class ImportLiqoNetworkConfigurationCommand : ClusterCmdlet, IGlobalMetadataParameters
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

    /// <summary>
    /// The namespace of the Configuration (liqoctl's --namespace). It must exist; it is not created. Default: the tenant namespace
    /// of the other cluster ("default" means it too, as in liqoctl network).
    /// </summary>
    [Parameter] public string? NetworkingNamespace { get; set; }

    /// <summary>Does not wait for Liqo to remap the CIDRs.</summary>
    [Parameter] public SwitchParameter NoWait { get; set; }

    /// <summary>
    /// The bound of the whole command, its waits included. Accepts liqoctl's durations (2m, 90s), a number of seconds or a
    /// TimeSpan.
    /// </summary>
    [Parameter]
    [DurationTransformation]
    // kubectl applies what liqoctl generates, no --timeout; network's is 2m
    public TimeSpan Timeout { get; set; } = NetworkConnectOptions.DefaultTimeout;

    protected override void ProcessRecord()
    {
        var wait = !NoWait.IsPresent;
        var networkingNamespace = NetworkingNamespace;
        WriteObject(MaterialExchange.RunOnMaterial(this, LocalSource(), Path, InputObject, Timeout, async (op, cluster, material) =>
        {
            var (conf, ns, applied) = await NetworkExchange.ImportConfigurationAsync(op, cluster, material, wait, networkingNamespace).ConfigureAwait(false);
            return OutputMapper.ImportedConfiguration(conf, ns, applied, material, cluster.ClusterId ?? "", op);
        }));
    }
}
