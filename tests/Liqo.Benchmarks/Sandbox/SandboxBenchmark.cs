namespace Liqo.Benchmarks.Sandbox;

/// <summary>
/// Issue 3's performance paragraph: GET/LIST/CREATE throughput over real HTTPS (KubernetesClient and raw HttpClient, a few
/// concurrent clients), watch fan-out to 100 watchers, and writers versus watchers that never read. One in-process
/// sandbox cluster on 127.0.0.1; about a minute and a half on 2 cores.
/// </summary>
public sealed class SandboxBenchmark : IBenchmark
{
    public string Name => "sandbox";

    public string Description => "sandbox API server: GET/LIST/CREATE throughput, watch fan-out to 100, writers vs stalled watchers";

    public TimeSpan TimeBound => TimeSpan.FromSeconds(150);

    public async Task RunAsync(BenchmarkContext context, CancellationToken ct)
    {
        await using var target = await SandboxTarget.StartAsync(Path.Combine(context.WorkDirectory, "sandbox"), ct);
        context.Log($"Sandbox cluster serving at {target.Cluster.Server}");
        await new RequestThroughput(target, context).RunAsync(ct);
        await new WatchFanOut(target, context).RunAsync(ct);
        await new SlowWatchers(target, context).RunAsync(ct);
        context.Report.Note($"The store held {target.Cluster.Store.ResourceVersion - 1000} changes at the end; the audit log " +
            $"{new FileInfo(target.Cluster.AuditLogPath).Length / (1024 * 1024)} MiB (one line per request, as the server always writes).");
    }
}
