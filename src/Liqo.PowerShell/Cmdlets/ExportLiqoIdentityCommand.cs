using System.Management.Automation;
using Liqo.Engine.Authentication;

namespace Liqo.PowerShell.Cmdlets;

/// <summary>
/// Exports the ControlPlane Identity for a consumer from the provider (liqoctl generate identity). It is read from the
/// status of the Tenant the provider accepted (Import-LiqoTenant) and written as the LiqoIdentity material that the
/// consumer's administrator passes to Import-LiqoIdentity. Nothing is written on the cluster.
/// </summary>
/// <example>
/// Export the Identity for the consumer rome
/// <code>
/// Export-LiqoIdentity rome -Kubeconfig ~/.kube/milan -OutFile ./identity.json
/// </code>
/// The file holds a certificate whose private key never left the consumer, so it holds no secret (on EKS it also carries the
/// AWS access key the provider issued, which the consumer needs).
/// </example>
/// <seealso cref="ImportLiqoTenantCommand"/>
/// <seealso cref="ImportLiqoIdentityCommand"/>
[Cmdlet(VerbsData.Export, "LiqoIdentity", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(Liqo.PeeringMaterial), typeof(string))]
public sealed class ExportLiqoIdentityCommand : ClusterCmdlet
{
    /// <summary>The cluster ID of the consumer whose Tenant this cluster accepted (liqoctl's --remote-cluster-id).</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("RemoteClusterId")]
    [ValidateNotNullOrEmpty]
    public string ConsumerClusterId { get; set; } = "";

    /// <summary>
    /// Writes the material to this file as well (owner-only: 0600 on Unix, an owner-only ACL on Windows), for the other
    /// cluster's administrator. The material object goes down the pipeline either way.
    /// </summary>
    [Parameter] public string? OutFile { get; set; }

    /// <summary>
    /// The format of the material: Module (default), the module's own document, which the importing cmdlet checks is for
    /// its cluster; or Liqoctl, the YAML liqoctl generate identity prints, which `kubectl apply -f`, liqoctl or a liqoctl user takes
    /// (it does not say which cluster it is for). With Liqoctl the output object is that text.
    /// </summary>
    [Parameter]
    [ValidateSet(MaterialExchange.ModuleFormat, MaterialExchange.LiqoctlFormat)]
    public string Format { get; set; } = MaterialExchange.ModuleFormat;

    /// <summary>Replaces an existing -OutFile (without it, an existing file is an error, FileExists).</summary>
    [Parameter] public SwitchParameter Force { get; set; }

    protected override void ProcessRecord()
    {
        var consumerId = ConsumerClusterId;
        MaterialExchange.Produce(this, LocalSource(), MaterialExchange.ExportTimeout,
            (op, provider) => AuthenticationExchange.ExportIdentityAsync(op, provider, consumerId), OutFile, Force, Format);
    }
}
