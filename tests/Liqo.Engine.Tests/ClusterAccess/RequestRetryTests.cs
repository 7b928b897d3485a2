using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Liqo.Engine.ClusterAccess;
using Liqo.Engine.Resources;
using Liqo.Sandbox.ApiServer.Faults;

namespace Liqo.Engine.Tests.ClusterAccess;

/// <summary>
/// Transient failures are retried within the budget, each retry a Verbose line naming the request and the reason;
/// permanent ones are not; a server that never answers costs a request timeout, not the command.
/// </summary>
public sealed class RequestRetryTests(SandboxFixture fx) : IClassFixture<SandboxFixture>, IDisposable
{
    public void Dispose() => fx.Alpha.Faults.Clear();

    private sealed class Log : IOperationLog
    {
        public List<string> Lines { get; } = [];
        public void Verbose(string message) { lock (Lines) Lines.Add(message); }
        public void Warning(string message) { }
        public void Step(StepEvent step) { }
        public Task<WriteDecision> ShouldWriteAsync(string target, string action) => Task.FromResult(WriteDecision.Proceed);
        public List<string> Retries() { lock (Lines) return Lines.Where(l => l.StartsWith("Retrying", StringComparison.Ordinal)).ToList(); }
    }

    private async Task<ClusterConnection> ConnectAsync(string ns, Log log)
    {
        var c = SandboxFixture.Connect(fx.Alpha);
        if (await c.Api.GetAsync(Kinds.Namespace, null, ns, default) is null)
            await c.Api.CreateAsync(Kinds.Namespace, null, Json.Object(Kinds.Namespace, ns, null), default);
        c.AttachTo(log, bounded: true);
        return c;
    }

    [Fact]
    public async Task A429WithRetryAfterIsWaitedOutAndReportedOnce()
    {
        var log = new Log();
        using var c = await ConnectAsync("retry-429", log);
        fx.Alpha.Faults.Add(new FaultRule { Verb = "list", Resource = "configmaps", Namespace = "retry-429", Status = 429, RetryAfterSeconds = 1, Times = 1 });
        var list = await c.Api.ListAsync(Kinds.ConfigMap, "retry-429", ct: default);
        Assert.NotNull(list.ResourceVersion);
        var line = Assert.Single(log.Retries());
        Assert.Contains("list configmaps in retry-429", line);
        Assert.Contains("429 TooManyRequests, Retry-After 1 s", line);
        Assert.Contains("in 1.0 s", line);
    }

    [Fact]
    public async Task WritesAndReadsGetThroughOneInFiveRequestsFailing()
    {
        var log = new Log();
        using var c = await ConnectAsync("retry-flaky", log);
        fx.Alpha.Faults.Reseed(7);
        fx.Alpha.Faults.Add(new FaultRule { Namespace = "retry-flaky", Status = 500, Probability = 0.1 });
        fx.Alpha.Faults.Add(new FaultRule { Namespace = "retry-flaky", Status = 429, Probability = 0.1 });
        for (var i = 0; i < 20; i++)
        {
            var cm = Json.Object(Kinds.ConfigMap, $"cm-{i}", "retry-flaky");
            await c.Api.CreateAsync(Kinds.ConfigMap, "retry-flaky", cm, default);
            var read = await c.Api.GetAsync(Kinds.ConfigMap, "retry-flaky", $"cm-{i}", default);
            Assert.NotNull(read);
            read!["data"] = new JsonObject { ["n"] = i.ToString(System.Globalization.CultureInfo.InvariantCulture) };
            await c.Api.UpdateAsync(Kinds.ConfigMap, "retry-flaky", read, default);
        }
        fx.Alpha.Faults.Clear();
        var all = await c.Api.ListAsync(Kinds.ConfigMap, "retry-flaky", ct: default);
        Assert.Equal(20, all.Items.Count(i => i.Name().StartsWith("cm-", StringComparison.Ordinal)));
        Assert.All(all.Items.Where(i => i.Name().StartsWith("cm-", StringComparison.Ordinal)), i => Assert.NotNull(i["data"]?["n"]));
        Assert.NotEmpty(log.Retries()); // 60 requests at 20%: the seed makes some fail
        Assert.All(log.Retries(), l => Assert.Matches(@"^Retrying (create|get|update) configmaps retry-flaky/cm-\d+ on the local cluster in \d+\.\d s \(attempt \d+\): (500 InternalError|429 TooManyRequests, Retry-After 1 s)\.$", l));
    }

    [Fact]
    public async Task PermanentErrorsAreNotRetried()
    {
        var log = new Log();
        using var c = await ConnectAsync("retry-permanent", log);
        var bad = Json.Object(Kinds.ConfigMap, "Not_A_Name", "retry-permanent");
        var invalid = await Assert.ThrowsAsync<KubeApiException>(() => c.Api.CreateAsync(Kinds.ConfigMap, "retry-permanent", bad, default));
        Assert.Equal(422, invalid.Code);
        Assert.Null(await c.Api.GetAsync(Kinds.ConfigMap, "retry-permanent", "absent", default));
        await c.Api.CreateAsync(Kinds.ConfigMap, "retry-permanent", Json.Object(Kinds.ConfigMap, "once", "retry-permanent"), default);
        var exists = await Assert.ThrowsAsync<KubeApiException>(() =>
            c.Api.CreateAsync(Kinds.ConfigMap, "retry-permanent", Json.Object(Kinds.ConfigMap, "once", "retry-permanent"), default));
        Assert.True(exists.IsAlreadyExists);
        Assert.Empty(log.Retries());
    }

    [Fact]
    public async Task AnOutageShorterThanTheBudgetIsRiddenOut()
    {
        var log = new Log();
        using var c = await ConnectAsync("retry-outage", log);
        fx.Alpha.Faults.SetUnreachable(true);
        var read = c.Api.ListAsync(Kinds.ConfigMap, "retry-outage", ct: default);
        while (log.Retries().Count < 2) await Task.Delay(50);
        fx.Alpha.Faults.SetUnreachable(false);
        await read;
        Assert.All(log.Retries(), l => Assert.StartsWith("Retrying list configmaps in retry-outage on the local cluster", l));
    }

    [Fact]
    public async Task WhenTheBudgetRunsOutTheErrorIsOperationTimeoutNamingTheLastTransientError()
    {
        var log = new Log();
        using var c = await ConnectAsync("retry-budget", log);
        fx.Alpha.Faults.SetUnreachable(true);
        var e = await Assert.ThrowsAsync<LiqoException>(() => ClusterId.ReadAsync(c, TimeSpan.FromSeconds(2), log, default));
        Assert.Equal(ErrorIds.OperationTimeout, e.ErrorId);
        Assert.Contains("the last transient error was: list configmaps in liqo", e.Message);
        Assert.DoesNotContain("Get-Liqo", e.RecommendedAction);
        Assert.Contains("--request-timeout", e.RecommendedAction);
    }

    [Fact]
    public async Task AServerThatNeverAnswersIsUnreachableAfterOneRequestTimeoutNotAfterTheBudget()
    {
        // accepts connections and never says a word: not even the TLS handshake
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var held = new List<TcpClient>();
        _ = Task.Run(async () =>
        {
            try { while (true) { var client = await silent.AcceptTcpClientAsync(); lock (held) held.Add(client); } }
            catch (Exception) { /* stopped */ }
        });
        var port = ((IPEndPoint)silent.LocalEndpoint).Port;
        var kubeconfig = $"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: silent
              cluster:
                server: https://127.0.0.1:{port}
                insecure-skip-tls-verify: true
            users:
            - name: u
              user:
                token: not-a-real-token
            contexts:
            - name: silent
              context:
                cluster: silent
                user: u
            current-context: silent
            """;
        var log = new Log();
        using var c = ClusterConnection.Open(new KubeconfigSource(null, kubeconfig, null));
        c.RequestTimeout = TimeSpan.FromSeconds(1);
        // never answered in this command: reported at once, as kubectl does, not retried for the whole minute
        var e = await Assert.ThrowsAsync<LiqoException>(() => ClusterId.ReadAsync(c, TimeSpan.FromMinutes(1), log, default));
        Assert.Equal(ErrorIds.ClusterUnreachable, e.ErrorId);
        Assert.Contains("no answer within 1s", e.Message);
        Assert.Empty(log.Retries());
        silent.Stop();
        lock (held) held.ForEach(h => h.Dispose());
    }

    [Fact]
    public async Task AWaitSurvivesDroppedWatches()
    {
        var log = new Log();
        using var c = await ConnectAsync("retry-watch", log);
        fx.Alpha.Faults.Add(new FaultRule { Verb = "watch", Resource = "configmaps", Namespace = "retry-watch", DropWatchAfterEvents = 0, Times = 3 });
        var waited = Waiter.UntilAsync(c, Kinds.ConfigMap, "retry-watch", null, "metadata.name=late", items => items.FirstOrDefault(),
            new WaitTarget("test", "ConfigMap retry-watch/late", "created"), TimeSpan.FromSeconds(30), default);
        // let the three dropped watches happen first (the audit log is written asynchronously: at most 10 s)
        for (var deadline = DateTime.UtcNow.AddSeconds(10); !waited.IsCompleted && CountDropped() < 3 && DateTime.UtcNow < deadline;) await Task.Delay(50);
        using (var admin = SandboxFixture.Connect(fx.Alpha))
            await admin.Api.CreateAsync(Kinds.ConfigMap, "retry-watch", Json.Object(Kinds.ConfigMap, "late", "retry-watch"), default);
        Assert.Equal("late", (await waited).Name());
    }

    /// <summary>Watches of retry-watch the server cut (its audit log records them as ended).</summary>
    private int CountDropped() =>
        File.Exists(fx.Alpha.AuditLogPath)
            ? File.ReadLines(fx.Alpha.AuditLogPath).Count(l => l.Contains("\"verb\":\"watch\"", StringComparison.Ordinal) && l.Contains("retry-watch", StringComparison.Ordinal))
            : 0;

    [Fact]
    public async Task TwoWritersOfTheSameObjectBothSucceedWithOneObject()
    {
        var log = new Log();
        using var a = await ConnectAsync("retry-race", log);
        using var b = SandboxFixture.Connect(fx.Alpha);
        using var opA = new Operation(log, TimeSpan.FromSeconds(30), default);
        using var opB = new Operation(log, TimeSpan.FromSeconds(30), default);
        for (var i = 0; i < 10; i++)
        {
            var name = $"raced-{i}";
            JsonObject Desired(string who)
            {
                var o = Json.Object(Kinds.ConfigMap, name, "retry-race");
                o["data"] = new JsonObject { ["by-" + who] = "yes" };
                return o;
            }
            var writes = await Task.WhenAll(
                ObjectWriter.CreateOrUpdateAsync(opA, a, Kinds.ConfigMap, Desired("a"), o => o["data"]!["by-a"] = "yes"),
                ObjectWriter.CreateOrUpdateAsync(opB, b, Kinds.ConfigMap, Desired("b"), o => o["data"]!["by-b"] = "yes"));
            Assert.All(writes, w => Assert.Equal(name, w.Name()));
            var stored = await a.Api.GetAsync(Kinds.ConfigMap, "retry-race", name, default);
            Assert.Equal("yes", stored!["data"]?["by-a"]?.GetValue<string>());
            Assert.Equal("yes", stored["data"]?["by-b"]?.GetValue<string>());
        }
    }
}
