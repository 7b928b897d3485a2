using System.Management.Automation;
using Liqo.Engine.Lifecycle;

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
public sealed class SuspendLiqoTenantCommand : TenantConditionCmdlet
{
    /// <summary>Drain instead of cordon (liqoctl drain tenant): the Tenant becomes Drained whatever its condition.</summary>
    [Parameter] public SwitchParameter Drain { get; set; }

    private protected override TenantCondition.Transition Transition => Drain ? TenantCondition.Transition.Drain : TenantCondition.Transition.Cordon;
}
