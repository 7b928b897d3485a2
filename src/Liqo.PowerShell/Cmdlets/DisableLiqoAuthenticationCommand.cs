using System.Management.Automation;
using Liqo.Engine.Authentication;

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
public sealed class DisableLiqoAuthenticationCommand : TwoClusterCmdlet
{
    /// <summary>
    /// The bound of the whole command (liqoctl's --timeout). Accepts liqoctl's durations (2m, 90s), a number of seconds or a
    /// TimeSpan.
    /// </summary>
    [Parameter]
    [DurationTransformation]
    // liqoctl unauthenticate's --timeout, 2m
    public TimeSpan Timeout { get; set; } = AuthenticateOptions.DefaultTimeout;

    protected override void ProcessRecord() => Teardown.Run(this, LocalSource(), RemoteSource(), Timeout, Unauthenticate.RunAsync);
}
