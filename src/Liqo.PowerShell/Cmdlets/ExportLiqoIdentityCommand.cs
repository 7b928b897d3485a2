using System.Management.Automation;
using Liqo.Engine.Authentication;

namespace Liqo.PowerShell.Cmdlets;

/// <summary>
/// On the provider (liqoctl generate identity): the ControlPlane Identity for the consumer, from the status of the
/// Tenant the provider accepted: the LiqoIdentity for the consumer (Import-LiqoIdentity). Writes nothing on the cluster.
/// </summary>
[Cmdlet(VerbsData.Export, "LiqoIdentity", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(Liqo.PeeringMaterial))]
public sealed class ExportLiqoIdentityCommand : MaterialExportCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("RemoteClusterId")]
    [ValidateNotNullOrEmpty]
    public string ConsumerClusterId { get; set; } = "";

    protected override void ProcessRecord()
    {
        var consumerId = ConsumerClusterId;
        Export((op, provider) => AuthenticationExchange.ExportIdentityAsync(op, provider, consumerId));
    }
}
