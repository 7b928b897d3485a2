using System.Management.Automation;
using Liqo.Engine;
using Liqo.Engine.Authentication;
using Liqo.Engine.ClusterAccess;

namespace Liqo.PowerShell.Cmdlets;

/// <summary>
/// Removes the authentication between the local cluster (consumer) and a remote cluster (provider), as liqoctl
/// unauthenticate does. It deletes the ControlPlane Identity on the consumer and the Tenant on the provider. It is refused
/// while the consumer still has ResourceSlices for the provider (ErrorId ResourceSlicesPresent): remove them first.
/// </summary>
/// <example>
/// Remove a ResourceSlice, then the authentication
/// <code>
/// Remove-LiqoResourceSlice milan -RemoteClusterId milan -Kubeconfig ~/.kube/consumer -Confirm:$false
/// Disable-LiqoAuthentication -Kubeconfig ~/.kube/consumer -RemoteKubeconfig ~/.kube/provider -Confirm:$false
/// </code>
/// New-LiqoPeering names its ResourceSlice after the provider's cluster ID (milan here).
/// </example>
/// <seealso cref="EnableLiqoAuthenticationCommand"/>
/// <seealso cref="RemoveLiqoPeeringCommand"/>
[Cmdlet(VerbsLifecycle.Disable, "LiqoAuthentication", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(void))]
public sealed class DisableLiqoAuthenticationCommand : TeardownCmdlet
{
    private protected override Task TeardownAsync(Operation op, ClusterConnection consumer, ClusterConnection provider, string consumerId, string providerId) =>
        Unauthenticate.RunAsync(op, consumer, provider, consumerId, providerId);
}
