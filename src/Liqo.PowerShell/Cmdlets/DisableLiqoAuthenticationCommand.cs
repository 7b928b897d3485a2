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
public sealed class DisableLiqoAuthenticationCommand : TwoClusterCmdlet
{
    [Parameter]
    [DurationTransformation]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(2);

    protected override void BeginProcessing() => RequireConfirmationChoice();

    protected override void ProcessRecord()
    {
        var local = LocalSource();
        var remote = RemoteSource();
        var timeout = Timeout;
        RunEngine(async (log, ct) =>
        {
            using var consumer = ClusterConnection.Open(local);
            using var provider = ClusterConnection.Open(remote);
            var consumerId = await ClusterId.ReadAsync(consumer, ct).ConfigureAwait(false);
            var providerId = await ClusterId.ReadAsync(provider, ct).ConfigureAwait(false);
            var op = new Operation(log, timeout, ct);
            await Unauthenticate.RunAsync(op, consumer, provider, consumerId, providerId).ConfigureAwait(false);
            return true;
        });
    }
}
