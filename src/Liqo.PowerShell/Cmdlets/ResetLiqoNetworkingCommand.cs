using System.Management.Automation;
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
public sealed class ResetLiqoNetworkingCommand : TwoClusterCmdlet
{
    /// <summary>
    /// The bound of the whole command (liqoctl's --timeout). Accepts liqoctl's durations (2m, 90s), a number of seconds or a
    /// TimeSpan.
    /// </summary>
    [Parameter]
    [DurationTransformation]
    // liqoctl network's --timeout, 2m
    public TimeSpan Timeout { get; set; } = NetworkConnectOptions.DefaultTimeout;

    /// <summary>
    /// The namespace where the networking objects are on the local cluster (liqoctl network's --namespace), as given to
    /// Enable-LiqoNetworking; they are found there by the remote cluster's label, whatever their names. Default: the tenant
    /// namespace of the remote cluster ("default" means it too, as in liqoctl).
    /// </summary>
    [Parameter] public string? NetworkingNamespace { get; set; }

    /// <summary>The namespace where the networking objects are on the remote cluster (liqoctl network's --remote-namespace). Default: the tenant namespace there.</summary>
    [Parameter] public string? RemoteNetworkingNamespace { get; set; }

    protected override void ProcessRecord() => Teardown.Run(this, LocalSource(), RemoteSource(), Timeout,
        (op, local, remote, localId, remoteId) => NetworkReset.RunAsync(op, local, remote, localId, remoteId, NetworkingNamespace, RemoteNetworkingNamespace));
}
