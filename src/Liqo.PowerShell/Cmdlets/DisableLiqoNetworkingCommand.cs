using System.Management.Automation;
using Liqo.Engine.Networking;

namespace Liqo.PowerShell.Cmdlets;

/// <summary>
/// Removes the gateways between two clusters, as liqoctl network disconnect does. It deletes the gateway client and server
/// on both clusters; the network Configurations stay, so Enable-LiqoNetworking can connect them again quickly
/// (Reset-LiqoNetworking removes them too).
/// </summary>
/// <example>
/// Disconnect two clusters
/// <code>
/// Disable-LiqoNetworking -Kubeconfig ~/.kube/consumer -RemoteKubeconfig ~/.kube/provider
/// </code>
/// PowerShell asks for confirmation first (liqoctl asks too, unless --skip-confirm).
/// </example>
/// <example>
/// Disconnect without a prompt, e.g. in a runbook
/// <code>
/// Disable-LiqoNetworking -KubeconfigContent $consumerYaml -RemoteKubeconfigContent $providerYaml -Confirm:$false
/// </code>
/// $consumerYaml and $providerYaml hold the kubeconfigs, e.g. read with Get-AutomationVariable.
/// </example>
/// <seealso cref="EnableLiqoNetworkingCommand"/>
/// <seealso cref="ResetLiqoNetworkingCommand"/>
[Cmdlet(VerbsLifecycle.Disable, "LiqoNetworking", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(void))]
public sealed class DisableLiqoNetworkingCommand : TwoClusterCmdlet
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
        (op, local, remote, localId, remoteId) => NetworkReset.DisconnectAsync(op, local, remote, localId, remoteId, NetworkingNamespace, RemoteNetworkingNamespace));
}
