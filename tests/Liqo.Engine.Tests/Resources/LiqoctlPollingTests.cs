using System.Text.Json.Nodes;
using Liqo.Engine.ClusterAccess;
using Liqo.Engine.Resources;

namespace Liqo.Engine.Tests.Resources;

/// <summary>
/// The benchmark's baseline strategy (<see cref="WaitStrategy.LiqoctlPolling"/>) waits as liqoctl v1.2.0 does: the
/// condition checked at once, then once per interval (1 s), with a GET for a named object and a LIST for a selector, never
/// a watch; and it waits for the same conditions as the module's watches, returning the same object. The intervals are
/// read from a manual clock (the delays the strategy asks for), not timed.
/// </summary>
public sealed class LiqoctlPollingTests(SandboxFixture fx) : IClassFixture<SandboxFixture>
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    private async Task<ClusterConnection> NamespaceAsync(string ns)
    {
        var admin = SandboxFixture.Connect(fx.Alpha);
        await admin.Api.CreateAsync(Kinds.Namespace, null, Json.Object(Kinds.Namespace, ns, null), default);
        return admin;
    }

    private static Task<JsonObject> PutAsync(ClusterConnection c, string ns, string name, string value, JsonObject? existing = null)
    {
        var cm = existing ?? Json.Object(Kinds.ConfigMap, name, ns, new Dictionary<string, string> { ["app"] = "polled" });
        cm["data"] = new JsonObject { ["v"] = value };
        return existing is null ? c.Api.CreateAsync(Kinds.ConfigMap, ns, cm, default) : c.Api.UpdateAsync(Kinds.ConfigMap, ns, cm, default);
    }

    private static string? Value(JsonObject o) => o["data"]?["v"]?.GetValue<string>();

    private static WaitTarget Target => new("Waiting for the test's ConfigMap", "ConfigMap", "v=c");

    /// <summary>The audit log's requests on the namespace's ConfigMaps, as "verb path" (written before each answer is sent).</summary>
    private List<string> Requests(string ns) =>
        File.ReadLines(fx.Alpha.AuditLogPath)
            .Select(l => JsonNode.Parse(l)!.AsObject())
            .Where(e => ((string?)e["requestURI"] ?? "").StartsWith($"/api/v1/namespaces/{ns}/configmaps", StringComparison.Ordinal))
            .Select(e => (string)e["verb"]! + " " + ((string)e["requestURI"]!).Split('?')[0])
            .ToList();

    [Fact]
    public async Task ANamedObjectIsGotAtOnceThenEverySecondUntilTheConditionHolds()
    {
        const string ns = "liqoctl-poll-get";
        using var admin = await NamespaceAsync(ns);
        var cm = await PutAsync(admin, ns, "target", "a");
        var clock = new ManualClock();
        var seen = new List<string?>();
        var records = new List<WaitRecord>();
        var wait = Waiter.UntilAsync(admin, Kinds.ConfigMap, ns, null, "metadata.name=target",
            objects =>
            {
                lock (seen) seen.AddRange(objects.Select(Value));
                return objects.FirstOrDefault(o => Value(o) == "c");
            },
            Target, TimeSpan.FromMinutes(1), default, settings: new WaitSettings(WaitStrategy.LiqoctlPolling, clock, records.Add));

        await clock.StartedAsync(1);                 // the first check (at once) saw "a" and sleeps
        cm = await PutAsync(admin, ns, "target", "b", cm);
        clock.Advance(Second);
        await clock.StartedAsync(2);                 // the second check saw "b"
        var satisfying = await PutAsync(admin, ns, "target", "c", cm);
        clock.Advance(Second);
        var found = await wait;

        Assert.Equal("c", Value(found));
        Assert.Equal(["a", "b", "c"], seen);
        Assert.Equal([Second, Second], clock.Delays);
        var path = $"/api/v1/namespaces/{ns}/configmaps";
        Assert.Equal([$"create {path}", $"get {path}/target", $"update {path}/target", $"get {path}/target", $"update {path}/target",
            $"get {path}/target"], Requests(ns));
        var record = Assert.Single(records);
        Assert.Equal((WaitStrategy.LiqoctlPolling, 3, false, satisfying.ResourceVersion()), (record.Strategy, record.Checks, record.SatisfiedAtFirstCheck, record.ResourceVersion));
    }

    [Fact]
    public async Task ASelectorIsListedAtOnceThenEverySecondAndAConditionThatHoldsIsNotPolled()
    {
        const string ns = "liqoctl-poll-list";
        using var admin = await NamespaceAsync(ns);
        var clock = new ManualClock();
        var settings = new WaitSettings(WaitStrategy.LiqoctlPolling, clock);
        var wait = Waiter.UntilAsync(admin, Kinds.ConfigMap, ns, "app=polled", null, objects => objects.FirstOrDefault(),
            Target, TimeSpan.FromMinutes(1), default, settings: settings);
        await clock.StartedAsync(1);
        await PutAsync(admin, ns, "late", "a");
        clock.Advance(Second);
        Assert.Equal("late", (await wait).Name());

        // already true: one LIST, no timer
        var again = await Waiter.UntilAsync(admin, Kinds.ConfigMap, ns, "app=polled", null, objects => objects.FirstOrDefault(),
            Target, TimeSpan.FromMinutes(1), default, settings: settings);
        Assert.Equal("late", again.Name());
        Assert.Equal([Second], clock.Delays);
        var path = $"/api/v1/namespaces/{ns}/configmaps";
        Assert.Equal([$"list {path}", $"create {path}", $"list {path}", $"list {path}"], Requests(ns));
    }

    [Fact]
    public async Task BothStrategiesReturnTheSameObjectForTheSameCondition()
    {
        const string ns = "liqoctl-poll-same";
        using var admin = await NamespaceAsync(ns);
        var cm = await PutAsync(admin, ns, "target", "a");
        var clock = new ManualClock();
        JsonObject? Condition(IReadOnlyCollection<JsonObject> objects) => objects.FirstOrDefault(o => Value(o) == "c");
        var watched = Waiter.UntilAsync(admin, Kinds.ConfigMap, ns, null, "metadata.name=target", Condition, Target, TimeSpan.FromMinutes(1), default);
        var polled = Waiter.UntilAsync(admin, Kinds.ConfigMap, ns, null, "metadata.name=target", Condition, Target, TimeSpan.FromMinutes(1), default,
            settings: new WaitSettings(WaitStrategy.LiqoctlPolling, clock));
        await clock.StartedAsync(1);
        cm = await PutAsync(admin, ns, "target", "b", cm);
        clock.Advance(Second);
        await clock.StartedAsync(2);
        var satisfying = await PutAsync(admin, ns, "target", "c", cm);
        clock.Advance(Second);

        var (w, p) = (await watched, await polled);
        Assert.True(JsonNode.DeepEquals(w["data"], p["data"]));
        Assert.Equal(satisfying.ResourceVersion(), w.ResourceVersion());
        Assert.Equal(satisfying.ResourceVersion(), p.ResourceVersion());
    }

    [Fact]
    public async Task BothStrategiesWaitForAnObjectToBeGoneAndNameWhatVanished()
    {
        const string ns = "liqoctl-poll-gone";
        using var admin = await NamespaceAsync(ns);
        await PutAsync(admin, ns, "doomed", "a");
        var clock = new ManualClock();
        var records = new List<WaitRecord>();
        void Add(WaitRecord r)
        {
            lock (records) records.Add(r);
        }
        static IReadOnlyCollection<JsonObject>? Gone(IReadOnlyCollection<JsonObject> objects) => objects.Count == 0 ? objects : null;
        var watched = Waiter.UntilAsync(admin, Kinds.ConfigMap, ns, "app=polled", null, Gone, Target, TimeSpan.FromMinutes(1), default,
            settings: new WaitSettings(WaitStrategy.Watch, TimeProvider.System, Add));
        var polled = Waiter.UntilAsync(admin, Kinds.ConfigMap, ns, "app=polled", null, Gone, Target, TimeSpan.FromMinutes(1), default,
            settings: new WaitSettings(WaitStrategy.LiqoctlPolling, clock, Add));
        await clock.StartedAsync(1);
        await admin.Api.DeleteAsync(Kinds.ConfigMap, ns, "doomed", default);
        clock.Advance(Second);

        Assert.Empty(await watched);
        Assert.Empty(await polled);
        var byStrategy = records.ToDictionary(r => r.Strategy);
        Assert.Equal([$"{ns}/doomed"], byStrategy[WaitStrategy.Watch].Vanished);
        Assert.NotNull(byStrategy[WaitStrategy.Watch].ResourceVersion);   // the DELETED event's version
        Assert.Equal([$"{ns}/doomed"], byStrategy[WaitStrategy.LiqoctlPolling].Vanished);
    }

    [Fact]
    public async Task PollingAsLiqoctlStillEndsAtTheTimeoutWithTheSameError()
    {
        const string ns = "liqoctl-poll-timeout";
        using var admin = await NamespaceAsync(ns);
        var e = await Assert.ThrowsAsync<LiqoException>(() => Waiter.UntilAsync(admin, Kinds.ConfigMap, ns, "app=never", null,
            objects => objects.FirstOrDefault(), new WaitTarget("Waiting for nothing", "ConfigMap never", "created"), TimeSpan.FromSeconds(2), default,
            settings: new WaitSettings(WaitStrategy.LiqoctlPolling, TimeProvider.System)));
        Assert.Equal(ErrorIds.WaitTimeout, e.ErrorId);
        Assert.StartsWith("Timed out after 2s (Waiting for nothing): ConfigMap never on the local cluster did not reach: created.", e.Message);
    }

    [Fact]
    public void AnOperationWaitsOnWatchesUnlessTheBenchmarkSaysOtherwise()
    {
        using var op = new Operation(NullOperationLog.Instance, TimeSpan.FromMinutes(1), default);
        Assert.Equal(WaitStrategy.Watch, op.Waits.Strategy);
        // not part of the engine's public surface, so no cmdlet can set it
        Assert.Null(typeof(Operation).GetProperty("Waits", System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance));
        Assert.Equal(TimeSpan.FromSeconds(1), Target.PollInterval);
    }
}
