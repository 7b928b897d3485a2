using Liqo.Engine.ClusterAccess;
using Liqo.Engine.Info;
using Liqo.Engine.Resources;

namespace Liqo.Engine.Health;

/// <summary>
/// Test-LiqoPeering: reads one cluster, or both sides of a peering, and checks each peering the way a person would when it
/// misbehaves (<see cref="PeeringHealthRules"/>). The readers of <c>liqoctl info</c> and <c>liqoctl info peer</c>
/// (<see cref="InfoCollector"/>) give the ForeignClusters, ResourceSlices, VirtualNodes, certificate expiry, version and
/// installation health; what they do not read is listed once per kind. A cluster that cannot be read is a failed check,
/// not an error: the other cluster is still checked.
/// </summary>
public static class PeeringHealth
{
    /// <summary>offloading.liqo.io NamespaceOffloading (the CRD of Liqo v1.2.0); a cluster that does not serve it has none.</summary>
    internal static readonly ResourceKind NamespaceOffloading = new("offloading.liqo.io", "v1beta1", "namespaceoffloadings", "NamespaceOffloading", true);

    internal const string GatewayComponentSelector = "networking.liqo.io/component=gateway";

    /// <summary>
    /// The checks of the peerings with <paramref name="peerIds"/> (all the local cluster's peers when null or empty; the remote
    /// cluster when only it is given), read on <paramref name="local"/> and, when given, on <paramref name="remote"/> (there,
    /// for the peering with the local cluster). Bounded by <paramref name="timeout"/>.
    /// </summary>
    public static Task<IReadOnlyList<PeeringCheck>> RunAsync(ClusterConnection local, ClusterConnection? remote, IReadOnlyCollection<string>? peerIds,
        IOperationLog log, TimeSpan timeout, CancellationToken ct) =>
        Operation.ReadAsync(log, timeout, ct, bounded => RunUnboundedAsync(local, remote, peerIds, log, bounded), local, remote);

    private static async Task<IReadOnlyList<PeeringCheck>> RunUnboundedAsync(ClusterConnection local, ClusterConnection? remote,
        IReadOnlyCollection<string>? peerIds, IOperationLog log, CancellationToken ct)
    {
        var ids = await Task.WhenAll(ReadIdAsync(local, ct), remote is null ? Task.FromResult<(string?, LiqoException?)>((null, null)) : ReadIdAsync(remote, ct))
            .ConfigureAwait(false);
        var (localId, localFailure) = ids[0];
        var (remoteId, remoteFailure) = ids[1];
        if (localId is not null && localId == remoteId)
            throw new LiqoException(ErrorIds.SameCluster, LiqoErrorCategory.InvalidArgument, remote!.Server, "local and remote clusters must be different",
                $"Both kubeconfigs reach the cluster '{localId}'. Give the peer's kubeconfig with -RemoteKubeconfig (or -RemoteContext).");

        var localPeers = peerIds is { Count: > 0 } ? peerIds : remoteId is not null ? new[] { remoteId } : null;
        var remoteChecked = remote is not null && (peerIds is not { Count: > 0 } || (remoteId is not null && peerIds.Contains(remoteId)));
        var localRead = localFailure is null
            ? ReadClusterAsync(local, localId!, localPeers, log, ct)
            : Task.FromResult(ClusterHealthSnapshot.Unread(local.Scope, local.Context, local.Server, localFailure));
        var remoteRead = remote is null || !remoteChecked
            ? null
            : remoteFailure is null
                ? ReadClusterAsync(remote, remoteId!, localId is null ? null : [localId], log, ct)
                : Task.FromResult(ClusterHealthSnapshot.Unread(remote.Scope, remote.Context, remote.Server, remoteFailure));
        var localSnapshot = await localRead.ConfigureAwait(false);
        var remoteSnapshot = remoteRead is null ? null : await remoteRead.ConfigureAwait(false);
        var unknown = localSnapshot.Failure is null && localPeers is not null
            ? localPeers.Where(id => localSnapshot.Peers.All(p => p.ClusterId != id)).ToList()
            : [];
        return PeeringHealthRules.Build(localSnapshot, remoteSnapshot, unknown, DateTimeOffset.UtcNow);
    }

    private static async Task<(string? Id, LiqoException? Failure)> ReadIdAsync(ClusterConnection cluster, CancellationToken ct)
    {
        try
        {
            var id = await ClusterId.ReadAsync(cluster, ct).ConfigureAwait(false);
            cluster.ClusterId = id;
            return (id, null);
        }
        catch (LiqoException e) when (!ct.IsCancellationRequested)
        {
            return (null, e);
        }
    }

    private static async Task<ClusterHealthSnapshot> ReadClusterAsync(ClusterConnection cluster, string clusterId, IReadOnlyCollection<string>? peers,
        IOperationLog log, CancellationToken ct)
    {
        try
        {
            var lister = new CountingLister(cluster);
            const string labelled = LiqoConstants.RemoteClusterIdLabel;
            var peerInfo = InfoCollector.CollectPeersAsync(cluster, peers, null, log, ct);
            var localInfo = ReadLocalAsync(cluster, log, ct);
            var namespaces = lister.ListAsync(Kinds.Namespace, null, $"{LiqoConstants.TenantNamespaceLabel},{labelled}", ct);
            var connections = lister.ListAsync(Kinds.Connection, null, labelled, ct);
            var gatewayPods = lister.ListAsync(Kinds.Pod, null, GatewayComponentSelector, ct);
            var tenants = lister.ListAsync(Kinds.Tenant, null, labelled, ct);
            var nodes = lister.ListAsync(Kinds.Node, null, $"{LiqoConstants.VirtualNodeTypeLabel}=virtual-node", ct);
            var offloadings = lister.ListAsync(NamespaceOffloading, null, null, ct);
            var (version, health) = await localInfo.ConfigureAwait(false);
            return new ClusterHealthSnapshot(cluster.Scope, clusterId, cluster.Context, cluster.Server, null, version,
                (await peerInfo.ConfigureAwait(false)).Peers, await namespaces.ConfigureAwait(false), await connections.ConfigureAwait(false),
                await gatewayPods.ConfigureAwait(false), await tenants.ConfigureAwait(false), await nodes.ConfigureAwait(false),
                await offloadings.ConfigureAwait(false)) { Installation = health };
        }
        catch (LiqoException e) when (!ct.IsCancellationRequested)
        {
            return ClusterHealthSnapshot.Unread(cluster.Scope, cluster.Context, cluster.Server, e);
        }
    }

    /// <summary>The version and installation health of <c>liqoctl info</c>; nulls when its user may not read them (a peering user).</summary>
    private static async Task<(string? Version, Info.LocalStatus.InstallationHealth? Health)> ReadLocalAsync(ClusterConnection cluster, IOperationLog log,
        CancellationToken ct)
    {
        try
        {
            var report = (await InfoCollector.CollectLocalAsync(cluster, false, log, ct).ConfigureAwait(false)).Report;
            return (string.IsNullOrEmpty(report.Local.Version) ? null : report.Local.Version, report.Health);
        }
        catch (LiqoException e) when (e.ErrorId is ErrorIds.Forbidden or ErrorIds.ApiError)
        {
            log.Verbose($"The {cluster.Scope} cluster's Liqo version and installation health are not checked: {e.Message}");
            return (null, null);
        }
    }
}
