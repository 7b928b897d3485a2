using System.Management.Automation;
using Liqo.Engine;
using Liqo.Engine.ClusterAccess;

namespace Liqo.PowerShell.Cmdlets;

/// <summary>
/// A cmdlet of the offloading module on the consumer cluster (New-/Remove-LiqoResourceSlice, New-/Remove-LiqoVirtualNode):
/// it names the object (-Name), reads the cluster's ID first (so a cluster without Liqo fails before anything is done),
/// then runs one engine step bounded by -Timeout that waits for its outcome unless -NoWait.
/// </summary>
public abstract class OffloadingCmdlet : ClusterCmdlet
{
    /// <summary>
    /// The name of the ResourceSlice or VirtualNode (liqoctl's &lt;name&gt; argument); a virtual node's Node has the same name.
    /// </summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string Name { get; set; } = "";

    /// <summary>
    /// The bound of the whole command, its wait included: for the provider's answer (New-LiqoResourceSlice), for the Node to
    /// be Ready (New-LiqoVirtualNode), for the object to be gone (Remove-). Accepts liqoctl's durations (5m, 1h30m), a number
    /// of seconds or a TimeSpan.
    /// </summary>
    [Parameter]
    [DurationTransformation]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Return once the slice or the VirtualNode is written, without waiting for the provider's answer or for its Node
    /// (New-); once the deletion is asked, without waiting for the object to be gone (Remove-).
    /// </summary>
    [Parameter] public SwitchParameter NoWait { get; set; }

    /// <summary>Runs <paramref name="step"/> on the consumer cluster with -Name and whether to wait (not -NoWait), bounded by -Timeout.</summary>
    private protected T RunOnConsumer<T>(Func<Operation, ClusterConnection, string, bool, Task<T>> step)
    {
        var (name, wait) = (Name, !NoWait.IsPresent);
        return RunOnCluster(LocalSource(), Timeout, (op, consumer) => step(op, consumer, name, wait), before: ClusterId.ReadAsync);
    }
}
