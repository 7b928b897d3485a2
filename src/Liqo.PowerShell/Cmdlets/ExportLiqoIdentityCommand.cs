using System.Management.Automation;
using Liqo.Engine;
using Liqo.Engine.Authentication;
using Liqo.Engine.ClusterAccess;

namespace Liqo.PowerShell.Cmdlets;

/// <summary>
/// On the provider (liqoctl generate identity): the ControlPlane Identity for the consumer, from the status of the
/// Tenant the provider accepted: the LiqoIdentity for the consumer (Import-LiqoIdentity). Writes nothing on the cluster.
/// </summary>
[Cmdlet(VerbsData.Export, "LiqoIdentity", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(Liqo.PeeringMaterial))]
public sealed class ExportLiqoIdentityCommand : MaterialCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("RemoteClusterId")]
    [ValidateNotNullOrEmpty]
    public string ConsumerClusterId { get; set; } = "";

    [Parameter] public string? OutFile { get; set; }

    [Parameter] public SwitchParameter Force { get; set; }

    protected override void ProcessRecord()
    {
        var source = LocalSource();
        var consumerId = ConsumerClusterId;
        var (json, planned) = RunEngine(async (log, ct) =>
        {
            using var provider = ClusterConnection.Open(source);
            var op = new Operation(log, TimeSpan.FromMinutes(1), ct);
            var material = await AuthenticationExchange.ExportIdentityAsync(op, provider, consumerId).ConfigureAwait(false);
            return (material.ToJson(), op.PlanOnly);
        });
        WriteObject(Publish(json, planned, OutFile, Force));
    }
}
