using System.Collections;
using System.Management.Automation;
using Liqo.Engine.Authentication;

namespace Liqo.PowerShell.Cmdlets;

/// <summary>
/// Authenticates the local cluster (consumer) with a remote cluster (provider), as liqoctl authenticate does. The provider
/// makes a nonce, the consumer signs it, the consumer's Tenant is applied on the provider and accepted, and the resulting
/// ControlPlane Identity is applied on the consumer, whose kubeconfig Secret then gives the consumer access to the
/// provider. This is the authentication module of New-LiqoPeering, run on its own; New-LiqoResourceSlice can follow.
/// </summary>
/// <example>
/// Authenticate a consumer with a provider
/// <code>
/// Enable-LiqoAuthentication -Kubeconfig ~/.kube/consumer -RemoteKubeconfig ~/.kube/provider
/// </code>
/// The result names both tenant namespaces and the Identity, and whether the authentication completed.
/// </example>
/// <example>
/// Authenticate in band, through the tunnel
/// <code>
/// Enable-LiqoNetworking -Kubeconfig ~/.kube/consumer -RemoteKubeconfig ~/.kube/provider -Wait
/// Enable-LiqoAuthentication -Kubeconfig ~/.kube/consumer -RemoteKubeconfig ~/.kube/provider -InBand
/// </code>
/// The consumer's control plane will reach the provider's API server through liqo-proxy over the tunnel, which must be up
/// first.
/// </example>
/// <seealso cref="DisableLiqoAuthenticationCommand"/>
/// <seealso cref="NewLiqoResourceSliceCommand"/>
[Cmdlet(VerbsLifecycle.Enable, "LiqoAuthentication", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(AuthenticationResult))]
public sealed class EnableLiqoAuthenticationCommand : TwoClusterCmdlet, IGlobalMetadataParameters
{
    /// <inheritdoc cref="IGlobalMetadataParameters.GlobalLabel"/>
    [Parameter] public Hashtable? GlobalLabel { get; set; }

    /// <inheritdoc cref="IGlobalMetadataParameters.GlobalAnnotation"/>
    [Parameter] public Hashtable? GlobalAnnotation { get; set; }

    /// <summary>The bound of the whole command (liqoctl's --timeout). Accepts liqoctl's durations (2m, 90s), a number of seconds or a TimeSpan.</summary>
    [Parameter]
    [DurationTransformation]
    // liqoctl authenticate's --timeout, 2m
    public TimeSpan Timeout { get; set; } = AuthenticateOptions.DefaultTimeout;

    /// <summary>
    /// In-band authentication (liqoctl's --in-band): the consumer's control plane reaches the provider's API server through
    /// the provider's liqo-proxy over the tunnel, not directly. Networking must be established first.
    /// </summary>
    [Parameter] public SwitchParameter InBand { get; set; }

    /// <summary>An explicit proxy URL for reaching the provider's API server, written into the Tenant (liqoctl's --proxy-url).</summary>
    [Parameter] public string? ProxyUrl { get; set; }

    protected override void ProcessRecord()
    {
        var (local, remote) = (LocalSource(), RemoteSource());
        var options = new AuthenticateOptions { InBand = InBand, ProxyUrl = ProxyUrl };
        WriteObject(RunOnClusters(local, remote, Timeout, async (op, consumer, provider) =>
        {
            var r = await Authenticate.RunAsync(op, consumer, provider, options).ConfigureAwait(false);
            return OutputMapper.From(r, consumer.ClusterId ?? "", provider.ClusterId ?? "", op);
        }));
    }
}
