using System.Management.Automation;

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
public sealed class ResumeLiqoResourceSliceCommand : ResourceSliceCordonCmdlet
{
    private protected override bool Cordon => false;
}
