using System.Management.Automation;
using Liqo.Engine.Offloading;

namespace Liqo.PowerShell.Cmdlets;

/// <summary>
/// Deletes a virtual node on the consumer cluster (liqoctl delete virtualnode) and waits (bounded by -Timeout) for it to
/// be gone: its finalizer drains it and removes the Node and the virtual kubelet.
/// </summary>
[Cmdlet(VerbsCommon.Remove, "LiqoVirtualNode", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(void))]
public sealed class RemoveLiqoVirtualNodeCommand : OffloadingCmdlet
{
    /// <summary>The provider's cluster ID; without it the virtual node is looked up by name in every namespace.</summary>
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
