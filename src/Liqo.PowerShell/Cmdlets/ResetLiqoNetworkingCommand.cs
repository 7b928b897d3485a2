using System.Management.Automation;
using Liqo.Engine;
using Liqo.Engine.ClusterAccess;
using Liqo.Engine.Networking;

namespace Liqo.PowerShell.Cmdlets;

/// <summary>Removes the gateways and the Configurations between two clusters (liqoctl network reset).</summary>
[Cmdlet(VerbsCommon.Reset, "LiqoNetworking", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(void))]
public sealed class ResetLiqoNetworkingCommand : TeardownCmdlet
{
    private protected override Task TeardownAsync(Operation op, ClusterConnection local, ClusterConnection remote, string localId, string remoteId) =>
        NetworkReset.RunAsync(op, local, remote, localId, remoteId);
}
