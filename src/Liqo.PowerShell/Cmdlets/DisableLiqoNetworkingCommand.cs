using System.Management.Automation;
using Liqo.Engine;
using Liqo.Engine.ClusterAccess;
using Liqo.Engine.Networking;

namespace Liqo.PowerShell.Cmdlets;

/// <summary>Removes the gateways between two clusters (liqoctl network disconnect); the Configurations stay.</summary>
[Cmdlet(VerbsLifecycle.Disable, "LiqoNetworking", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(void))]
public sealed class DisableLiqoNetworkingCommand : TeardownCmdlet
{
    private protected override Task TeardownAsync(Operation op, ClusterConnection local, ClusterConnection remote, string localId, string remoteId) =>
        NetworkReset.DisconnectAsync(op, local, remote, localId, remoteId);
}
