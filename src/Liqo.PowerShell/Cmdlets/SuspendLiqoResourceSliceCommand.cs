using System.Management.Automation;

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
public sealed class SuspendLiqoResourceSliceCommand : ResourceSliceCordonCmdlet
{
    private protected override bool Cordon => true;
}
