using System.Diagnostics;
using System.Globalization;
using Liqo.Benchmarks.Audit;
using Liqo.Engine;
using Liqo.Engine.ClusterAccess;
using Liqo.Engine.Info;
using Liqo.Sandbox.Liqo;

namespace Liqo.Benchmarks.Info;

/// <summary>
/// Issues 6 and 17: Get-LiqoPeerInfo's collector (InfoCollector.CollectPeersAsync) on one sandbox cluster holding 1, then
/// 1,000 peerings written as plain objects (8 per peering, so 8,000 objects at the end; controllers disabled, so
/// nothing changes them), beside <c>kubectl get foreignclusters -o json</c> (the real kubectl 1.32), in the same run.
/// The collector runs in this process (warm: time and API requests per run) and once per fresh process (the benchmark
/// program in worker mode: the .NET runtime and the engine), as kubectl runs, so that both processes' wall time and peak
/// working set stand side by side. The module's request count must stay the same for every number of peers.
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

    private static readonly int[] PeerCounts = [1, 1000];

    public string Name => "info";

    public string Description => "Get-LiqoPeerInfo collector with 1 and 1,000 peerings: time, API requests and peak working set vs kubectl get foreignclusters";

    public TimeSpan TimeBound => TimeSpan.FromSeconds(600);

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
        var runs = context.Count(6);
        var processRuns = context.Count(3);
        var counts = new Dictionary<int, double>();
        var worker = WorkerCommand();

        var seeded = 0;
        foreach (var peers in PeerCounts)
        {
            for (; seeded < peers; seeded++) seeder.Seed(rome.Cluster, $"peer-{seeded:D4}");
            context.Log($"{peers} peering(s) stored ({peers * seeder.ObjectsPerPeer} objects)");
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
            Add(context, $"Get-LiqoPeerInfo, {peers} peer(s)", "engine (InfoCollector), warm", ticks,
                $"{Fmt(requests.Average())} API requests per run (audit log; collector counted {reported}); slowest request " +
                $"server-side (audit received → completed), median over runs: {Fmt(serverMs.Order().ElementAt(serverMs.Count / 2))} ms");

            var wticks = new List<long>();
            var wpeaks = new List<long>();
            var wrequests = new List<int>();
            var wfailures = new List<string>();
            for (var i = 0; i < processRuns; i++)
            {
                var (t, peak, failure) = await MeasuredProcess.RunAsync(worker.Program,
                    [.. worker.Arguments, rome.KubeconfigPath, peers.ToString(CultureInfo.InvariantCulture)], ct);
                var n = tail.Next().Count(r => r.UserAgent.StartsWith("Liqo-PowerShell", StringComparison.Ordinal));
                if (failure is not null)
                {
                    wfailures.Add(failure);
                    continue;
                }
                wticks.Add(t);
                if (peak is { } kib) wpeaks.Add(kib);
                wrequests.Add(n);
            }
            Add(context, $"Get-LiqoPeerInfo, {peers} peer(s)", "engine, fresh process per run", wticks,
                $"{(wrequests.Count == 0 ? "no" : Fmt(wrequests.Average()))} API requests per run; {Peak(wpeaks)}; the process: .NET 10 and the engine, no PowerShell" +
                (wfailures.Count == 0 ? "" : $"; {wfailures.Count} run(s) failed and are left out, the first: {wfailures[0]}"), wfailures.Count);

            if (kubectl is null) continue;
            var env = Path.Combine(context.WorkDirectory, "kubectl-cache");
            var kticks = new List<long>();
            var kpeaks = new List<long>();
            var krequests = new List<int>();
            for (var i = 0; i <= processRuns; i++)
            {
                var (elapsed, peak, failure) = await MeasuredProcess.RunAsync(kubectl,
                    ["--kubeconfig", rome.KubeconfigPath, "--cache-dir", env, "get", "foreignclusters", "-o", "json"], ct);
                if (failure is not null) throw new InvalidOperationException(failure);
                var n = tail.Next().Count(r => r.UserAgent.StartsWith("kubectl", StringComparison.Ordinal));
                if (i == 0 && peers == PeerCounts[0]) context.Report.Note($"kubectl's first run (empty discovery cache) sent {n} requests.");
                if (i == 0) continue; // warm the discovery cache
                kticks.Add(elapsed);
                krequests.Add(n);
                if (peak is { } kib) kpeaks.Add(kib);
            }
            Add(context, $"kubectl get foreignclusters -o json, {peers} peer(s)", "kubectl 1.32 (process per run)", kticks,
                $"{Fmt(krequests.Average())} API requests per run (warm discovery cache); {Peak(kpeaks)}; lists ForeignClusters only");
        }
        if (kubectl is null)
            context.Report.Note("kubectl rows skipped: the real kubectl 1.32 (kubectl.1.32 beside the kubectl dispatcher) was not found.");
        if (!MeasuredProcess.CanMeasureMemory)
            context.Report.Note("Peak working sets not measured: /usr/bin/time (GNU time) was not found.");
        context.Report.Note("Peak working set: the process's maxrss as the kernel reports it when the process ends (GNU time's %M), p50 and max over the runs.");
        context.Report.Add(new CheckResult("Get-LiqoPeerInfo's request count stays the same for 1 and 1,000 peers",
            PeerCounts.All(p => counts[p] == counts[PeerCounts[0]]),
            string.Join(", ", PeerCounts.Select(p => $"{Fmt(counts[p])} requests with {p} peer(s)"))));
    }

    /// <summary>How to start this program in worker mode: through the dotnet host when it runs as `dotnet Liqo.Benchmarks.dll`.</summary>
    private static (string Program, string[] Arguments) WorkerCommand()
    {
        var host = Environment.ProcessPath ?? "dotnet";
        return Path.GetFileNameWithoutExtension(host) == "dotnet"
            ? (host, [typeof(InfoWorker).Assembly.Location, InfoWorker.Command])
            : (host, [InfoWorker.Command]);
    }

    private static string Peak(List<long> kib) =>
        kib.Count == 0 ? "peak working set not measured"
            : $"peak working set p50 {Fmt(kib.Order().ElementAt((kib.Count - 1) / 2) / 1024.0)} MiB, max {Fmt(kib.Max() / 1024.0)} MiB";

    private static void Add(BenchmarkContext context, string @case, string client, List<long> ticks, string note, int errors = 0)
    {
        var l = LatencySummary.FromTicks(ticks);
        var seconds = ticks.Sum() / (double)Stopwatch.Frequency;
        context.Report.Add(new ResultRow(@case, client, ticks.Count, seconds, seconds > 0 ? ticks.Count / seconds : null, "runs/s",
            l.P50Ms, l.P95Ms, l.P99Ms, l.MaxMs, errors, null, note));
    }

    private static string Fmt(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);

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
