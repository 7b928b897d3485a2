using System.Diagnostics;
using System.Management.Automation;
using Liqo.Engine;
using Liqo.Engine.Authentication;
using Liqo.Engine.ClusterAccess;

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
        var local = LocalSource();
        var remote = RemoteSource();
        var options = new AuthenticateOptions { InBand = InBand, ProxyUrl = ProxyUrl };
        var timeout = Timeout;
        var result = RunEngine(async (log, ct) =>
        {
            var watch = Stopwatch.StartNew();
            using var consumer = ClusterConnection.Open(local);
            using var provider = ClusterConnection.Open(remote);
            var op = new Operation(log, timeout, ct);
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
                Duration = watch.Elapsed,
            };
        });
        WriteObject(result);
    }
}
