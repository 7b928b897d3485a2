using System.Management.Automation;
using Liqo.Engine.Authentication;

namespace Liqo.PowerShell.Cmdlets;

/// <summary>
/// Authenticates the local cluster (consumer) with the remote one (provider), as liqoctl authenticate does: nonce,
/// signed nonce, Tenant, ControlPlane Identity.
/// </summary>
[Cmdlet(VerbsLifecycle.Enable, "LiqoAuthentication", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(AuthenticationResult))]
public sealed class EnableLiqoAuthenticationCommand : TwoClusterCmdlet
{
    [Parameter]
    [DurationTransformation]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Reach the provider's API server through liqo-proxy over the tunnel.</summary>
    [Parameter] public SwitchParameter InBand { get; set; }

    [Parameter] public string? ProxyUrl { get; set; }

    protected override void ProcessRecord()
    {
        var (local, remote) = (LocalSource(), RemoteSource());
        var options = new AuthenticateOptions { InBand = InBand, ProxyUrl = ProxyUrl };
        WriteObject(RunOnClusters(local, remote, Timeout, async (op, consumer, provider) =>
        {
            var r = await Authenticate.RunAsync(op, consumer, provider, options).ConfigureAwait(false);
            return new AuthenticationResult
            {
                ConsumerClusterId = consumer.ClusterId ?? "",
                ProviderClusterId = provider.ClusterId ?? "",
                ConsumerTenantNamespace = r.ConsumerTenantNamespace,
                ProviderTenantNamespace = r.ProviderTenantNamespace,
                Identity = r.IdentityName,
                Completed = r.Completed,
                WhatIf = op.PlanOnly,
                Duration = op.Elapsed,
            };
        }));
    }
}
