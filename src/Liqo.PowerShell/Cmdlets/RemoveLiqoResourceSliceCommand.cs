using System.Management.Automation;
using Liqo.Engine;
using Liqo.Engine.Offloading;

namespace Liqo.PowerShell.Cmdlets;

/// <summary>
/// Deletes a ResourceSlice on the consumer cluster and waits, bounded by -Timeout, for it to be gone. The provider's copy
/// is removed first, and the virtual node made from the slice goes with it; the provider takes back the resources it
/// granted.
/// </summary>
/// <example>
/// Give back the resources of a slice
/// <code>
/// Remove-LiqoResourceSlice gpu -RemoteClusterId milan
/// </code>
/// PowerShell asks for confirmation, then the slice and its virtual node are removed.
/// </example>
/// <example>
/// Without a prompt and without waiting
/// <code>
/// Remove-LiqoResourceSlice gpu -Kubeconfig ~/.kube/consumer -Confirm:$false -NoWait
/// </code>
/// Without -RemoteClusterId the slice is looked up by name in every namespace (ErrorId AmbiguousName when two providers
/// have one of that name).
/// </example>
/// <seealso cref="NewLiqoResourceSliceCommand"/>
/// <seealso cref="DisableLiqoAuthenticationCommand"/>
[Cmdlet(VerbsCommon.Remove, "LiqoResourceSlice", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(void))]
public sealed class RemoveLiqoResourceSliceCommand : ClusterCmdlet
{
    /// <summary>
    /// The name of the ResourceSlice or VirtualNode (liqoctl's &lt;name&gt; argument); a virtual node's Node has the same name.
    /// </summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string Name { get; set; } = "";

    /// <summary>The cluster ID of the slice's provider; without it the slice is looked up by name in every namespace.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("ProviderClusterId")]
    [ValidateNotNullOrEmpty]
    public string? RemoteClusterId { get; set; }

    /// <summary>
    /// The bound of the whole command, its wait included: for the provider's answer (New-LiqoResourceSlice), for the Node to
    /// be Ready (New-LiqoVirtualNode), for the object to be gone (Remove-). Accepts liqoctl's durations (5m, 1h30m), a number
    /// of seconds or a TimeSpan.
    /// </summary>
    [Parameter]
    [DurationTransformation]
    // liqoctl delete resourceslice has no --timeout
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Return once the slice or the VirtualNode is written, without waiting for the provider's answer or for its Node
    /// (New-); once the deletion is asked, without waiting for the object to be gone (Remove-).
    /// </summary>
    [Parameter] public SwitchParameter NoWait { get; set; }

    /// <summary>
    /// Succeed silently when there is no ResourceSlice of that name, as liqoctl does; without it, a missing name is a
    /// non-terminating error (ErrorId ResourceSliceNotFound, category ObjectNotFound, the name as its target), as Remove-Item reports a path
    /// that does not exist.
    /// </summary>
    [Parameter] public SwitchParameter IgnoreMissing { get; set; }

    protected override void ProcessRecord()
    {
        var (name, provider, wait) = (Name, RemoteClusterId, !NoWait.IsPresent);
        var found = RunOnCluster(LocalSource(), Timeout, (op, consumer) => ResourceSlice.DeleteAsync(op, consumer, name, provider, wait), before: ClusterId.ReadAsync);
        if (!found && !IgnoreMissing) WriteLiqoError(MissingObject.Error(ErrorIds.ResourceSliceNotFound, "ResourceSlice", name, provider));
    }
}
