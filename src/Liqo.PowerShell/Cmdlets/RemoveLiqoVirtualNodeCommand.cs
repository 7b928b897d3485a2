using System.Management.Automation;
using Liqo.Engine.Offloading;

namespace Liqo.PowerShell.Cmdlets;

/// <summary>
/// Deletes a virtual node on the consumer cluster, as liqoctl delete virtualnode does. Its finalizer drains it and removes
/// the Node and the virtual kubelet; the cmdlet waits, bounded by -Timeout, for it to be gone (-NoWait returns at once).
/// </summary>
/// <example>
/// Remove a virtual node
/// <code>
/// Remove-LiqoVirtualNode milan-batch -RemoteClusterId milan -Kubeconfig ~/.kube/consumer -Confirm:$false
/// </code>
/// The pods offloaded through it are drained first.
/// </example>
/// <seealso cref="NewLiqoVirtualNodeCommand"/>
[Cmdlet(VerbsCommon.Remove, "LiqoVirtualNode", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(void))]
public sealed class RemoveLiqoVirtualNodeCommand : OffloadingCmdlet
{
    /// <summary>The cluster ID of the virtual node's provider; without it the virtual node is looked up by name in every namespace.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("ProviderClusterId", "ClusterId")]
    [ValidateNotNullOrEmpty]
    public string? RemoteClusterId { get; set; }

    protected override void ProcessRecord()
    {
        var provider = RemoteClusterId;
        RunOnConsumer((op, consumer, name, wait) => VirtualNode.DeleteAsync(op, consumer, name, provider, wait));
    }
}
