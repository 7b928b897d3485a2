namespace Liqo.Sandbox.Liqo;

/// <summary>
/// A set of sandbox clusters that share one simulated network (the fabric gateways publish their endpoints and
/// WireGuard keys on), each with a simulated Liqo v1.2 installation unless told otherwise. Peer them with liqoctl's
/// objects (or the module) through their kubeconfigs, as real clusters.
/// <code>
/// await using var sandbox = await LiqoSandbox.StartAsync(dir, ["consumer", "provider"]);
/// var consumer = sandbox["consumer"]; // consumer.KubeconfigPath, consumer.ClusterId, consumer.UpdateOptions(...)
/// </code>
/// </summary>
public sealed class LiqoSandbox : IAsyncDisposable
{
    private readonly Runtime.ChangeSignal _changed = new();

    private LiqoSandbox(IReadOnlyList<LiqoCluster> clusters, NetworkFabric fabric, string directory)
    {
        Clusters = clusters;
        Fabric = fabric;
        Directory = directory;
        foreach (var c in clusters) c.Cluster.Store.AddAfterCommitHook(_ => _changed.Notify());
    }

    public IReadOnlyList<LiqoCluster> Clusters { get; }
    public NetworkFabric Fabric { get; }
    /// <summary>Where the kubeconfigs (&lt;name&gt;.kubeconfig) and audit logs are.</summary>
    public string Directory { get; }

    public LiqoCluster this[string name] => Clusters.FirstOrDefault(c => c.Name == name)
        ?? throw new KeyNotFoundException($"no sandbox cluster named \"{name}\"");

    /// <summary>Starts one cluster per name (in parallel) on a shared network.</summary>
    public static Task<LiqoSandbox> StartAsync(string directory, IReadOnlyList<string> names, LiqoSandboxOptions? options = null,
        CancellationToken ct = default) => StartAsync(directory, names, options, null, ct);

    /// <summary>Starts one cluster per name; <paramref name="crdDirectory"/> overrides where Liqo's CRDs are read from.</summary>
    public static async Task<LiqoSandbox> StartAsync(string directory, IReadOnlyList<string> names, LiqoSandboxOptions? options,
        string? crdDirectory, CancellationToken ct = default)
    {
        options ??= new LiqoSandboxOptions();
        if (names.Count == 0 || names.Distinct(StringComparer.Ordinal).Count() != names.Count)
            throw new ArgumentException("cluster names must be given and distinct", nameof(names));
        System.IO.Directory.CreateDirectory(directory);
        var fabric = new NetworkFabric();
        foreach (var name in names) fabric.SiteOf(name);
        var crds = Install.LiqoCrdSource.Load(options.OwnCrds ? null : crdDirectory ?? Install.LiqoCrdSource.FindRealCrdDirectory());
        var rbac = Install.LiqoChartRbac.Find(options.ChartDirectory);
        if (rbac is null && names.Any(n => options.For(n).Installed))
            await Console.Error.WriteLineAsync($"LiqoSandbox: Liqo's v1.2.0 chart was not found ({options.ChartDirectory ?? Install.LiqoChartRbac.RelativePath} " +
                "beside the repository): the clusters run without Liqo's RBAC, every authenticated user may do anything").ConfigureAwait(false);
        // One copy of the CRDs per cluster, made here: JSON nodes are not safe to read from several threads at once.
        var copies = names.Select(n => options.For(n).Installed ? crds.Select(c => (System.Text.Json.Nodes.JsonObject)c.DeepClone()).ToList() : []).ToList();
        var starts = names.Select((n, i) => LiqoCluster.StartAsync(directory, n, options.For(n), fabric, options.OverlappingCidrs, options.ServerVersion,
            copies[i], rbac, ct)).ToList();
        try
        {
            var clusters = await Task.WhenAll(starts).ConfigureAwait(false);
            var ids = clusters.Where(c => c.Installed).Select(c => c.ClusterId).ToList();
            if (ids.Distinct(StringComparer.Ordinal).Count() != ids.Count)
                throw new ArgumentException("the clusters' IDs must be distinct", nameof(options));
            return new LiqoSandbox(clusters, fabric, directory);
        }
        catch
        {
            foreach (var t in starts.Where(t => t.IsCompletedSuccessfully)) await t.Result.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Waits until <paramref name="condition"/> holds, evaluating it again after every change of any cluster's store or
    /// of the network (no polling); throws <see cref="TimeoutException"/> with <paramref name="what"/> when it does not.
    /// </summary>
    public async Task WaitUntilAsync(Func<CancellationToken, Task<bool>> condition, TimeSpan timeout, string what, CancellationToken ct = default)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(timeout);
        try
        {
            while (true)
            {
                var fabricSeen = Fabric.Changed.Version;
                var storesSeen = _changed.Version;
                if (await condition(cts.Token).ConfigureAwait(false)) return;
                await Task.WhenAny(_changed.WhenChangedAsync(storesSeen), Fabric.Changed.WhenChangedAsync(fabricSeen),
                    Task.Delay(Timeout.Infinite, cts.Token)).ConfigureAwait(false);
                cts.Token.ThrowIfCancellationRequested();
            }
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new TimeoutException($"timed out after {timeout.TotalSeconds:0.#}s waiting for {what}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(Clusters.Select(c => c.DisposeAsync().AsTask())).ConfigureAwait(false);
    }
}
