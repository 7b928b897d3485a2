using System.Management.Automation;
using Liqo.Engine;
using Liqo.Engine.Lifecycle;
using Liqo.PowerShell.Completers;

namespace Liqo.PowerShell.Cmdlets;

/// <summary>
/// What Suspend-LiqoResourceSlice and Resume-LiqoResourceSlice share: one ResourceSlice of a consumer on the provider the
/// kubeconfig reaches, cordoned or uncordoned as liqoctl cordon|uncordon resourceslice does.
/// </summary>
public abstract class ResourceSliceCordonCmdlet : ClusterCmdlet
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
    public TimeSpan Timeout { get; set; } = TenantConditionCmdlet.DefaultTimeout;

    /// <summary>Writes a ResourceSliceCordonResult; nothing is written by default.</summary>
    [Parameter] public SwitchParameter PassThru { get; set; }

    /// <summary>True to cordon, false to uncordon.</summary>
    private protected abstract bool Cordon { get; }

    protected override void ProcessRecord()
    {
        var cordon = Cordon;
        var change = RunOnCluster(LocalSource(), Timeout, (op, cluster) => ResourceSliceCordon.SetAsync(op, cluster, Name, RemoteClusterId, cordon),
            before: ClusterId.ReadAsync);
        if (PassThru)
        {
            WriteObject(new ResourceSliceCordonResult
            {
                Name = change.Name, Namespace = change.Namespace, ConsumerClusterId = change.ConsumerClusterId, Cordoned = change.Cordoned, Changed = change.Changed,
            });
        }
    }
}
