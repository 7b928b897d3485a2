using System.Management.Automation;
using Liqo.PowerShell.Completers;

namespace Liqo.PowerShell.Cmdlets;

/// <summary>
/// Cordons one ResourceSlice of a consumer on this (provider) cluster, as liqoctl cordon resourceslice does: the slice gets
/// the annotation liqo.io/cordon=true. Run it with the provider's kubeconfig.
/// </summary>
/// <remarks>
/// Liqo's quota creator then marks the slice's Quota cordoned, so the ShadowPod webhook refuses new pods of that slice;
/// its running pods stay. The consumer cannot remove the annotation (Liqo's ResourceSlice webhook denies it to the
/// control-plane user). liqoctl asks for confirmation first; here, as for every cmdlet that removes nothing, ConfirmImpact is
/// Medium: -Confirm asks.
/// </remarks>
/// <example>
/// Cordon the slice 'gpu' of the consumer rome
/// <code>
/// Suspend-LiqoResourceSlice gpu -RemoteClusterId rome -Kubeconfig ~/.kube/provider -Confirm:$false -PassThru
/// </code>
/// liqoctl cordon resourceslice gpu --remote-cluster-id rome.
/// </example>
/// <seealso cref="ResumeLiqoResourceSliceCommand"/>
/// <seealso cref="SuspendLiqoTenantCommand"/>
[Cmdlet(VerbsLifecycle.Suspend, "LiqoResourceSlice", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(ResourceSliceCordonResult))]
public sealed class SuspendLiqoResourceSliceCommand : ClusterCmdlet
{
    /// <summary>The ResourceSlice's name (liqoctl's &lt;name&gt; argument).</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string Name { get; set; } = "";

    /// <summary>The consumer's cluster ID (liqoctl's --remote-cluster-id): the slice is in its tenant namespace.</summary>
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [Alias("ConsumerClusterId")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ForeignClusterIdCompleter))]
    public string RemoteClusterId { get; set; } = "";

    /// <summary>The bound of the whole command (liqoctl's --timeout, 120 s). Accepts liqoctl's durations (2m, 90s), a number of seconds or a TimeSpan.</summary>
    [Parameter]
    [DurationTransformation]
    public TimeSpan Timeout { get; set; } = Lifecycle.DefaultTimeout;

    /// <summary>Writes a ResourceSliceCordonResult; nothing is written by default.</summary>
    [Parameter] public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        var result = Lifecycle.SetSlice(this, LocalSource(), Timeout, Name, RemoteClusterId, cordon: true);
        if (PassThru) WriteObject(result);
    }
}
