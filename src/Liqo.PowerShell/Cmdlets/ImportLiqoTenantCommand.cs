using System.Collections;
using System.Management.Automation;
using Liqo.Engine.Authentication;

namespace Liqo.PowerShell.Cmdlets;

/// <summary>
/// Applies a consumer's Tenant on the provider, from the LiqoTenant material New-LiqoTenant made. The Tenant goes in the
/// consumer's tenant namespace, and the cmdlet waits, bounded by -Timeout, for the provider to accept it (ErrorId
/// TenantNotAccepted otherwise: a bad signature or CSR, or Liqo's controller is down). Export-LiqoIdentity follows.
/// </summary>
/// <example>
/// Import the consumer's Tenant, then export the Identity for it
/// <code>
/// Import-LiqoTenant ./tenant.json -Kubeconfig ~/.kube/milan
/// Export-LiqoIdentity rome -Kubeconfig ~/.kube/milan -OutFile ./identity.json
/// </code>
/// identity.json goes back to the consumer's administrator, who runs Import-LiqoIdentity with it.
/// </example>
/// <seealso cref="NewLiqoTenantCommand"/>
/// <seealso cref="ExportLiqoIdentityCommand"/>
[Cmdlet(VerbsData.Import, "LiqoTenant", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = MaterialExchange.PathSet)]
[OutputType(typeof(TenantResult))]
public sealed class ImportLiqoTenantCommand : ClusterCmdlet, IGlobalMetadataParameters
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
        WriteObject(MaterialExchange.RunOnMaterial(this, LocalSource(), Path, InputObject, Timeout, async (op, provider, material) =>
        {
            var tenant = await AuthenticationExchange.ImportTenantAsync(op, provider, material).ConfigureAwait(false);
            return OutputMapper.ImportedTenant(tenant, material, provider.ClusterId ?? "", op);
        }));
}
