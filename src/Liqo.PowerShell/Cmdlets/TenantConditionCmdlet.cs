using System.Management.Automation;
using Liqo.Engine.Lifecycle;
using Liqo.PowerShell.Completers;

namespace Liqo.PowerShell.Cmdlets;

/// <summary>
/// What Suspend-LiqoTenant and Resume-LiqoTenant share: the Tenant named by the consumer's cluster ID or by its name, on
/// the provider the kubeconfig reaches, moved by one of liqoctl's transitions (cordon, drain, uncordon, activate).
/// </summary>
public abstract class TenantConditionCmdlet : ClusterCmdlet
{
    private protected const string ByIdSet = "ByClusterId";
    private protected const string ByNameSet = "ByName";

    /// <summary>The consumer's cluster ID (the Tenant labelled liqo.io/remote-cluster-id with it). Binds from piped objects' ClusterId.</summary>
    [Parameter(ParameterSetName = ByIdSet, Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("ConsumerClusterId", "RemoteClusterId")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ForeignClusterIdCompleter))]
    public string ClusterId { get; set; } = "";

    /// <summary>The Tenant's name, as liqoctl takes it (liqoctl cordon|drain|uncordon|activate tenant &lt;name&gt;), looked up in every namespace.</summary>
    [Parameter(ParameterSetName = ByNameSet, Mandatory = true)]
    [ValidateNotNullOrEmpty]
    public string Name { get; set; } = "";

    /// <summary>The bound of the whole command (liqoctl's --timeout, 120 s). Accepts liqoctl's durations (2m, 90s), a number of seconds or a TimeSpan.</summary>
    [Parameter]
    [DurationTransformation]
    public TimeSpan Timeout { get; set; } = DefaultTimeout;

    /// <summary>Writes a TenantConditionResult; nothing is written by default.</summary>
    [Parameter] public SwitchParameter PassThru { get; set; }

    /// <summary>liqoctl's --timeout of cordon, uncordon, drain and activate: 120 s.</summary>
    internal static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(120);

    /// <summary>The transition this cmdlet runs, given its switches.</summary>
    private protected abstract TenantCondition.Transition Transition { get; }

    protected override void ProcessRecord()
    {
        string? clusterId = ParameterSetName == ByIdSet ? ClusterId : null, name = ParameterSetName == ByNameSet ? Name : null;
        var transition = Transition;
        var change = RunOnCluster(LocalSource(), Timeout, (op, cluster) => TenantCondition.SetAsync(op, cluster, clusterId, name, transition),
            before: Engine.ClusterId.ReadAsync);
        if (PassThru)
        {
            WriteObject(new TenantConditionResult
            {
                ConsumerClusterId = change.ConsumerClusterId, Name = change.Name, Namespace = change.Namespace, PreviousCondition = change.Previous,
                Condition = change.Current, Changed = change.Changed,
            });
        }
    }
}
