using System.Text.Json.Nodes;
using Liqo.Engine.ClusterAccess;
using Liqo.Engine.Resources;

namespace Liqo.Engine.Tests.Resources;

/// <summary>
/// Waiting as a user with fewer rights than an administrator (a peering user on the provider): one who may list but not
/// watch is served by listing every second, one who may only get by getting the object every second.
/// </summary>
public sealed class WaiterPollingTests(SandboxFixture fx) : IClassFixture<SandboxFixture>
{
    private async Task<ClusterConnection> UserAsync(string user, string ns, JsonArray rules)
    {
        using var admin = SandboxFixture.Connect(fx.Alpha);
        if (await admin.Api.GetAsync(Kinds.Namespace, null, ns, default) is null)
            await admin.Api.CreateAsync(Kinds.Namespace, null, Json.Object(Kinds.Namespace, ns, null), default);
        var role = Json.Object(Kinds.Role, user, ns);
        role["rules"] = rules;
        await admin.Api.CreateAsync(Kinds.Role, ns, role, default);
        var binding = Json.Object(Kinds.RoleBinding, user, ns);
        binding["subjects"] = new JsonArray(new JsonObject { ["kind"] = "User", ["name"] = user, ["apiGroup"] = "rbac.authorization.k8s.io" });
        binding["roleRef"] = new JsonObject { ["apiGroup"] = "rbac.authorization.k8s.io", ["kind"] = "Role", ["name"] = user };
        await admin.Api.CreateAsync(Kinds.RoleBinding, ns, binding, default);
        var path = fx.Alpha.WriteKubeconfig(Path.Combine(fx.Directory, user + ".kubeconfig"), user, [], Liqo.Sandbox.KubeconfigAuth.Token);
        return ClusterConnection.Open(new KubeconfigSource(path, null, null));
    }

    private static JsonArray Rule(params string[] verbs) =>
        new(new JsonObject { ["apiGroups"] = new JsonArray(""), ["resources"] = new JsonArray("configmaps"), ["verbs"] = Json.Strings(verbs) });

    private async Task CreateLaterAsync(string ns, string name)
    {
        await Task.Delay(1200);
        using var admin = SandboxFixture.Connect(fx.Alpha);
        await admin.Api.CreateAsync(Kinds.ConfigMap, ns, Json.Object(Kinds.ConfigMap, name, ns, new Dictionary<string, string> { ["app"] = "x" }), default);
    }

    [Fact]
    public async Task AUserWhoMayListButNotWatchIsServedByPolling()
    {
        using var user = await UserAsync("lister", "poll-list", Rule("get", "list"));
        var created = CreateLaterAsync("poll-list", "late");
        var found = await Waiter.UntilAsync(user, Kinds.ConfigMap, "poll-list", "app=x", null, items => items.FirstOrDefault(),
            new WaitTarget("test", "ConfigMap poll-list/late", "created"), TimeSpan.FromSeconds(20), default);
        await created;
        Assert.Equal("late", found.Name());
    }

    [Fact]
    public async Task AUserWhoMayOnlyGetIsServedByGettingTheObject()
    {
        using var user = await UserAsync("getter", "poll-get", Rule("get"));
        var created = CreateLaterAsync("poll-get", "late");
        var found = await Waiter.ForObjectAsync(user, Kinds.ConfigMap, "poll-get", "late", _ => true,
            new WaitTarget("test", "ConfigMap poll-get/late", "created"), TimeSpan.FromSeconds(20), default);
        await created;
        Assert.Equal("late", found.Name());
    }

    [Fact]
    public async Task PollingStillEndsAtTheTimeout()
    {
        using var user = await UserAsync("slow", "poll-timeout", Rule("get", "list"));
        var e = await Assert.ThrowsAsync<LiqoException>(() => Waiter.UntilAsync(user, Kinds.ConfigMap, "poll-timeout", "app=never", null,
            items => items.FirstOrDefault(), new WaitTarget("Waiting for nothing", "ConfigMap never", "created"), TimeSpan.FromSeconds(2), default));
        Assert.Equal(ErrorIds.WaitTimeout, e.ErrorId);
        Assert.StartsWith("Timed out after 2s (Waiting for nothing): ConfigMap never on the local cluster did not reach: created.", e.Message);
    }

    private sealed class Log : IOperationLog
    {
        public List<string> Verbose { get; } = [];
        void IOperationLog.Verbose(string message) { lock (Verbose) Verbose.Add(message); }
        public void Warning(string message) { }
        public void Step(StepEvent step) { }
        public Task<WriteDecision> ShouldWriteAsync(string target, string action) => Task.FromResult(WriteDecision.Proceed);
    }

    [Fact]
    public async Task AReadTheServerRefusedIsNotSentAgainOnTheSameConnection()
    {
        using var user = await UserAsync("once", "refused-once", Rule("get"));
        var first = await Assert.ThrowsAsync<LiqoException>(() => user.Api.ListAsync(Kinds.ConfigMap, "refused-once"));
        Assert.Equal(ErrorIds.Forbidden, first.ErrorId);
        // the same error, raised without asking the server again; another namespace is another question
        Assert.Same(first, await Assert.ThrowsAsync<LiqoException>(() => user.Api.ListAsync(Kinds.ConfigMap, "refused-once", "app=x")));
        Assert.NotSame(first, await Assert.ThrowsAsync<LiqoException>(() => user.Api.ListAsync(Kinds.ConfigMap, "default")));
    }

    [Fact]
    public async Task FallingBackToPollingIsSaidOnVerboseOncePerOperation()
    {
        using var user = await UserAsync("getter2", "poll-once", Rule("get"));
        using var admin = SandboxFixture.Connect(fx.Alpha);
        foreach (var name in new[] { "a", "b" })
            await admin.Api.CreateAsync(Kinds.ConfigMap, "poll-once", Json.Object(Kinds.ConfigMap, name, "poll-once"), default);
        var log = new Log();
        using var op = new Operation(log, TimeSpan.FromSeconds(20), default);
        foreach (var name in new[] { "a", "b" })
            Assert.NotNull(await op.WaitForObjectAsync(user, Kinds.ConfigMap, "poll-once", name, _ => true, new WaitTarget("test", "ConfigMap " + name, "exists")));
        var said = Assert.Single(log.Verbose);
        Assert.Contains("may not list configmaps in the namespace 'poll-once'", said, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AStepTheRightsDoNotAllowIsRefusedNamingVerbResourceAndNamespace()
    {
        using var user = await UserAsync("reader", "access-check", Rule("get"));
        using var op = new Operation(new Log(), TimeSpan.FromSeconds(20), default);
        await AccessCheck.RequireAsync(op, user, "get", Kinds.ConfigMap, "access-check", "x", "the test");
        var e = await Assert.ThrowsAsync<LiqoException>(() => AccessCheck.RequireAsync(op, user, "delete", Kinds.ConfigMap, "access-check", "x", "the test"));
        Assert.Equal(ErrorIds.Forbidden, e.ErrorId);
        Assert.Equal("The local cluster's user may not delete configmaps \"x\" in the namespace \"access-check\", which the test needs: nothing was changed.", e.Message);
    }

    [Fact]
    public async Task ABatchOfRightsIsRefusedNamingEachMissingOneAndNothingElse()
    {
        using var user = await UserAsync("batch", "access-batch", Rule("get", "create"));
        using var op = new Operation(new Log(), TimeSpan.FromSeconds(20), default);
        AccessRequirement[] needs =
        [
            new("create", Kinds.ConfigMap, "access-batch"), new("update", Kinds.ConfigMap, "access-batch"),
            new("delete", Kinds.ConfigMap, "access-batch"), new("create", Kinds.Namespace, null),
        ];
        var e = await Assert.ThrowsAsync<LiqoException>(() => AccessCheck.RequireAllAsync(op, user, needs, "the test"));
        Assert.Equal(ErrorIds.Forbidden, e.ErrorId);
        Assert.Equal("The local cluster's user may not update configmaps in the namespace \"access-batch\"; delete configmaps in the namespace " +
            "\"access-batch\"; create namespaces at the cluster scope, which the test needs: nothing was changed.", e.Message);
        await AccessCheck.RequireAllAsync(op, user, needs.Take(1), "the test");
    }
}
