using System.Net;
using System.Net.Http.Headers;
using k8s;

namespace Liqo.Benchmarks.Sandbox;

/// <summary>
/// GET, LIST (100 and 1000 ConfigMaps) and CREATE throughput over HTTPS, with a few concurrent clients (one connection
/// each), once through KubernetesClient (requests, JSON decoding into typed models) and once through a raw HttpClient
/// (the bytes only), so the client's own cost can be told from the server's.
/// </summary>
internal sealed class RequestThroughput(SandboxTarget target, BenchmarkContext context)
{
    private const int SmallPayload = 256;
    private const int BulkObjects = 20_000;

    public async Task RunAsync(CancellationToken ct)
    {
        var clients = context.Options.Clients;
        target.CreateNamespace("bench-get");
        target.FillConfigMaps("bench-get", "get", 2, SmallPayload);
        target.CreateNamespace("bench-list-100");
        target.FillConfigMaps("bench-list-100", "list100", 100, SmallPayload);
        target.CreateNamespace("bench-list-1000");
        target.FillConfigMaps("bench-list-1000", "list1000", 1000, SmallPayload);
        target.CreateNamespace("bench-create");
        target.CreateNamespace("bench-warm");

        var kube = Enumerable.Range(0, clients).Select(_ => target.NewKubernetesClient()).ToArray();
        var raw = Enumerable.Range(0, clients).Select(_ => target.NewHttpClient()).ToArray();
        try
        {
            var probe = await kube[0].CoreV1.ReadNamespacedConfigMapWithHttpMessagesAsync("get-00001", "bench-get", cancellationToken: ct);
            context.Report.Note($"KubernetesClient negotiated HTTP/{probe.Response.Version}; the raw HttpClient uses HTTP/1.1; one connection per client.");
            var oneGetBytes = (await raw[0].GetByteArrayAsync("/api/v1/namespaces/bench-get/configmaps/get-00001", ct)).Length;
            var list1000Bytes = (await raw[0].GetByteArrayAsync("/api/v1/namespaces/bench-list-1000/configmaps", ct)).Length;
            context.Report.Note($"Object sizes: one ConfigMap {oneGetBytes} bytes of JSON; the LIST of 1000 {list1000Bytes / 1024} KiB.");

            // Warm-up of every path measured below (not recorded): .NET's tiered JIT needs a few seconds of traffic to
            // recompile the hot code with profile data, longer when other work shares the cores.
            context.Log("Warm-up (GET, LIST, CREATE through both clients; not measured)");
            await LoadRunner.RunAsync(clients, async (w, i, t) =>
            {
                switch (Math.Abs(i) % 6)
                {
                    case 0: await kube[w].CoreV1.ReadNamespacedConfigMapAsync("get-00001", "bench-get", cancellationToken: t); break;
                    case 1: await RawGetAsync(raw[w], "/api/v1/namespaces/bench-get/configmaps/get-00001", t); break;
                    case 2: await kube[w].CoreV1.ListNamespacedConfigMapAsync("bench-list-100", cancellationToken: t); break;
                    case 3: await RawGetAsync(raw[w], "/api/v1/namespaces/bench-list-100/configmaps", t); break;
                    case 4: await kube[w].CoreV1.CreateNamespacedConfigMapAsync(ConfigMaps.Typed($"warm-kc-{i}", "warm", SmallPayload), "bench-warm", cancellationToken: t); break;
                    default: await RawCreateAsync(raw[w], "bench-warm", $"warm-hc-{i}", t, "warm"); break;
                }
            }, new LoadLimits(long.MaxValue, context.Duration(TimeSpan.FromSeconds(6)), 0)
            {
                WarmupDuration = TimeSpan.Zero, SettleTime = context.Duration(TimeSpan.FromSeconds(3)),
            }, ct);

            var kc = $"KubernetesClient x{clients}";
            var hc = $"HttpClient x{clients}";

            // GET one object.
            await Measure("GET configmap", kc, context.Limits(40_000, TimeSpan.FromSeconds(3), 50),
                (w, _, t) => kube[w].CoreV1.ReadNamespacedConfigMapAsync("get-00001", "bench-get", cancellationToken: t), ct);
            await Measure("GET configmap", hc, context.Limits(40_000, TimeSpan.FromSeconds(3), 50),
                (w, _, t) => RawGetAsync(raw[w], "/api/v1/namespaces/bench-get/configmaps/get-00001", t), ct);

            // LIST a namespace of 100 and of 1000 (the namespaces of the other cases hold objects too, as in a real cluster).
            foreach (var n in new[] { 100, 1000 })
            {
                var ns = $"bench-list-{n}";
                var listed = await kube[0].CoreV1.ListNamespacedConfigMapAsync(ns, cancellationToken: ct);
                if (listed.Items.Count != n) throw new InvalidOperationException($"LIST {ns} returned {listed.Items.Count} items, not {n}.");
                var limits = context.Limits(n == 100 ? 10_000 : 2_000, TimeSpan.FromSeconds(3), n == 100 ? 20 : 5);
                await Measure($"LIST {n} configmaps", kc, limits,
                    (w, _, t) => kube[w].CoreV1.ListNamespacedConfigMapAsync(ns, cancellationToken: t), ct);
                await Measure($"LIST {n} configmaps", hc, limits,
                    (w, _, t) => RawGetAsync(raw[w], $"/api/v1/namespaces/{ns}/configmaps", t), ct);
            }

            // CREATE (each a new name).
            var createLimits = context.Limits(10_000, TimeSpan.FromSeconds(3), 20);
            await Measure("CREATE configmap", kc, createLimits,
                (w, i, t) => kube[w].CoreV1.CreateNamespacedConfigMapAsync(ConfigMaps.Typed($"kc-{i}", "create", SmallPayload), "bench-create", cancellationToken: t), ct);
            await Measure("CREATE configmap", hc, createLimits,
                (w, i, t) => RawCreateAsync(raw[w], "bench-create", $"hc-{i}", t), ct);

            // The same raw requests once more, then against a store with 20,000 more objects: the size of the cluster must not
            // slow single requests down. (Measured back to back, so that JIT and GC warm-up do not tell the two apart.)
            foreach (var bulk in new[] { false, true })
            {
                if (bulk)
                {
                    var clock = System.Diagnostics.Stopwatch.StartNew();
                    target.CreateNamespace("bench-bulk");
                    target.FillConfigMaps("bench-bulk", "bulk", BulkObjects, SmallPayload);
                    context.Log($"Stored {BulkObjects} more ConfigMaps in-process in {clock.Elapsed.TotalSeconds:F1} s");
                }
                var stored = $"{target.StoredConfigMaps / 1000.0:F0}k configmaps stored";
                await Measure($"GET configmap, {stored}", hc, context.Limits(40_000, TimeSpan.FromSeconds(3), 50),
                    (w, _, t) => RawGetAsync(raw[w], "/api/v1/namespaces/bench-get/configmaps/get-00001", t), ct);
                await Measure($"CREATE configmap, {stored}", hc, createLimits,
                    (w, i, t) => RawCreateAsync(raw[w], "bench-create", $"{(bulk ? "bulk" : "again")}-{i}", t), ct);
            }
        }
        finally
        {
            foreach (var k in kube) k.Dispose();
            foreach (var r in raw) r.Dispose();
        }
    }

    private async Task Measure(string @case, string client, LoadLimits limits, Func<int, long, CancellationToken, Task> op, CancellationToken ct)
    {
        context.Log($"{@case} with {client} (at most {limits.MaxOperations} requests or {limits.MaxDuration.TotalSeconds:F0} s)");
        var result = await LoadRunner.RunAsync(context.Options.Clients, op, limits, ct);
        context.Report.Add(ResultRow.From(@case, client, result));
    }

    /// <summary>GET that reads the whole body and checks for 200 (no JSON decoding).</summary>
    private static async Task RawGetAsync(HttpClient http, string path, CancellationToken ct)
    {
        using var res = await http.GetAsync(path, HttpCompletionOption.ResponseHeadersRead, ct);
        await using var body = await res.Content.ReadAsStreamAsync(ct);
        await body.CopyToAsync(Stream.Null, ct);
        if (res.StatusCode != HttpStatusCode.OK) throw new HttpRequestException($"GET {path}: {(int)res.StatusCode}");
    }

    public static async Task RawCreateAsync(HttpClient http, string ns, string name, CancellationToken ct, string set = "create", int payload = SmallPayload)
    {
        using var content = new ByteArrayContent(ConfigMaps.Body(name, set, payload));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var res = await http.PostAsync($"/api/v1/namespaces/{ns}/configmaps", content, ct);
        await using var body = await res.Content.ReadAsStreamAsync(ct);
        await body.CopyToAsync(Stream.Null, ct);
        if (res.StatusCode != HttpStatusCode.Created) throw new HttpRequestException($"POST configmap {name}: {(int)res.StatusCode}");
    }
}
