using Liqo.Sandbox.Liqo.Controllers;
using Liqo.Sandbox.Liqo.Install;
using Liqo.Sandbox.Liqo.Runtime;
using Liqo.Sandbox.Liqo.Webhooks;

namespace Liqo.Sandbox.Liqo;

/// <summary>
/// A sandbox cluster with (unless <see cref="LiqoOptions.Installed"/> is false) a simulated Liqo v1.2 installation:
/// the installed objects, the admission webhooks and the running controllers of liqo-controller-manager, liqo-ipam,
/// liqo-crd-replicator, the gateways and the virtual kubelets.
/// </summary>
public sealed class LiqoCluster : IAsyncDisposable
{
    private readonly LiqoControlPlane? _plane;
    private LiqoOptions _options;

    private LiqoCluster(SandboxCluster cluster, LiqoOptions options, string clusterId, LiqoNetworkPlan plan, LiqoControlPlane? plane)
    {
        Cluster = cluster;
        _options = options;
        ClusterId = clusterId;
        Network = plan;
        _plane = plane;
    }

    /// <summary>The underlying API server (Server URL, admin kubeconfig, store, faults).</summary>
    public SandboxCluster Cluster { get; }
    public string Name => Cluster.Name;
    /// <summary>The Liqo cluster ID (data.CLUSTER_ID).</summary>
    public string ClusterId { get; }
    public string KubeconfigPath => Cluster.KubeconfigPath;
    public Uri Server => Cluster.Server;
    /// <summary>The current options (knobs).</summary>
    public LiqoOptions Options => _plane?.Options ?? _options;
    /// <summary>Whether Liqo is installed (false: a bare cluster).</summary>
    public bool Installed => _plane is not null;
    /// <summary>The cluster's addresses (CIDRs, node).</summary>
    public LiqoNetworkPlan Network { get; }

    /// <summary>The last lines of the simulated controllers' log (errors, events, notable steps).</summary>
    public IReadOnlyList<string> ControllerLog => _plane?.RecentLog ?? [];

    /// <summary>Changes the knobs at run time (latencies, failure modes); the controllers react at once.</summary>
    public void UpdateOptions(Func<LiqoOptions, LiqoOptions> change)
    {
        if (_plane is null) _options = change(_options);
        else _plane.SetOptions(change(_plane.Options) with { Installed = true, Namespace = _plane.Options.Namespace });
    }

    /// <summary>Starts a cluster with Liqo installed (or bare when <see cref="LiqoOptions.Installed"/> is false) on the given network.</summary>
    public static Task<LiqoCluster> StartAsync(string directory, string name, LiqoOptions options, NetworkFabric fabric, bool overlappingCidrs = false,
        string serverVersion = "v1.32.4", string? crdDirectory = null, CancellationToken ct = default) =>
        StartAsync(directory, name, options, fabric, overlappingCidrs, serverVersion,
            options.Installed ? LiqoCrdSource.Load(crdDirectory ?? LiqoCrdSource.FindRealCrdDirectory()) : [], LiqoChartRbac.Find(), ct);

    internal static async Task<LiqoCluster> StartAsync(string directory, string name, LiqoOptions options, NetworkFabric fabric, bool overlappingCidrs,
        string serverVersion, IReadOnlyList<System.Text.Json.Nodes.JsonObject> crds, LiqoChartRbac? rbac, CancellationToken ct)
    {
        var cluster = await SandboxCluster.StartAsync(new SandboxClusterOptions { Name = name, Directory = directory, ServerVersion = serverVersion }, ct)
            .ConfigureAwait(false);
        try
        {
            var clusterId = options.ClusterId ?? name;
            var plan = LiqoNetworkPlan.For(name, fabric.SiteOf(name), options, overlappingCidrs, fabric.NodeAddress(name));
            LiqoInstaller.InstallNode(cluster.Store, plan, serverVersion);
            if (!options.Installed) return new LiqoCluster(cluster, options, clusterId, plan, null);

            LiqoInstaller.Install(cluster, options, clusterId, plan, crds, rbac);
            var plane = new LiqoControlPlane(cluster, fabric, options, clusterId);
            foreach (var webhook in new LiqoWebhook[]
            {
                new TenantWebhook(plane), new ResourceSliceWebhook(plane), new VirtualNodeWebhook(plane), new ForeignClusterWebhook(plane),
                new PodWebhook(plane), new NamespaceOffloadingWebhook(plane),
            })
                webhook.Register();
            foreach (var controller in new LiqoController[]
            {
                new IpamController(plane),
                new WorkloadController(plane),
                new DeploymentController(plane),
                new ReplicaSetController(plane),
                new SchedulerController(plane),
                new KubeletController(plane),
                new PodGarbageCollector(plane),
                new EndpointSliceController(plane),
                new VirtualKubeletReflectionController(plane),
                new ShadowPodController(plane),
                new ShadowEndpointSliceController(plane),
                new ConfigurationController(plane),
                new ServerOperatorController(plane),
                new ClientOperatorController(plane),
                new WgGatewayServerController(plane),
                new WgGatewayClientController(plane),
                new PublicKeysController(plane),
                new ConnectionCheckerController(plane),
                new NonceCreatorController(plane),
                new NonceSignerController(plane),
                new TenantController(plane),
                new IdentityController(plane),
                new LocalResourceSliceController(plane),
                new CrdReplicatorController(plane),
                new RemoteResourceSliceController(plane),
                new QuotaCreatorController(plane),
                new IdentityCreatorController(plane),
                new VirtualNodeCreatorController(plane),
                new VirtualNodeController(plane),
                new VirtualKubeletController(plane),
                new NamespaceOffloadingController(plane),
                new NamespaceMapController(plane),
                new ForeignClusterController(plane),
            })
                plane.Add(controller);
            // Settle the installation (IPAM status, Ready Liqo pods) before anyone looks.
            for (var i = 0; i < 4; i++) await plane.RunOnceAsync(ct).ConfigureAwait(false);
            plane.Start();
            return new LiqoCluster(cluster, options, clusterId, plan, plane);
        }
        catch
        {
            await cluster.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Stops the controllers, then the API server; safe to call more than once.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_plane is not null) await _plane.DisposeAsync().ConfigureAwait(false);
        await Cluster.DisposeAsync().ConfigureAwait(false);
    }
}
