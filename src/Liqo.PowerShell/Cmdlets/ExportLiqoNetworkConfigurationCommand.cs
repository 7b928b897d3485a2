using System.Management.Automation;
using Liqo.Engine.Networking;

namespace Liqo.PowerShell.Cmdlets;

/// <summary>
/// This cluster's pod and external CIDRs for the other cluster (liqoctl generate configuration): the
/// LiqoNetworkConfiguration it imports with Import-LiqoNetworkConfiguration. Both clusters export theirs. Writes nothing
/// on the cluster.
/// </summary>
[Cmdlet(VerbsData.Export, "LiqoNetworkConfiguration", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(Liqo.PeeringMaterial))]
public sealed class ExportLiqoNetworkConfigurationCommand : MaterialExportCmdlet
{
    /// <summary>The cluster that will import it.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string RemoteClusterId { get; set; } = "";

    protected override void ProcessRecord()
    {
        var remoteId = RemoteClusterId;
        Export((op, cluster) => NetworkExchange.ExportConfigurationAsync(op, cluster, remoteId));
    }
}
