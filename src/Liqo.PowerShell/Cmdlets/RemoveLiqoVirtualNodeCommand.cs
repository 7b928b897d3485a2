using System.Management.Automation;
using Liqo.Engine;
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
public sealed class RemoveLiqoVirtualNodeCommand : ClusterCmdlet
{
    /// <summary>
    /// The name of the ResourceSlice or VirtualNode (liqoctl's &lt;name&gt; argument); a virtual node's Node has the same name.
    /// </summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string Name { get; set; } = "";

    /// <summary>The cluster ID of the virtual node's provider; without it the virtual node is looked up by name in every namespace.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("ProviderClusterId", "ClusterId")]
    [ValidateNotNullOrEmpty]
    public string? RemoteClusterId { get; set; }

    /// <summary>
    /// The bound of the whole command, its wait included: for the provider's answer (New-LiqoResourceSlice), for the Node to
    /// be Ready (New-LiqoVirtualNode), for the object to be gone (Remove-). Accepts liqoctl's durations (5m, 1h30m), a number
    /// of seconds or a TimeSpan.
    /// </summary>
    [Parameter]
    [DurationTransformation]
    // liqoctl delete virtualnode has no --timeout
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Return once the slice or the VirtualNode is written, without waiting for the provider's answer or for its Node
    /// (New-); once the deletion is asked, without waiting for the object to be gone (Remove-).
    /// </summary>
    [Parameter] public SwitchParameter NoWait { get; set; }

    /// <summary>
    /// Succeed silently when there is no VirtualNode of that name, as liqoctl does; without it, a missing name is a
    /// non-terminating error (ErrorId VirtualNodeNotFound, category ObjectNotFound, the name as its target), as Remove-Item reports a path
    /// that does not exist.
    /// </summary>
    [Parameter] public SwitchParameter IgnoreMissing { get; set; }

    protected override void ProcessRecord()
    {
        var (name, provider, wait) = (Name, RemoteClusterId, !NoWait.IsPresent);
        var found = RunOnCluster(LocalSource(), Timeout, (op, consumer) => VirtualNode.DeleteAsync(op, consumer, name, provider, wait), before: ClusterId.ReadAsync);
        if (!found && !IgnoreMissing) WriteLiqoError(MissingObject.Error(ErrorIds.VirtualNodeNotFound, "VirtualNode", name, provider));
    }
}
