using System.Collections;
using System.Management.Automation;
using Liqo.Engine.Authentication;

namespace Liqo.PowerShell.Cmdlets;

/// <summary>
/// Applies the provider's ControlPlane Identity on the consumer, from the LiqoIdentity material Export-LiqoIdentity made.
/// The Identity goes in the provider's tenant namespace, and the cmdlet waits, bounded by -Timeout, for Liqo to make its
/// kubeconfig Secret. The consumer is then authenticated with the provider: New-LiqoResourceSlice can follow.
/// </summary>
/// <example>
/// Import the provider's Identity, then ask for resources
/// <code>
/// Import-LiqoIdentity ./identity.json -Kubeconfig ~/.kube/rome
/// New-LiqoResourceSlice milan -RemoteClusterId milan -Kubeconfig ~/.kube/rome
/// </code>
/// The last step of the out-of-band authentication, then the offloading.
/// </example>
/// <seealso cref="ExportLiqoIdentityCommand"/>
/// <seealso cref="NewLiqoResourceSliceCommand"/>
[Cmdlet(VerbsData.Import, "LiqoIdentity", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = MaterialExchange.PathSet)]
[OutputType(typeof(AuthenticationResult))]
public sealed class ImportLiqoIdentityCommand : ClusterCmdlet, IGlobalMetadataParameters
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
    /// The bound of the whole command, its waits included. Accepts liqoctl's durations (2m, 90s), a number of seconds or a
    /// TimeSpan.
    /// </summary>
    [Parameter]
    [DurationTransformation]
    // kubectl applies what liqoctl generates, no --timeout; authenticate's is 2m
    public TimeSpan Timeout { get; set; } = AuthenticateOptions.DefaultTimeout;

    protected override void ProcessRecord() =>
        WriteObject(MaterialExchange.RunOnMaterial(this, LocalSource(), Path, InputObject, Timeout, async (op, consumer, material) =>
        {
            var (identity, ns) = await AuthenticationExchange.ImportIdentityAsync(op, consumer, material).ConfigureAwait(false);
            return OutputMapper.ImportedIdentity(identity, ns, material, consumer.ClusterId ?? "", op);
        }));
}
