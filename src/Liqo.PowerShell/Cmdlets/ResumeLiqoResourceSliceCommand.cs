using System.Management.Automation;
using Liqo.PowerShell.Completers;

namespace Liqo.PowerShell.Cmdlets;

/// <summary>
/// Uncordons one ResourceSlice of a consumer on this (provider) cluster, as liqoctl uncordon resourceslice does: the
/// annotation liqo.io/cordon is removed. Run it with the provider's kubeconfig.
/// </summary>
/// <remarks>
/// Liqo's quota creator then clears the cordon of the slice's Quota (unless the whole tenant is cordoned:
/// liqo.io/cordon-tenant), and new pods of that slice are accepted again. liqoctl asks for confirmation first; here
/// ConfirmImpact is Medium (nothing is removed): -Confirm asks.
/// </remarks>
/// <example>
/// Uncordon the slice 'gpu' of the consumer rome
/// <code>
/// Resume-LiqoResourceSlice gpu -RemoteClusterId rome -Kubeconfig ~/.kube/provider -Confirm:$false
/// </code>
/// liqoctl uncordon resourceslice gpu --remote-cluster-id rome.
/// </example>
/// <seealso cref="SuspendLiqoResourceSliceCommand"/>
/// <seealso cref="ResumeLiqoTenantCommand"/>
[Cmdlet(VerbsLifecycle.Resume, "LiqoResourceSlice", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(ResourceSliceCordonResult))]
public sealed class ResumeLiqoResourceSliceCommand : ClusterCmdlet
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
        var result = Lifecycle.SetSlice(this, LocalSource(), Timeout, Name, RemoteClusterId, cordon: false);
        if (PassThru) WriteObject(result);
    }
}
