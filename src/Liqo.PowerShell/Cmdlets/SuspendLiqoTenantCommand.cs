using System.Management.Automation;
using Liqo.Engine.Lifecycle;
using Liqo.PowerShell.Completers;

namespace Liqo.PowerShell.Cmdlets;

/// <summary>
/// Stops a consumer from getting new resources from this (provider) cluster: liqoctl cordon tenant sets the Tenant's
/// spec.tenantCondition to Cordoned, and with -Drain liqoctl drain tenant sets it to Drained. Run it with the provider's
/// kubeconfig: the Tenant lives there.
/// </summary>
/// <remarks>
/// Cordoned: the slices the consumer already has keep their resources and its offloaded pods keep running, but new
/// ResourceSlices are denied and Liqo marks the consumer's Quotas cordoned, so no new pod of it starts here (Liqo v1.2.0's
/// tenant, remote ResourceSlice and quota creator controllers). As liqoctl does, only an Active tenant is cordoned: a
/// Cordoned or Drained one gets liqoctl's warning and is left as it is.
/// Drained: Liqo unbinds the consumer's roles here, denies the resources of all its slices and deletes them with their
/// NamespaceMaps, so its workloads leave this cluster. Remove-LiqoPeering -Drain does that and waits for the pods to
/// go before unpeering.
/// The verb is Suspend (PowerShell: pause an activity; Resume-LiqoTenant undoes it) rather than Set-LiqoTenant
/// -Condition, because cordon and drain pause what the consumer may do here and keep the peering, and because liqoctl's
/// rule that only an Active tenant is cordoned reads naturally as a suspension; Resume-LiqoTenant covers both uncordon
/// and activate. liqoctl asks before cordon and drain; here ConfirmImpact is Medium, as for every cmdlet that removes
/// nothing itself (-Confirm asks; Remove-LiqoPeering -Drain is the destructive path and asks by default).
/// </remarks>
/// <example>
/// Stop a consumer from taking more resources
/// <code>
/// Suspend-LiqoTenant rome -Kubeconfig ~/.kube/provider -Confirm:$false
/// </code>
/// liqoctl cordon tenant rome. rome's existing virtual node and pods stay; new slices and pods are refused.
/// </example>
/// <example>
/// Drain every consumer of a provider, from the pipeline
/// <code>
/// Get-LiqoPeerInfo -Kubeconfig ~/.kube/provider | Where-Object Role -like 'Consumer*' |
///     Suspend-LiqoTenant -Drain -Kubeconfig ~/.kube/provider -Confirm:$false -PassThru
/// </code>
/// Each peer's ClusterId binds to -ClusterId; -PassThru writes each Tenant's previous and new condition.
/// </example>
/// <seealso cref="ResumeLiqoTenantCommand"/>
/// <seealso cref="SuspendLiqoResourceSliceCommand"/>
/// <seealso cref="RemoveLiqoPeeringCommand"/>
[Cmdlet(VerbsLifecycle.Suspend, "LiqoTenant", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = ByIdSet)]
[OutputType(typeof(TenantConditionResult))]
public sealed class SuspendLiqoTenantCommand : ClusterCmdlet
{
    private const string ByIdSet = "ByClusterId";
    private const string ByNameSet = "ByName";

    /// <summary>The consumer's cluster ID (the Tenant labelled liqo.io/remote-cluster-id with it). Binds from piped objects' ClusterId.</summary>
    [Parameter(ParameterSetName = ByIdSet, Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("ConsumerClusterId", "RemoteClusterId")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ForeignClusterIdCompleter))]
    public string ClusterId { get; set; } = "";

    /// <summary>The Tenant's name, as liqoctl takes it (liqoctl cordon tenant &lt;name&gt;), looked up in every namespace.</summary>
    [Parameter(ParameterSetName = ByNameSet, Mandatory = true)]
    [ValidateNotNullOrEmpty]
    public string Name { get; set; } = "";

    /// <summary>Drain instead of cordon (liqoctl drain tenant): the Tenant becomes Drained whatever its condition.</summary>
    [Parameter] public SwitchParameter Drain { get; set; }

    /// <summary>The bound of the whole command (liqoctl's --timeout, 120 s). Accepts liqoctl's durations (2m, 90s), a number of seconds or a TimeSpan.</summary>
    [Parameter]
    [DurationTransformation]
    public TimeSpan Timeout { get; set; } = Lifecycle.DefaultTimeout;

    /// <summary>Writes a TenantConditionResult; nothing is written by default.</summary>
    [Parameter] public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        var result = Lifecycle.SetTenant(this, LocalSource(), Timeout, ParameterSetName == ByIdSet ? ClusterId : null,
            ParameterSetName == ByNameSet ? Name : null, Drain ? TenantCondition.Transition.Drain : TenantCondition.Transition.Cordon);
        if (PassThru) WriteObject(result);
    }
}
