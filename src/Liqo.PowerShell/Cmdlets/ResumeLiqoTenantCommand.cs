using System.Management.Automation;
using Liqo.Engine.Lifecycle;

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
public sealed class ResumeLiqoTenantCommand : TenantConditionCmdlet
{
    /// <summary>liqoctl uncordon tenant: change only a Cordoned tenant (a Drained one stays Drained, with a warning).</summary>
    [Parameter] public SwitchParameter UncordonOnly { get; set; }

    private protected override TenantCondition.Transition Transition =>
        UncordonOnly ? TenantCondition.Transition.Uncordon : TenantCondition.Transition.Activate;
}
