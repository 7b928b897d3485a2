using System.Management.Automation;
using Liqo.Engine;
using Liqo.Engine.ClusterAccess;
using Liqo.Engine.Networking;

namespace Liqo.PowerShell.Cmdlets;

/// <summary>
/// Removes the gateways and the network Configurations between two clusters, as liqoctl network reset does. It is
/// Disable-LiqoNetworking plus the deletion of each cluster's Configuration for the other: the way out of a networking
/// that cannot be repaired (liqoctl suggests it when network connect fails with NetworkNotInitialized).
/// </summary>
/// <example>
/// See what would be removed, then reset
/// <code>
/// Reset-LiqoNetworking -Kubeconfig ~/.kube/consumer -RemoteKubeconfig ~/.kube/provider -WhatIf
/// Reset-LiqoNetworking -Kubeconfig ~/.kube/consumer -RemoteKubeconfig ~/.kube/provider -Confirm:$false
/// Enable-LiqoNetworking -Kubeconfig ~/.kube/consumer -RemoteKubeconfig ~/.kube/provider -Wait
/// </code>
/// Resets the networking of the two clusters and connects them again from scratch.
/// </example>
/// <seealso cref="EnableLiqoNetworkingCommand"/>
/// <seealso cref="DisableLiqoNetworkingCommand"/>
[Cmdlet(VerbsCommon.Reset, "LiqoNetworking", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(void))]
public sealed class ResetLiqoNetworkingCommand : TeardownCmdlet
{
    private protected override Task TeardownAsync(Operation op, ClusterConnection local, ClusterConnection remote, string localId, string remoteId) =>
        NetworkReset.RunAsync(op, local, remote, localId, remoteId);
}
