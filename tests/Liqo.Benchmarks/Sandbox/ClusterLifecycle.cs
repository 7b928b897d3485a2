using System.Diagnostics;
using Liqo.Sandbox;

namespace Liqo.Benchmarks.Sandbox;

/// <summary>
/// How long a sandbox API server takes to start (CA, serving certificate, admin kubeconfig, Kestrel on an ephemeral
/// port) and to stop while clients hold watches open (a watch has no end of its own, so a stop that waited for it would
/// hang). One unmeasured start first, so the JIT is not counted. The tests only check that stopping ends; the times are here.
/// </summary>
internal sealed class ClusterLifecycle(BenchmarkContext context)
{
    public async Task RunAsync(string directory, CancellationToken ct)
    {
        var rounds = context.Count(10);
        await using (await SandboxCluster.StartAsync(new SandboxClusterOptions { Name = "warm", Directory = Path.Combine(directory, "warm") }, ct)) { }

        var starts = new List<long>();
        var stops = new List<long>();
        for (var i = 0; i < rounds; i++)
        {
            var started = Stopwatch.GetTimestamp();
            var target = await SandboxTarget.StartAsync(Path.Combine(directory, $"round-{i}"), ct);
            starts.Add(Stopwatch.GetTimestamp() - started);

            var watches = new List<(HttpClient Client, HttpResponseMessage Response)>();
            for (var w = 0; w < 2; w++)
            {
                var http = target.NewHttpClient();
                var response = await http.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/api/v1/namespaces?watch=true"),
                    HttpCompletionOption.ResponseHeadersRead, ct);
                watches.Add((http, response));
            }
            var stopping = Stopwatch.GetTimestamp();
            await target.DisposeAsync();
            stops.Add(Stopwatch.GetTimestamp() - stopping);
            foreach (var (http, response) in watches)
            {
                response.Dispose();
                http.Dispose();
            }
        }
        Add("Cluster start (API server, no Liqo)", LatencySummary.FromTicks(starts), rounds);
        Add("Cluster stop with 2 open watches", LatencySummary.FromTicks(stops), rounds);
    }

    private void Add(string @case, LatencySummary latency, int rounds) =>
        context.Report.Add(new ResultRow(@case, "in process", rounds, 0, null, "rounds", latency.P50Ms, latency.P95Ms, latency.P99Ms,
            latency.MaxMs, 0, null));
}
