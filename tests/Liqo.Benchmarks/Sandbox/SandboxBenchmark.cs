namespace Liqo.Benchmarks.Sandbox;

/// <summary>
/// Issue 3's performance paragraph: GET/LIST/CREATE throughput over real HTTPS (KubernetesClient and raw HttpClient, a few
/// concurrent clients), watch fan-out to 100 watchers, and writers versus watchers that never read, and how long a cluster takes to start and stop. In-process sandbox
/// clusters on 127.0.0.1 (one for the request cases, a fresh one for the watch cases); under two minutes on 2 cores.
/// </summary>
public sealed class SandboxBenchmark : IBenchmark
{
    public string Name => "sandbox";

    public string Description => "sandbox API server: GET/LIST/CREATE throughput, watch fan-out to 100, writers vs stalled watchers, cluster start/stop";

    public TimeSpan TimeBound => TimeSpan.FromSeconds(170);

    public async Task RunAsync(BenchmarkContext context, CancellationToken ct)
    {
        // Requests first, on one cluster; the watch cases on a fresh one, so that the tens of thousands of objects the
        // request cases leave behind do not weigh on the watch cases through the garbage collector.
        await using (var target = await SandboxTarget.StartAsync(Path.Combine(context.WorkDirectory, "requests"), ct))
        {
            context.Log($"Sandbox cluster serving at {target.Cluster.Server}");
            await new RequestThroughput(target, context).RunAsync(ct);
            context.Report.Note($"The request cases left {target.StoredConfigMaps} ConfigMaps in their cluster; its audit log " +
                $"{new FileInfo(target.Cluster.AuditLogPath).Length / (1024 * 1024)} MiB (one line per request, as the server always writes).");
        }
        FullCollection();
        await using (var target = await SandboxTarget.StartAsync(Path.Combine(context.WorkDirectory, "watches"), ct))
        {
            context.Log($"Fresh sandbox cluster for the watch cases at {target.Cluster.Server}");
            await new WatchFanOut(target, context).RunAsync(ct);
            await new SlowWatchers(target, context).RunAsync(ct);
        }
        FullCollection();
        await new ClusterLifecycle(context).RunAsync(Path.Combine(context.WorkDirectory, "lifecycle"), ct);
    }

    /// <summary>A blocking, compacting collection between cases, so that one case's garbage is not collected during the next.</summary>
    public static void FullCollection()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
    }
}
