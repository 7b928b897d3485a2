using System.Management.Automation;
using Liqo.Engine;
using Liqo.Engine.ClusterAccess;

namespace Liqo.PowerShell.Cmdlets;

/// <summary>
/// Removes what one module of a peering set up between two clusters (Disable-LiqoAuthentication, Disable-LiqoNetworking,
/// Reset-LiqoNetworking): refused up front in a host that cannot prompt unless -Confirm or -WhatIf was given; both
/// clusters' IDs are read first, then <see cref="TeardownAsync"/> runs bounded by -Timeout.
/// </summary>
public abstract class TeardownCmdlet : TwoClusterCmdlet
{
    /// <summary>
    /// The bound of the whole command (liqoctl's --timeout). Accepts liqoctl's durations (2m, 90s), a number of seconds or a
    /// TimeSpan.
    /// </summary>
    [Parameter]
    [DurationTransformation]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>The engine step, given both clusters and their IDs.</summary>
    private protected abstract Task TeardownAsync(Operation op, ClusterConnection local, ClusterConnection remote, string localId, string remoteId);

    protected override void ProcessRecord() =>
        RunOnClusters(LocalSource(), RemoteSource(), Timeout, async (op, local, remote) =>
        {
            await TeardownAsync(op, local, remote, local.ClusterId!, remote.ClusterId!).ConfigureAwait(false);
            return true;
        }, before: async (local, remote, ct) =>
        {
            await ClusterId.ReadAsync(local, ct).ConfigureAwait(false);
            await ClusterId.ReadAsync(remote, ct).ConfigureAwait(false);
        });
}
