using Liqo.Engine;
using Liqo.Engine.ClusterAccess;

namespace Liqo.PowerShell.Cmdlets;

/// <summary>
/// How the cmdlets that remove what one module of a peering set up between two clusters run (Disable-LiqoAuthentication,
/// Disable-LiqoNetworking, Reset-LiqoNetworking): both clusters' IDs are read first, so that a cluster without Liqo fails
/// before anything is removed, then the engine step runs with them, all within -Timeout.
/// </summary>
internal static class Teardown
{
    /// <summary>Reads the IDs of the clusters of <paramref name="local"/> and <paramref name="remote"/>, then runs <paramref name="step"/>.</summary>
    public static void Run(ClusterCmdlet cmdlet, KubeconfigSource local, KubeconfigSource remote, TimeSpan timeout,
        Func<Operation, ClusterConnection, ClusterConnection, string, string, Task> step) =>
        cmdlet.RunOnClusters(local, remote, timeout, async (op, l, r) =>
        {
            await step(op, l, r, l.ClusterId!, r.ClusterId!).ConfigureAwait(false);
            return true;
        }, before: async (l, r, ct) =>
        {
            await ClusterId.ReadAsync(l, ct).ConfigureAwait(false);
            await ClusterId.ReadAsync(r, ct).ConfigureAwait(false);
        });
}
