using System.Management.Automation;
using Liqo.Engine;
using Liqo.Engine.ClusterAccess;
using Liqo.Engine.Networking;

namespace Liqo.PowerShell.Cmdlets;

/// <summary>
/// This cluster's pod and external CIDRs for the other cluster (liqoctl generate configuration): the
/// LiqoNetworkConfiguration it imports with Import-LiqoNetworkConfiguration. Both clusters export theirs. Writes nothing
/// on the cluster.
/// </summary>
[Cmdlet(VerbsData.Export, "LiqoNetworkConfiguration", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(Liqo.PeeringMaterial))]
public sealed class ExportLiqoNetworkConfigurationCommand : MaterialCmdlet
{
    /// <summary>The cluster that will import it.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string RemoteClusterId { get; set; } = "";

    [Parameter] public string? OutFile { get; set; }

    [Parameter] public SwitchParameter Force { get; set; }

    protected override void ProcessRecord()
    {
        var source = LocalSource();
        var remoteId = RemoteClusterId;
        var (json, planned) = RunEngine(async (log, ct) =>
        {
            using var cluster = ClusterConnection.Open(source);
            var op = new Operation(log, TimeSpan.FromMinutes(1), ct);
            var material = await NetworkExchange.ExportConfigurationAsync(op, cluster, remoteId).ConfigureAwait(false);
            return (material.ToJson(), op.PlanOnly);
        });
        WriteObject(Publish(json, planned, OutFile, Force));
    }
}
