using System.Diagnostics;
using System.Globalization;
using Liqo.Benchmarks.Audit;
using Liqo.Engine;
using Liqo.Engine.ClusterAccess;
using Liqo.Engine.Info;
using Liqo.Sandbox.Liqo;

namespace Liqo.Benchmarks.Info;

/// <summary>
/// Issue 6: Get-LiqoPeerInfo's collector (InfoCollector.CollectPeersAsync) on one sandbox cluster holding 1, then 200
/// peerings written as plain objects (controllers disabled, so nothing changes them), against
/// <c>kubectl get foreignclusters -o json</c> (the real kubectl 1.32). Time and API requests (audit log) per run; the
/// module's request count must not grow with the number of peers.
/// </summary>
public sealed class InfoBenchmark : IBenchmark
{
    private static readonly string[] Controllers =
    [
        "wggatewayclient", "resourceslice-local", "virtual-kubelet", "identity", "gatewayclient-external", "configuration-external",
        "virtualnode", "noncesigner", "foreigncluster", "workloads", "connection-checker", "noncecreator", "identitycreator",
        "resourceslice-remote", "gatewayserver-external", "publickeys", "crd-replicator", "virtualnodecreator", "ipam", "quotacreator",
        "tenant", "wggatewayserver",
    ];

    public string Name => "info";

    public string Description => "Get-LiqoPeerInfo collector with 1 and 200 peerings: time and API requests vs kubectl get foreignclusters";

    public TimeSpan TimeBound => TimeSpan.FromSeconds(240);

    public async Task RunAsync(BenchmarkContext context, CancellationToken ct)
    {
        var fixtures = Path.Combine(RepoRoot(), "tests", "Liqo.Engine.Tests", "Info", "Fixtures", "rome");
        var seeder = new PeerSeeder(fixtures);
        await using var sandbox = await LiqoSandbox.StartAsync(Path.Combine(context.WorkDirectory, "info"), ["rome"], new LiqoSandboxOptions
        {
            Defaults = new LiqoOptions { DisabledControllers = [.. Controllers] },
        }, ct);
        var rome = sandbox["rome"];
        context.Log($"Sandbox cluster rome at {rome.Server}; {seeder.ObjectsPerPeer} objects per peering");
        using var connection = ClusterConnection.Open(new KubeconfigSource(rome.KubeconfigPath, null, null));
        var tail = new AuditTail(rome.Cluster.AuditLogPath);
        var kubectl = KubectlPath();
        var runs = context.Count(10);
        var counts = new Dictionary<int, double>();

        var seeded = 0;
        foreach (var peers in new[] { 1, 200 })
        {
            for (; seeded < peers; seeded++) seeder.Seed(rome.Cluster, $"peer-{seeded:D3}");
            // One unmeasured run: the first connection's TLS handshake and JIT.
            await InfoCollector.CollectPeersAsync(connection, null, null, NullOperationLog.Instance, ct);
            tail.Next();
            var ticks = new List<long>();
            var requests = new List<int>();
            var serverMs = new List<double>();
            var reported = 0;
            for (var i = 0; i < runs; i++)
            {
                var start = Stopwatch.GetTimestamp();
                var result = await InfoCollector.CollectPeersAsync(connection, null, null, NullOperationLog.Instance, ct);
                ticks.Add(Stopwatch.GetTimestamp() - start);
                if (result.Peers.Count != peers) throw new InvalidOperationException($"{result.Peers.Count} peers reported, {peers} stored.");
                reported = result.ApiRequests;
                var audited = tail.Next().Where(r => r.UserAgent.StartsWith("Liqo-PowerShell", StringComparison.Ordinal)).ToList();
                requests.Add(audited.Count);
                serverMs.Add(audited.Max(r => r.Duration.TotalMilliseconds));
            }
            counts[peers] = requests.Average();
            Add(context, $"Get-LiqoPeerInfo, {peers} peer(s)", "engine (InfoCollector)", ticks,
                $"{Fmt(requests.Average())} API requests per run (audit log; collector counted {reported}); slowest request " +
                $"server-side (audit received → completed), median over runs: {Fmt(serverMs.Order().ElementAt(serverMs.Count / 2))} ms");

            if (kubectl is null) continue;
            var env = Path.Combine(context.WorkDirectory, "kubectl-cache");
            var kticks = new List<long>();
            var krequests = new List<int>();
            for (var i = 0; i <= runs; i++)
            {
                var start = Stopwatch.GetTimestamp();
                await RunKubectlAsync(kubectl, rome.KubeconfigPath, env, ct);
                var elapsed = Stopwatch.GetTimestamp() - start;
                var n = tail.Next().Count(r => r.UserAgent.StartsWith("kubectl", StringComparison.Ordinal));
                if (i == 0 && peers == 1) context.Report.Note($"kubectl's first run (empty discovery cache) sent {n} requests.");
                if (i == 0) continue; // warm the discovery cache
                kticks.Add(elapsed);
                krequests.Add(n);
            }
            Add(context, $"kubectl get foreignclusters -o json, {peers} peer(s)", "kubectl 1.32 (process)", kticks,
                $"{Fmt(krequests.Average())} API requests per run (warm discovery cache); lists ForeignClusters only");
        }
        if (kubectl is null)
            context.Report.Note("kubectl rows skipped: the real kubectl 1.32 (kubectl.1.32 beside the kubectl dispatcher) was not found.");
        context.Report.Add(new CheckResult("Get-LiqoPeerInfo's request count does not grow with peers", counts[200] <= counts[1],
            $"{Fmt(counts[1])} requests with 1 peer, {Fmt(counts[200])} with 200"));
    }

    private static void Add(BenchmarkContext context, string @case, string client, List<long> ticks, string note)
    {
        var l = LatencySummary.FromTicks(ticks);
        var seconds = ticks.Sum() / (double)Stopwatch.Frequency;
        context.Report.Add(new ResultRow(@case, client, ticks.Count, seconds, ticks.Count / seconds, "runs/s", l.P50Ms, l.P95Ms, l.P99Ms, l.MaxMs, 0, null, note));
    }

    private static string Fmt(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);

    private static async Task RunKubectlAsync(string kubectl, string kubeconfig, string cacheDir, CancellationToken ct)
    {
        var psi = new ProcessStartInfo(kubectl)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { "--kubeconfig", kubeconfig, "--cache-dir", cacheDir, "get", "foreignclusters", "-o", "json" }) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync(ct);
        var stderr = p.StandardError.ReadToEndAsync(ct);
        await p.WaitForExitAsync(ct);
        await stdout;
        if (p.ExitCode != 0) throw new InvalidOperationException($"kubectl exited with {p.ExitCode}: {await stderr}");
    }

    /// <summary>The real kubectl 1.32 beside the dispatcher that `kubectl` on PATH resolves to; null when absent.</summary>
    private static string? KubectlPath()
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, "kubectl");
            if (!File.Exists(candidate)) continue;
            var target = new FileInfo(candidate).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? candidate;
            var real = Path.Combine(Path.GetDirectoryName(target)!, "kubectl.1.32");
            return File.Exists(real) ? real : null;
        }
        return null;
    }

    private static string RepoRoot()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "Liqo.sln"))) return d.FullName;
        throw new InvalidOperationException("Liqo.sln not found above " + AppContext.BaseDirectory);
    }
}
