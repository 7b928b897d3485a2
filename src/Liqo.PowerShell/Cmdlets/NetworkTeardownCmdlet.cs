using System.Management.Automation;
using Liqo.Engine;
using Liqo.Engine.ClusterAccess;
using Liqo.Engine.Networking;

namespace Liqo.PowerShell.Cmdlets;

/// <summary>Removes the gateways between two clusters (and, for Reset, their Configurations).</summary>
public abstract class NetworkTeardownCmdlet : TwoClusterCmdlet
{
    [Parameter]
    [DurationTransformation]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(2);

    private protected abstract bool AlsoConfigurations { get; }

    protected override void BeginProcessing() => RequireConfirmationChoice();

    protected override void ProcessRecord()
    {
        var local = LocalSource();
        var remote = RemoteSource();
        var timeout = Timeout;
        var alsoConfigurations = AlsoConfigurations;
        RunEngine(async (log, ct) =>
        {
            using var l = ClusterConnection.Open(local);
            using var r = ClusterConnection.Open(remote);
            var localId = await ClusterId.ReadAsync(l, ct).ConfigureAwait(false);
            var remoteId = await ClusterId.ReadAsync(r, ct).ConfigureAwait(false);
            var op = new Operation(log, timeout, ct);
            if (alsoConfigurations) await NetworkReset.RunAsync(op, l, r, localId, remoteId).ConfigureAwait(false);
            else await NetworkReset.DisconnectAsync(op, l, r, localId, remoteId).ConfigureAwait(false);
            return true;
        });
    }
}
