using System.Diagnostics;
using Liqo.Engine.ClusterAccess;
using Liqo.Engine.Info.LocalStatus;
using Liqo.Engine.Info.Peer;
using Liqo.Engine.Resources;

namespace Liqo.Engine.Info;

/// <summary>
/// Reads what <c>liqoctl info</c> and <c>liqoctl info peer</c> show, listing each kind once, in parallel: the number of API
/// requests does not grow with the number of peers (liqoctl lists per peer). Then the pure builders apply liqoctl's
/// rules. What cannot be read is reported as a warning, as liqoctl does, and the rest is still shown.
/// </summary>
public static class InfoCollector
{
    /// <summary>liqoctl's guidance when the Liqo namespace does not exist (info/utils.go installationCheck).</summary>
    public const string NotInstalledMessage = "Liqo is not installed in the current cluster! \n\nYou can install liqo via the 'liqoctl install' command.\n" +
                                              "Check 'liqoctl install --help' for further information.";

    /// <summary><c>liqoctl info</c>: the local installation, its health, its network (when asked) and its peerings.</summary>
    /// <remarks>Bounded by <paramref name="timeout"/> (default a minute): when it runs out, the error is OperationTimeout.</remarks>
    public static Task<LocalInfoResult> CollectLocalAsync(ClusterConnection cluster, bool includeNetwork, IOperationLog log, CancellationToken ct,
        TimeSpan? timeout = null) =>
        Operation.ReadAsync(log, timeout, ct, bounded => CollectLocalUnboundedAsync(cluster, includeNetwork, log, bounded), cluster);

    private static async Task<LocalInfoResult> CollectLocalUnboundedAsync(ClusterConnection cluster, bool includeNetwork, IOperationLog log, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        var lister = new CountingLister(cluster);
        await CheckInstalledAsync(lister, ct).ConfigureAwait(false);
        var ns = cluster.LiqoNamespace;

        var configMaps = lister.ListAsync(Kinds.ConfigMap, ns, LiqoConstants.ClusterIdConfigMapSelector, ct);
        var pods = lister.ListAsync(Kinds.Pod, ns, null, ct);
        var networks = includeNetwork ? lister.ListAsync(Kinds.Network, null, LiqoConstants.NetworkTypeLabel, ct) : null;
        var foreignClusters = lister.ListAsync(Kinds.ForeignCluster, null, null, ct);
        var deployments = await lister.ListAsync(Kinds.Deployment, ns, LocalInfoBuilder.ControllerManagerSelector, ct).ConfigureAwait(false);
        // the nodes only matter when the controller-manager does not override the API server address
        ListResult? nodes = null;
        if (deployments.Error is null && string.IsNullOrEmpty(LocalInfoBuilder.ApiServerAddressOverride(deployments)))
        {
            foreach (var selector in LocalInfoBuilder.ControlPlaneNodeSelectors)
            {
                nodes = await lister.ListAsync(Kinds.Node, null, selector, ct).ConfigureAwait(false);
                if (nodes.Error is not null || nodes.Items!.Count > 0) break;
            }
        }
        var snapshot = new LocalSnapshot(await configMaps.ConfigureAwait(false), deployments, nodes, await pods.ConfigureAwait(false),
            networks is null ? null : await networks.ConfigureAwait(false), await foreignClusters.ConfigureAwait(false));
        var (report, warnings) = LocalInfoBuilder.Build(snapshot);
        foreach (var w in warnings) log.Warning(w);
        log.Verbose($"Read the installation with {lister.Requests} API requests in {watch.ElapsedMilliseconds} ms.");
        return new LocalInfoResult(report, lister.Requests, watch.Elapsed);
    }

    /// <summary>
    /// <c>liqoctl info peer</c>: one report per selected peer (all when <paramref name="clusterIds"/> is null or empty),
    /// with the provider's view merged in when <paramref name="remote"/> is given (and the peers limited to the remote
    /// cluster when no IDs are given). IDs without a ForeignCluster are returned as unknown.
    /// </summary>
    /// <remarks>Bounded by <paramref name="timeout"/> (default a minute): when it runs out, the error is OperationTimeout.</remarks>
    public static Task<PeerInfoResult> CollectPeersAsync(ClusterConnection local, IReadOnlyCollection<string>? clusterIds, ClusterConnection? remote,
        IOperationLog log, CancellationToken ct, TimeSpan? timeout = null) =>
        Operation.ReadAsync(log, timeout, ct, bounded => CollectPeersUnboundedAsync(local, clusterIds, remote, log, bounded), local, remote);

    private static async Task<PeerInfoResult> CollectPeersUnboundedAsync(ClusterConnection local, IReadOnlyCollection<string>? clusterIds,
        ClusterConnection? remote, IOperationLog log, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        var lister = new CountingLister(local);
        await CheckInstalledAsync(lister, ct).ConfigureAwait(false);

        CountingLister? remoteLister = null;
        string? localId = null, remoteId = null;
        if (remote is not null)
        {
            remoteLister = new CountingLister(remote);
            var ids = await Task.WhenAll(lister.ClusterIdAsync(ct), remoteLister.ClusterIdAsync(ct)).ConfigureAwait(false);
            (localId, remoteId) = (ids[0], ids[1]);
            if (localId == remoteId)
                throw new LiqoException(ErrorIds.SameCluster, LiqoErrorCategory.InvalidArgument, remote.Server,
                    "local and remote clusters must be different",
                    $"Both kubeconfigs reach the cluster '{localId}'. Give the provider's kubeconfig with -RemoteKubeconfig (or -RemoteContext).");
            if (clusterIds is null || clusterIds.Count == 0) clusterIds = [remoteId];
        }

        var requested = clusterIds is { Count: > 0 } ? clusterIds.ToList() : null;
        var valid = requested?.Where(ClusterId.IsValid).Distinct(StringComparer.Ordinal).ToList();
        var foreignClusters = valid is { Count: 0 }
            ? Task.FromResult(ListResult.Of())
            : lister.ListAsync(Kinds.ForeignCluster, null, valid is null ? null : $"{LiqoConstants.RemoteClusterIdLabel} in ({string.Join(",", valid)})", ct);
        const string labelled = LiqoConstants.RemoteClusterIdLabel;
        var configurations = lister.ListAsync(Kinds.Configuration, null, labelled, ct);
        var servers = lister.ListAsync(Kinds.GatewayServer, null, labelled, ct);
        var clients = lister.ListAsync(Kinds.GatewayClient, null, labelled, ct);
        var identities = lister.ListAsync(Kinds.Identity, null, labelled, ct);
        var slices = lister.ListAsync(Kinds.ResourceSlice, null, labelled, ct);
        var virtualNodes = lister.ListAsync(Kinds.VirtualNode, null, labelled, ct);
        var secrets = lister.ListAsync(Kinds.Secret, null, IdentityCertificate.SecretSelector, ct);
        var providerSnapshot = remoteLister is null ? null : CollectProviderAsync(remoteLister, localId!, remoteId!, ct);

        var fcs = await foreignClusters.ConfigureAwait(false);
        if (fcs.Error is not null)
            throw new LiqoException(ErrorIds.ApiError, LiqoErrorCategory.ResourceUnavailable, "foreignclusters.core.liqo.io",
                "Unable to retrieve peer clusters: " + fcs.Error);
        var selected = fcs.Items!.Where(fc => requested is null || valid!.Contains(fc.Label(LiqoConstants.RemoteClusterIdLabel) ?? "")).ToList();
        var secretList = await secrets.ConfigureAwait(false);
        if (secretList.Error is not null)
        {
            log.Verbose("The ControlPlane kubeconfig Secrets cannot be read; the certificate expiry comes from the Identities: " + secretList.Error);
            secretList = ListResult.Of();
        }
        var snapshot = new PeerSnapshot(selected, await configurations.ConfigureAwait(false), await servers.ConfigureAwait(false),
            await clients.ConfigureAwait(false), await identities.ConfigureAwait(false), await slices.ConfigureAwait(false),
            await virtualNodes.ConfigureAwait(false), secretList);
        var (peers, warnings) = PeerInfoBuilder.Build(snapshot);
        foreach (var w in warnings) log.Warning(w);

        if (providerSnapshot is not null)
        {
            var (view, remoteWarnings) = ProviderViewBuilder.Build(await providerSnapshot.ConfigureAwait(false), localId!);
            foreach (var w in remoteWarnings) log.Warning(w);
            peers = peers.Select(p => p.ClusterId == remoteId ? p with { Remote = view } : p).ToList();
        }

        var unknown = requested is null ? [] : PeerInfoBuilder.Unknown(requested, selected);
        var requests = lister.Requests + (remoteLister?.Requests ?? 0);
        log.Verbose($"Read {peers.Count} peer(s) with {requests} API requests in {watch.ElapsedMilliseconds} ms.");
        return new PeerInfoResult(peers, unknown, requests, watch.Elapsed);
    }

    /// <summary>
    /// The provider's objects for this consumer, listed in the consumer's tenant namespace there (a peering user may list
    /// nothing else); the ForeignCluster is cluster-scoped. Without a tenant namespace the lists are empty.
    /// </summary>
    private static async Task<ProviderSnapshot> CollectProviderAsync(CountingLister remote, string localId, string remoteId, CancellationToken ct)
    {
        const string labelled = LiqoConstants.RemoteClusterIdLabel;
        var tenantNs = await remote.TenantNamespaceAsync(localId, ct).ConfigureAwait(false);
        Task<ListResult> InTenantNamespaceAsync(ResourceKind kind, string? selector) =>
            tenantNs is null ? Task.FromResult(ListResult.Of()) : remote.ListAsync(kind, tenantNs, selector, ct);
        var lists = await Task.WhenAll(
            remote.ListAsync(Kinds.ForeignCluster, null, null, ct),
            InTenantNamespaceAsync(Kinds.Tenant, labelled),
            InTenantNamespaceAsync(Kinds.GatewayServer, labelled),
            InTenantNamespaceAsync(Kinds.GatewayClient, labelled),
            InTenantNamespaceAsync(Kinds.ResourceSlice, $"{labelled},{LiqoConstants.ReplicatedLabel}"),
            InTenantNamespaceAsync(Kinds.Quota, null)).ConfigureAwait(false);
        return new ProviderSnapshot(remoteId, lists[0], lists[1], lists[2], lists[3], lists[4], lists[5]);
    }

    /// <summary>liqoctl's installation check: the Liqo namespace must exist.</summary>
    private static async Task CheckInstalledAsync(CountingLister lister, CancellationToken ct)
    {
        var cluster = lister.Cluster;
        if (await lister.GetAsync(Kinds.Namespace, null, cluster.LiqoNamespace, ct).ConfigureAwait(false) is null)
            throw new LiqoException(ErrorIds.LiqoNotInstalled, LiqoErrorCategory.NotInstalled, cluster.LiqoNamespace, NotInstalledMessage,
                $"The namespace '{cluster.LiqoNamespace}' does not exist on the {cluster.Scope} cluster ({cluster.Server}, context '{cluster.Context}'). " +
                "Install Liqo there, or pass the namespace it is installed in with -LiqoNamespace.");
    }
}
