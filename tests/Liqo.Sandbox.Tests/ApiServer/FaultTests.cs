using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Liqo.Sandbox.ApiServer;
using Liqo.Sandbox.ApiServer.Faults;

namespace Liqo.Sandbox.Tests.ApiServer;

/// <summary>Fault injection: errors with the real Status shapes and Retry-After, latency, forced conflicts, dropped watches, seeded decisions.</summary>
public sealed class FaultTests : IAsyncLifetime
{
    private readonly ClusterFixture _f = new();

    public Task InitializeAsync() => _f.InitializeAsync();
    public Task DisposeAsync() => _f.DisposeAsync();

    [Fact]
    public async Task Injected_503_and_429_carry_retry_after_and_stop_after_times()
    {
        var ns = await _f.NamespaceAsync();
        _f.Cluster.Faults.Add(new FaultRule { Verb = "list", Resource = "configmaps", Namespace = ns, Status = 503, Times = 1 });
        _f.Cluster.Faults.Add(new FaultRule { Verb = "get", Resource = "configmaps", Namespace = ns, Status = 429, RetryAfterSeconds = 2, Times = 1 });
        var (code, body, res) = await _f.Raw.GetJsonAsync($"/api/v1/namespaces/{ns}/configmaps");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, code);
        Assert.Equal("ServiceUnavailable", body!["reason"]!.GetValue<string>());
        Assert.Equal("1", res.Headers.GetValues("Retry-After").Single());
        Assert.Equal(HttpStatusCode.OK, (await _f.Raw.GetJsonAsync($"/api/v1/namespaces/{ns}/configmaps")).Code);

        var tooMany = await _f.Raw.GetJsonAsync($"/api/v1/namespaces/{ns}/configmaps/kube-root-ca.crt");
        Assert.Equal(HttpStatusCode.TooManyRequests, tooMany.Code);
        Assert.Equal("2", tooMany.Response.Headers.GetValues("Retry-After").Single());
        Assert.Equal(2, tooMany.Body!["details"]!["retryAfterSeconds"]!.GetValue<int>());
        Assert.Equal("Too many requests, please try again later.", tooMany.Body["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Injected_500_is_an_internal_error_status()
    {
        var ns = await _f.NamespaceAsync();
        _f.Cluster.Faults.Add(new FaultRule { Verb = "create", Resource = "configmaps", Namespace = ns, Status = 500 });
        var e = await Assert.ThrowsAsync<HttpOperationException>(() => _f.Client.CoreV1.CreateNamespacedConfigMapAsync(
            new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "x" } }, ns));
        Assert.Equal(HttpStatusCode.InternalServerError, e.Response.StatusCode);
        var st = JsonNode.Parse(e.Response.Content)!;
        Assert.Equal("InternalError", st["reason"]!.GetValue<string>());
        Assert.Equal("Internal error occurred: injected fault", st["message"]!.GetValue<string>());
        Assert.DoesNotContain((await _f.Client.CoreV1.ListNamespacedConfigMapAsync(ns)).Items, c => c.Metadata.Name == "x");
    }

    [Fact]
    public async Task Latency_is_added_before_the_request_is_handled()
    {
        var ns = await _f.NamespaceAsync();
        _f.Cluster.Faults.Add(new FaultRule { Verb = "get", Namespace = ns, LatencyMs = 300 });
        var sw = Stopwatch.StartNew();
        await _f.Client.CoreV1.ReadNamespacedConfigMapAsync("kube-root-ca.crt", ns);
        Assert.True(sw.Elapsed >= TimeSpan.FromMilliseconds(290), sw.Elapsed.ToString());
    }

    [Fact]
    public async Task Forced_conflicts_use_the_real_conflict_message()
    {
        var ns = await _f.NamespaceAsync();
        var cm = await _f.Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "c" } }, ns);
        _f.Cluster.Faults.Add(new FaultRule { Verb = "update", Resource = "configmaps", Name = "c", Status = 409, Times = 1 });
        var e = await Assert.ThrowsAsync<HttpOperationException>(() => _f.Client.CoreV1.ReplaceNamespacedConfigMapAsync(cm, "c", ns));
        Assert.Equal(HttpStatusCode.Conflict, e.Response.StatusCode);
        Assert.Equal("Operation cannot be fulfilled on configmaps \"c\": the object has been modified; please apply your changes to the latest version and try again",
            JsonNode.Parse(e.Response.Content)!["message"]!.GetValue<string>());
        await _f.Client.CoreV1.ReplaceNamespacedConfigMapAsync(cm, "c", ns);
    }

    [Fact]
    public async Task Watches_can_be_dropped_after_some_events()
    {
        var ns = await _f.NamespaceAsync();
        await _f.Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "a" } }, ns);
        _f.Cluster.Faults.Add(new FaultRule { Verb = "watch", Namespace = ns, DropWatchAfterEvents = 1, Times = 1 });
        // Two objects exist (a, kube-root-ca.crt): the connection is aborted instead of sending the second event.
        var lines = new List<string>();
        var aborted = false;
        try
        {
            using var req = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/namespaces/{ns}/configmaps?watch=true");
            using var res = await _f.Raw.SendAsync(req, HttpCompletionOption.ResponseHeadersRead);
            using var reader = new StreamReader(await res.Content.ReadAsStreamAsync());
            while (await reader.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(5)) is { } line) lines.Add(line);
        }
        catch (Exception e) when (e is IOException or HttpRequestException)
        {
            aborted = true;
        }
        Assert.True(lines.Count <= 1, string.Join("\n", lines));
        Assert.All(lines, l => Assert.Equal("ADDED", JsonNode.Parse(l)!["type"]!.GetValue<string>()));
        Assert.True(aborted);
    }

    [Fact]
    public void Decisions_follow_the_seed_and_rules_load_from_json()
    {
        static List<bool> Run(int seed)
        {
            var faults = new FaultInjector(seed);
            faults.Add(new FaultRule { Verb = "get", Status = 500, Probability = 0.5 });
            return Enumerable.Range(0, 32).Select(_ => faults.Evaluate("get", "", "pods", "", "default", "p", "u", "/x") is not null).ToList();
        }
        Assert.Equal(Run(7), Run(7));
        Assert.NotEqual(Run(7), Run(8));
        Assert.Contains(true, Run(7));
        Assert.Contains(false, Run(7));

        var loaded = new FaultInjector();
        loaded.Load("""{"seed": 3, "rules": [{"verb": "list", "resource": "configmaps", "status": 429, "retryAfterSeconds": 0, "latencyMs": 5}]}""");
        var rule = Assert.Single(loaded.Rules);
        Assert.Equal(429, rule.Status);
        Assert.Equal(5, rule.LatencyMs);
        var d = loaded.Evaluate("list", "", "configmaps", "", "", "", "u", "/api/v1/configmaps");
        Assert.Equal(429, d!.Error!.Code);
        Assert.Null(d.Error.RetryAfterSeconds);
    }

    [Fact]
    public async Task An_outage_drops_every_request_unanswered_and_cuts_the_open_watches()
    {
        var ns = await _f.NamespaceAsync();
        using var req = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/namespaces/{ns}/configmaps?watch=true");
        using var res = await _f.Raw.SendAsync(req, HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await res.Content.ReadAsStreamAsync());
        Assert.Equal("ADDED", JsonNode.Parse((await reader.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(5)))!)!["type"]!.GetValue<string>());

        _f.Cluster.Faults.SetUnreachable(true);
        Assert.True(_f.Cluster.Faults.Unreachable);
        // the open watch does not end cleanly: its connection drops
        await Assert.ThrowsAnyAsync<IOException>(async () =>
        {
            while (await reader.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(5)) is not null) { }
        });
        // a new request gets no answer at all, not an HTTP error
        await Assert.ThrowsAsync<HttpRequestException>(() => _f.Raw.GetAsync($"/api/v1/namespaces/{ns}/configmaps"));
        await Assert.ThrowsAsync<HttpRequestException>(() => _f.Client.CoreV1.ListNamespacedConfigMapAsync(ns));

        _f.Cluster.Faults.SetUnreachable(false);
        Assert.Equal(HttpStatusCode.OK, (await _f.Raw.GetJsonAsync($"/api/v1/namespaces/{ns}/configmaps")).Code);

        // the program's faults file: "unreachable" starts an outage, its absence ends it
        _f.Cluster.Faults.Load("""{"unreachable": true}""");
        Assert.True(_f.Cluster.Faults.Unreachable);
        await Assert.ThrowsAsync<HttpRequestException>(() => _f.Raw.GetAsync($"/api/v1/namespaces/{ns}/configmaps"));
        _f.Cluster.Faults.Load("""{"rules": []}""");
        Assert.False(_f.Cluster.Faults.Unreachable);
        Assert.Equal(HttpStatusCode.OK, (await _f.Raw.GetJsonAsync($"/api/v1/namespaces/{ns}/configmaps")).Code);
    }

    [Fact]
    public async Task The_rules_file_is_followed_while_running()
    {
        var path = Path.Combine(_f.Directory, "test.faults.json");
        var faults = new FaultInjector();
        using var cts = new CancellationTokenSource();
        var watching = faults.WatchFileAsync(path, ct: cts.Token);
        await File.WriteAllTextAsync(path, """{"rules":[{"verb":"get","status":503}]}""");
        await TestHttp.EventuallyAsync(() => Task.FromResult(faults.Rules.Count == 1), "rules loaded");
        File.Delete(path);
        await TestHttp.EventuallyAsync(() => Task.FromResult(faults.Rules.Count == 0), "rules cleared");
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => watching);
    }
}
