using System.Text.Json.Nodes;
using Liqo.Engine.GoFormat;
using Liqo.Engine.Info;
using Liqo.Engine.Info.Peer;

namespace Liqo.Engine.Tests.Info;

/// <summary>
/// The collectors against a minimal API server holding the fixtures: what they ask for, how many requests (a constant,
/// whatever the number of peers), and what they do with refusals. The sandbox's end-to-end tests come on top.
/// </summary>
public class InfoCollectorTests
{
    private static readonly string[] RomeFiles = ["configmaps", "deployments", "nodes", "pods", "networks", "foreignclusters", "configurations",
        "gatewayclients", "gatewayservers", "identities", "resourceslices", "virtualnodes", "secrets"];

    private static IEnumerable<JsonObject> Rome() => RomeFiles.SelectMany(f => InfoFixtures.Items("rome", f));

    private static IEnumerable<JsonObject> Milan() =>
        new[] { "configmaps", "deployments", "foreignclusters", "tenants", "gatewayservers", "gatewayclients", "resourceslices", "quotas" }
            .SelectMany(f => InfoFixtures.Items("milan", f));

    private sealed class Log : IOperationLog
    {
        public List<string> Warnings { get; } = [];
        public List<string> Verbose { get; } = [];
        void IOperationLog.Verbose(string message) { lock (Verbose) Verbose.Add(message); }
        public void Warning(string message) { lock (Warnings) Warnings.Add(message); }
        public void Step(StepEvent step) { }
        public Task<WriteDecision> ShouldWriteAsync(string target, string action) => Task.FromResult(WriteDecision.Proceed);
    }

    [Fact]
    public async Task LocalInfoReadsEachKindOnceAndBuildsLiqoctlsReport()
    {
        using var server = new FakeApiServer(Rome(), ["liqo"]);
        using var cluster = server.Connect();
        var log = new Log();
        var result = await InfoCollector.CollectLocalAsync(cluster, includeNetwork: true, log, CancellationToken.None);
        Assert.Equal(InfoDocuments.Local(InfoFixtures.RomeReport(), MachineFormat.Json), InfoDocuments.Local(result.Report, MachineFormat.Json));
        Assert.Empty(log.Warnings);
        Assert.Equal(7, result.ApiRequests);
        Assert.Equal(result.ApiRequests, server.Requests.Count);
        Assert.Equal([
            "GET /api/v1/namespaces/liqo",
            "GET /api/v1/namespaces/liqo/configmaps?labelSelector=app.kubernetes.io/name in (clusterid-configmap)",
            "GET /api/v1/namespaces/liqo/pods",
            "GET /api/v1/nodes?labelSelector=node-role.kubernetes.io/control-plane",
            "GET /apis/apps/v1/namespaces/liqo/deployments?labelSelector=app.kubernetes.io/name=controller-manager,app.kubernetes.io/component=controller-manager",
            "GET /apis/core.liqo.io/v1beta1/foreignclusters",
            "GET /apis/ipam.liqo.io/v1alpha1/networks?labelSelector=ipam.liqo.io/network-type",
        ], server.Requests.Order(StringComparer.Ordinal));
        Assert.Contains(log.Verbose, v => v.StartsWith("Read the installation with 7 API requests", StringComparison.Ordinal));
    }

    [Fact]
    public async Task WithoutTheNetworkSectionNoNetworkIsRead()
    {
        using var server = new FakeApiServer(Rome(), ["liqo"]);
        using var cluster = server.Connect();
        var result = await InfoCollector.CollectLocalAsync(cluster, includeNetwork: false, new Log(), CancellationToken.None);
        Assert.Null(result.Report.Network);
        Assert.DoesNotContain(server.Requests, r => r.Contains("networks", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnAddressOverrideSparesTheNodes()
    {
        using var server = new FakeApiServer(Milan(), ["liqo"]);
        using var cluster = server.Connect();
        var result = await InfoCollector.CollectLocalAsync(cluster, includeNetwork: false, new Log(), CancellationToken.None);
        Assert.Equal("https://172.19.0.10:6443", result.Report.Local.ApiServerAddress);
        Assert.DoesNotContain(server.Requests, r => r.Contains("/nodes", StringComparison.Ordinal));
    }

    [Fact]
    public async Task NoLiqoNamespaceIsLiqoNotInstalledWithLiqoctlsGuidance()
    {
        using var server = new FakeApiServer(Rome(), ["default"]);
        using var cluster = server.Connect();
        var e = await Assert.ThrowsAsync<LiqoException>(() => InfoCollector.CollectLocalAsync(cluster, false, new Log(), CancellationToken.None));
        Assert.Equal(ErrorIds.LiqoNotInstalled, e.ErrorId);
        Assert.Equal("Liqo is not installed in the current cluster! \n\nYou can install liqo via the 'liqoctl install' command.\nCheck 'liqoctl install --help' for further information.", e.Message);
        Assert.Equal("liqo", e.TargetObject);
        Assert.Single(server.Requests);
        var peers = await Assert.ThrowsAsync<LiqoException>(() => InfoCollector.CollectPeersAsync(cluster, null, null, new Log(), CancellationToken.None));
        Assert.Equal(ErrorIds.LiqoNotInstalled, peers.ErrorId);
    }

    [Fact]
    public async Task RefusedListsAreLiqoctlsWarnings()
    {
        using var server = new FakeApiServer(Rome(), ["liqo"], "pods");
        using var cluster = server.Connect();
        var log = new Log();
        var result = await InfoCollector.CollectLocalAsync(cluster, false, log, CancellationToken.None);
        Assert.False(result.Report.Health.Healthy);
        var warning = Assert.Single(log.Warnings);
        Assert.StartsWith("unable to get Liqo pods: ", warning, StringComparison.Ordinal);
        Assert.Contains("403 Forbidden", warning, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PeerInfoReadsEachKindOnceAndBuildsLiqoctlsReport()
    {
        using var server = new FakeApiServer(Rome(), ["liqo"]);
        using var cluster = server.Connect();
        var log = new Log();
        var result = await InfoCollector.CollectPeersAsync(cluster, null, null, log, CancellationToken.None);
        Assert.Equal(InfoDocuments.Peers(InfoFixtures.RomePeerReports(), MachineFormat.Json), InfoDocuments.Peers(result.Peers, MachineFormat.Json));
        Assert.Empty(result.UnknownClusterIds);
        Assert.Empty(log.Warnings);
        Assert.Equal(9, result.ApiRequests);
        Assert.Equal(9, server.Requests.Count);
        Assert.Contains("GET /api/v1/secrets?labelSelector=liqo.io/identity-type=ControlPlane", server.Requests);
        Assert.Contains("GET /apis/authentication.liqo.io/v1beta1/resourceslices?labelSelector=liqo.io/remote-cluster-id", server.Requests);
        Assert.Equal(DateTimeOffset.Parse("2027-07-10T09:12:31Z"), result.Peers.Single(p => p.ClusterId == "milan").CertificateNotAfter);
    }

    [Fact]
    public async Task RequestedIdsAreSelectedServerSideAndUnknownOnesReported()
    {
        using var server = new FakeApiServer(Rome(), ["liqo"]);
        using var cluster = server.Connect();
        var result = await InfoCollector.CollectPeersAsync(cluster, ["venice", "paris", "milan", "Not A Cluster"], null, new Log(), CancellationToken.None);
        Assert.Equal(["milan", "venice"], result.Peers.Select(p => p.ClusterId));
        Assert.Equal(["paris", "Not A Cluster"], result.UnknownClusterIds);
        Assert.Contains("GET /apis/core.liqo.io/v1beta1/foreignclusters?labelSelector=liqo.io/remote-cluster-id in (venice,paris,milan)", server.Requests);
    }

    [Fact]
    public async Task TheNumberOfRequestsDoesNotGrowWithThePeers()
    {
        var many = Enumerable.Range(0, 200).SelectMany(i =>
        {
            var id = $"peer-{i:000}";
            JsonObject Copy(string file, int index = 0)
            {
                var o = InfoFixtures.Items("rome", file)[index].DeepClone().AsObject();
                o["metadata"]!["name"] = o["metadata"]!["name"]!.ToString().Replace("milan", id, StringComparison.Ordinal);
                if (o["metadata"]!["namespace"] is not null) o["metadata"]!["namespace"] = "liqo-tenant-" + id;
                o["metadata"]!["labels"]!["liqo.io/remote-cluster-id"] = id;
                return o;
            }
            var fc = Copy("foreignclusters");
            fc["spec"]!["clusterID"] = id;
            return new[] { fc, Copy("configurations"), Copy("gatewayclients"), Copy("identities"), Copy("resourceslices"), Copy("virtualnodes"), Copy("secrets") };
        }).ToList();
        using var server = new FakeApiServer(many, ["liqo"]);
        using var cluster = server.Connect();
        var log = new Log();
        var result = await InfoCollector.CollectPeersAsync(cluster, null, null, log, CancellationToken.None);
        Assert.Equal(200, result.Peers.Count);
        Assert.All(result.Peers, p => Assert.Equal(ModuleHealth.Healthy, p.Network.Status));
        Assert.All(result.Peers, p => Assert.Equal("Server", p.Network.Gateway.Role));
        Assert.All(result.Peers, p => Assert.NotNull(p.CertificateNotAfter));
        Assert.Empty(log.Warnings);
        Assert.Equal(9, result.ApiRequests);
        Assert.Equal(9, server.Requests.Count);
    }

    [Fact]
    public async Task UnreadableSecretsFallBackToTheIdentitiesSilently()
    {
        using var server = new FakeApiServer(Rome(), ["liqo"], "secrets");
        using var cluster = server.Connect();
        var log = new Log();
        var result = await InfoCollector.CollectPeersAsync(cluster, ["milan"], null, log, CancellationToken.None);
        Assert.Equal(DateTimeOffset.Parse("2027-07-10T09:12:31Z"), result.Peers.Single().CertificateNotAfter);
        Assert.Empty(log.Warnings);
        Assert.Contains(log.Verbose, v => v.StartsWith("The ControlPlane kubeconfig Secrets cannot be read", StringComparison.Ordinal));
    }

    [Fact]
    public async Task UnreadableForeignClustersStopInfoPeer()
    {
        using var server = new FakeApiServer(Rome(), ["liqo"], "foreignclusters");
        using var cluster = server.Connect();
        var e = await Assert.ThrowsAsync<LiqoException>(() => InfoCollector.CollectPeersAsync(cluster, null, null, new Log(), CancellationToken.None));
        Assert.StartsWith("Unable to retrieve peer clusters: ", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheRemoteClusterAddsTheProvidersViewToItsPeer()
    {
        using var rome = new FakeApiServer(Rome(), ["liqo"]);
        // the provider's objects for rome are listed in rome's tenant namespace there, found by its labels
        var tenantNamespace = new System.Text.Json.Nodes.JsonObject
        {
            ["apiVersion"] = "v1", ["kind"] = "Namespace",
            ["metadata"] = new System.Text.Json.Nodes.JsonObject
            {
                ["name"] = "liqo-tenant-rome",
                ["labels"] = new System.Text.Json.Nodes.JsonObject { ["liqo.io/remote-cluster-id"] = "rome", ["liqo.io/tenant-namespace"] = "true" },
            },
        };
        using var milan = new FakeApiServer(Milan().Append(tenantNamespace), ["liqo"]);
        using var local = rome.Connect();
        using var remote = milan.Connect("remote");
        var log = new Log();
        var result = await InfoCollector.CollectPeersAsync(local, null, remote, log, CancellationToken.None);
        var peer = Assert.Single(result.Peers); // no IDs: the remote cluster is the peer asked for
        Assert.Equal("milan", peer.ClusterId);
        var expected = ProviderViewBuilder.Build(InfoFixtures.Milan(), "rome").View;
        Assert.Equal(expected.Tenant, peer.Remote!.Tenant);
        Assert.Equal((expected.ClusterId, expected.Role, expected.NetworkingStatus, expected.AuthenticationStatus, expected.OffloadingStatus),
            (peer.Remote.ClusterId, peer.Remote.Role, peer.Remote.NetworkingStatus, peer.Remote.AuthenticationStatus, peer.Remote.OffloadingStatus));
        Assert.Equal(expected.Gateway!.Address, peer.Remote.Gateway!.Address);
        Assert.Equal("milan-a8a4c692b93b", peer.Remote.ResourceSlices.Single().Quota!.Name);
        Assert.Empty(log.Warnings);
        Assert.Equal(rome.Requests.Count + milan.Requests.Count, result.ApiRequests);
        Assert.Equal(8, milan.Requests.Count);
        Assert.All(milan.Requests.Where(r => r.Contains("tenants", StringComparison.Ordinal) || r.Contains("gateway", StringComparison.Ordinal)),
            r => Assert.Contains("/namespaces/liqo-tenant-rome/", r, StringComparison.Ordinal));
        // the liqoctl document is unchanged by the merge
        Assert.Equal(InfoDocuments.Peers(InfoFixtures.RomePeerReports("milan"), MachineFormat.Json), InfoDocuments.Peers(result.Peers, MachineFormat.Json));
    }

    [Fact]
    public async Task TheSameClusterTwiceIsRefused()
    {
        using var rome = new FakeApiServer(Rome(), ["liqo"]);
        using var local = rome.Connect();
        using var remote = rome.Connect("remote");
        var e = await Assert.ThrowsAsync<LiqoException>(() => InfoCollector.CollectPeersAsync(local, null, remote, new Log(), CancellationToken.None));
        Assert.Equal(ErrorIds.SameCluster, e.ErrorId);
        Assert.Equal("local and remote clusters must be different", e.Message);
    }

    [Fact]
    public async Task ForeignClustersAreListedOnceAndAMissingCrdIsLiqoNotInstalled()
    {
        using var server = new FakeApiServer(Rome(), ["liqo"]);
        using var cluster = server.Connect();
        var all = await ForeignClusterReader.ListAsync(cluster, CancellationToken.None);
        Assert.Equal(["milan", "naples", "turin", "venice"], all.Select(f => f.ClusterId));
        var venice = all.Single(f => f.ClusterId == "venice");
        Assert.Equal(("Provider", "https://venice.example.com:6443", "http://10.80.0.23:8118", "liqo-tenant-venice", "liqo-tenant-rome"),
            (venice.Role, venice.ApiServerUrl, venice.ForeignProxyUrl, venice.LocalTenantNamespace, venice.RemoteTenantNamespace));
        Assert.Equal(["Disabled", "Unhealthy", "Unhealthy"], venice.Modules.Select(m => m.Status));
        Assert.Equal("APIServerStatus", venice.Conditions.Single().Type);
        Assert.Equal(DateTimeOffset.Parse("2026-07-19T06:59:00Z"), venice.Conditions.Single().LastTransitionTime);
        Assert.Equal(["milan", "naples", "turin", "venice"], await ForeignClusterReader.ClusterIdsAsync(new global::Liqo.Engine.ClusterAccess.KubeconfigSource(null, KubeconfigOf(server), null), TimeSpan.FromSeconds(10)));

        using var empty = new FakeApiServer([], ["liqo"], "foreignclusters");
        using var noCrd = empty.Connect();
        Assert.Empty(await ForeignClusterReader.ClusterIdsAsync(new global::Liqo.Engine.ClusterAccess.KubeconfigSource(null, KubeconfigOf(empty), null), TimeSpan.FromSeconds(10)));
    }

    private static string KubeconfigOf(FakeApiServer s) => $"""
        apiVersion: v1
        kind: Config
        clusters: [{"{"}name: f, cluster: {"{"}server: "{s.Url}"{"}"}{"}"}]
        users: [{"{"}name: f, user: {"{"}token: t{"}"}{"}"}]
        contexts: [{"{"}name: f, context: {"{"}cluster: f, user: f{"}"}{"}"}]
        current-context: f
        """;
}
