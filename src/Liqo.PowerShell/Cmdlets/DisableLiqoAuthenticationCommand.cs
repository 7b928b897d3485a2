using System.Management.Automation;
using Liqo.Engine;
using Liqo.Engine.Authentication;
using Liqo.Engine.ClusterAccess;

namespace Liqo.PowerShell.Cmdlets;

/// <summary>
/// Removes the authentication between the local cluster (consumer) and the remote one (provider), as liqoctl
/// unauthenticate does; refused while the consumer still has ResourceSlices for the provider.
/// </summary>
[Cmdlet(VerbsLifecycle.Disable, "LiqoAuthentication", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(void))]
public sealed class DisableLiqoAuthenticationCommand : TeardownCmdlet
{
    private protected override Task TeardownAsync(Operation op, ClusterConnection consumer, ClusterConnection provider, string consumerId, string providerId) =>
        Unauthenticate.RunAsync(op, consumer, provider, consumerId, providerId);
}
