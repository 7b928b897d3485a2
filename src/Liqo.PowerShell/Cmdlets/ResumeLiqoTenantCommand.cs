using System.Management.Automation;
using Liqo.Engine.Lifecycle;
using Liqo.PowerShell.Completers;

namespace Liqo.PowerShell.Cmdlets;

/// <summary>
/// Lets a consumer get resources from this (provider) cluster again: liqoctl activate tenant sets the Tenant's
/// spec.tenantCondition to Active, from Cordoned (liqoctl uncordon tenant) or Drained. Run it with the provider's
/// kubeconfig.
/// </summary>
/// <remarks>
/// Liqo then removes liqo.io/cordon-tenant from the consumer's ResourceSlices, accepts their resources again and clears
/// the Quotas' cordon; after a drain it binds the consumer's roles again, and the consumer's ResourceSlices (which Liqo
/// deleted here) come back when the consumer's CRD replicator next handles them: in Liqo v1.2.0 a replication refused
/// while the tenant was drained is not retried until the next change of the consumer's slice or its informers' resync
/// (10 h by default), so touch it on the consumer (kubectl annotate resourceslice -n &lt;tenant namespace&gt; &lt;name&gt;
/// liqo.io/touch=1 --overwrite) to have it back at once. -UncordonOnly keeps liqoctl uncordon's rule: only a
/// Cordoned tenant is changed, any other gets liqoctl's warning "Tenant is not cordoned". Like liqoctl uncordon tenant
/// and activate tenant, it does not ask for confirmation by default (ConfirmImpact Medium).
/// </remarks>
/// <example>
/// Undo a cordon or a drain
/// <code>
/// Resume-LiqoTenant rome -Kubeconfig ~/.kube/provider
/// </code>
/// liqoctl activate tenant rome.
/// </example>
/// <example>
/// Uncordon only the consumers that are cordoned, leaving drained ones drained
/// <code>
/// Get-LiqoPeerInfo -Kubeconfig ~/.kube/provider | Resume-LiqoTenant -UncordonOnly -Kubeconfig ~/.kube/provider -PassThru -WarningAction SilentlyContinue
/// </code>
/// liqoctl uncordon tenant, for each consumer; -PassThru shows which Tenants changed.
/// </example>
/// <seealso cref="SuspendLiqoTenantCommand"/>
/// <seealso cref="ResumeLiqoResourceSliceCommand"/>
[Cmdlet(VerbsLifecycle.Resume, "LiqoTenant", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = ByIdSet)]
[OutputType(typeof(TenantConditionResult))]
public sealed class ResumeLiqoTenantCommand : ClusterCmdlet
{
    private const string ByIdSet = "ByClusterId";
    private const string ByNameSet = "ByName";

    /// <summary>The consumer's cluster ID (the Tenant labelled liqo.io/remote-cluster-id with it). Binds from piped objects' ClusterId.</summary>
    [Parameter(ParameterSetName = ByIdSet, Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("ConsumerClusterId", "RemoteClusterId")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ForeignClusterIdCompleter))]
    public string ClusterId { get; set; } = "";

    /// <summary>The Tenant's name, as liqoctl takes it (liqoctl activate tenant &lt;name&gt;), looked up in every namespace.</summary>
    [Parameter(ParameterSetName = ByNameSet, Mandatory = true)]
    [ValidateNotNullOrEmpty]
    public string Name { get; set; } = "";

    /// <summary>liqoctl uncordon tenant: change only a Cordoned tenant (a Drained one stays Drained, with a warning).</summary>
    [Parameter] public SwitchParameter UncordonOnly { get; set; }

    /// <summary>The bound of the whole command (liqoctl's --timeout, 120 s). Accepts liqoctl's durations (2m, 90s), a number of seconds or a TimeSpan.</summary>
    [Parameter]
    [DurationTransformation]
    public TimeSpan Timeout { get; set; } = Lifecycle.DefaultTimeout;

    /// <summary>Writes a TenantConditionResult; nothing is written by default.</summary>
    [Parameter] public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        var result = Lifecycle.SetTenant(this, LocalSource(), Timeout, ParameterSetName == ByIdSet ? ClusterId : null,
            ParameterSetName == ByNameSet ? Name : null, UncordonOnly ? TenantCondition.Transition.Uncordon : TenantCondition.Transition.Activate);
        if (PassThru) WriteObject(result);
    }
}
