using System.Net;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;

namespace Liqo.Sandbox.Tests.ApiServer;

/// <summary>
/// policy/v1 PodDisruptionBudgets (the disruption controller's status, kubectl's columns) and the pods/eviction
/// subresource as the real API server answers it (201, 429 DisruptionBudget, 500 for several budgets, 404, RBAC).
/// </summary>
public sealed class EvictionTests(ClusterFixture f) : IClassFixture<ClusterFixture>
{
    /// <summary>A pod with labels app=web, Running and Ready (or not), or Pending; optionally owned by a controller.</summary>
    private async Task PodAsync(string ns, string name, bool ready = true, string phase = "Running", JsonObject? owner = null, string? node = null)
    {
        var meta = new JsonObject { ["name"] = name, ["labels"] = new JsonObject { ["app"] = "web" } };
        if (owner is not null) meta["ownerReferences"] = new JsonArray(owner);
        var pod = new JsonObject
        {
            ["apiVersion"] = "v1", ["kind"] = "Pod", ["metadata"] = meta,
            ["spec"] = new JsonObject { ["containers"] = new JsonArray(new JsonObject { ["name"] = "c", ["image"] = "nginx" }) },
        };
        if (node is not null) pod["spec"]!["nodeName"] = node;
        var created = await f.Raw.PostJsonAsync($"/api/v1/namespaces/{ns}/pods", pod.ToJsonString());
        Assert.Equal(HttpStatusCode.Created, created.Code);
        var status = new JsonObject
        {
            ["status"] = new JsonObject
            {
                ["phase"] = phase,
                ["conditions"] = new JsonArray(new JsonObject { ["type"] = "Ready", ["status"] = ready ? "True" : "False" }),
            },
        };
        var patched = await f.Raw.SendJsonAsync(HttpMethod.Patch, $"/api/v1/namespaces/{ns}/pods/{name}/status", status.ToJsonString(), "application/merge-patch+json");
        Assert.Equal(HttpStatusCode.OK, patched.Code);
    }

    /// <summary>A ReplicaSet "web" of <paramref name="replicas"/> selecting app=web (no controller runs it here); returns an ownerReference to it.</summary>
    private async Task<JsonObject> ReplicaSetAsync(string ns, int replicas)
    {
        var rs = await f.Client.AppsV1.CreateNamespacedReplicaSetAsync(new V1ReplicaSet
        {
            Metadata = new V1ObjectMeta { Name = "web" },
            Spec = new V1ReplicaSetSpec
            {
                Replicas = replicas, Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = "web" } },
                Template = new V1PodTemplateSpec
                {
                    Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = "web" } },
                    Spec = new V1PodSpec { Containers = [new V1Container { Name = "c", Image = "nginx" }] },
                },
            },
        }, ns);
        return new JsonObject { ["apiVersion"] = "apps/v1", ["kind"] = "ReplicaSet", ["name"] = "web", ["uid"] = rs.Metadata.Uid, ["controller"] = true };
    }

    private async Task<JsonNode> BudgetAsync(string ns, string name, string bound, JsonNode value, string? unhealthyPolicy = null)
    {
        var spec = new JsonObject { [bound] = value, ["selector"] = new JsonObject { ["matchLabels"] = new JsonObject { ["app"] = "web" } } };
        if (unhealthyPolicy is not null) spec["unhealthyPodEvictionPolicy"] = unhealthyPolicy;
        var body = new JsonObject { ["apiVersion"] = "policy/v1", ["kind"] = "PodDisruptionBudget", ["metadata"] = new JsonObject { ["name"] = name }, ["spec"] = spec };
        var (code, created, _) = await f.Raw.PostJsonAsync($"/apis/policy/v1/namespaces/{ns}/poddisruptionbudgets", body.ToJsonString());
        Assert.Equal(HttpStatusCode.Created, code);
        return created!;
    }

    /// <summary>The budget once the disruption controller has observed it and its status satisfies <paramref name="ready"/>.</summary>
    private async Task<JsonNode> ObservedAsync(string ns, string name, Func<JsonNode, bool>? ready = null)
    {
        JsonNode? pdb = null;
        await TestHttp.EventuallyAsync(async () =>
        {
            pdb = (await f.Raw.GetJsonAsync($"/apis/policy/v1/namespaces/{ns}/poddisruptionbudgets/{name}")).Body;
            return pdb?["status"]?["observedGeneration"] is { } g && g.GetValue<long>() == pdb["metadata"]!["generation"]!.GetValue<long>() && (ready?.Invoke(pdb) ?? true);
        }, $"the status of {ns}/{name}");
        return pdb!;
    }

    private static string Eviction(string ns, string name, string apiVersion = "policy/v1") =>
        new JsonObject { ["apiVersion"] = apiVersion, ["kind"] = "Eviction", ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns } }.ToJsonString();

    private static long Status(JsonNode pdb, string field) => pdb["status"]![field]!.GetValue<long>();

    [Fact]
    public async Task A_new_budget_has_the_zero_status_and_the_controller_counts_healthy_pods_against_min_available()
    {
        var ns = await f.NamespaceAsync("pdb");
        await PodAsync(ns, "a");
        await PodAsync(ns, "b");
        await PodAsync(ns, "c");
        await PodAsync(ns, "d", ready: false);
        var created = await BudgetAsync(ns, "web", "minAvailable", 2);
        Assert.Equal(0, Status(created, "disruptionsAllowed"));
        Assert.Equal(0, Status(created, "expectedPods"));
        Assert.Equal(1, created["metadata"]!["generation"]!.GetValue<long>());

        var pdb = await ObservedAsync(ns, "web");
        Assert.Equal(3, Status(pdb, "currentHealthy"));
        Assert.Equal(2, Status(pdb, "desiredHealthy"));
        Assert.Equal(4, Status(pdb, "expectedPods"));
        Assert.Equal(1, Status(pdb, "disruptionsAllowed"));
        var condition = Assert.Single(pdb["status"]!["conditions"]!.AsArray())!;
        Assert.Equal("DisruptionAllowed", condition["type"]!.GetValue<string>());
        Assert.Equal("True", condition["status"]!.GetValue<string>());
        Assert.Equal("SufficientPods", condition["reason"]!.GetValue<string>());

        // a stricter spec is a new generation; the controller observes it and allows nothing
        var patched = await f.Raw.SendJsonAsync(HttpMethod.Patch, $"/apis/policy/v1/namespaces/{ns}/poddisruptionbudgets/web",
            """{"spec":{"minAvailable":"100%"}}""", "application/merge-patch+json");
        Assert.Equal(HttpStatusCode.OK, patched.Code);
        Assert.Equal(2, patched.Body!["metadata"]!["generation"]!.GetValue<long>());
        // a percent needs the pods' controllers: these have none, so 0 pods are expected and nothing may be disrupted
        pdb = await ObservedAsync(ns, "web");
        Assert.Equal(0, Status(pdb, "disruptionsAllowed"));
        Assert.Equal("InsufficientPods", pdb["status"]!["conditions"]![0]!["reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task Max_unavailable_counts_the_replicas_of_the_pods_controllers_and_fails_safe_on_a_controller_without_scale()
    {
        var ns = await f.NamespaceAsync("pdbrs");
        var owner = await ReplicaSetAsync(ns, 3);
        await PodAsync(ns, "a", owner: owner);
        await PodAsync(ns, "b", owner: (JsonObject)owner.DeepClone());
        await BudgetAsync(ns, "web", "maxUnavailable", 1);
        var pdb = await ObservedAsync(ns, "web", p => Status(p, "expectedPods") == 3);
        Assert.Equal(2, Status(pdb, "desiredHealthy"));
        Assert.Equal(2, Status(pdb, "currentHealthy"));
        Assert.Equal(0, Status(pdb, "disruptionsAllowed")); // one of three is already missing

        var cm = await f.Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "owner" } }, ns);
        await PodAsync(ns, "odd", owner: new JsonObject { ["apiVersion"] = "v1", ["kind"] = "ConfigMap", ["name"] = "owner", ["uid"] = cm.Metadata.Uid, ["controller"] = true });
        await TestHttp.EventuallyAsync(async () =>
        {
            var p = (await f.Raw.GetJsonAsync($"/apis/policy/v1/namespaces/{ns}/poddisruptionbudgets/web")).Body!;
            return p["status"]?["conditions"]?[0]?["reason"]?.GetValue<string>() == "SyncFailed"
                && p["status"]!["conditions"]![0]!["message"]!.GetValue<string>() == "configmaps does not implement the scale subresource";
        }, "the SyncFailed condition");
    }

    [Fact]
    public async Task An_allowed_eviction_deletes_the_pod_and_takes_one_disruption_from_the_budget()
    {
        var ns = await f.NamespaceAsync("evict");
        await PodAsync(ns, "a");
        await PodAsync(ns, "b");
        await PodAsync(ns, "c");
        await BudgetAsync(ns, "web", "minAvailable", 2);
        await ObservedAsync(ns, "web", p => Status(p, "disruptionsAllowed") == 1);

        var (code, body, _) = await f.Raw.PostJsonAsync($"/api/v1/namespaces/{ns}/pods/a/eviction", Eviction(ns, "a"));
        Assert.True(code == HttpStatusCode.Created, body?.ToJsonString());
        Assert.Equal("Success", body!["status"]!.GetValue<string>());
        Assert.Equal("Status", body["kind"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NotFound, (await f.Raw.GetJsonAsync($"/api/v1/namespaces/{ns}/pods/a")).Code);
        var pdb = (await f.Raw.GetJsonAsync($"/apis/policy/v1/namespaces/{ns}/poddisruptionbudgets/web")).Body!;
        Assert.Equal(0, Status(pdb, "disruptionsAllowed"));

        // now the budget is spent: the real server's 429 with its message and a DisruptionBudget cause
        var (blocked, refusal, response) = await f.Raw.PostJsonAsync($"/api/v1/namespaces/{ns}/pods/b/eviction", Eviction(ns, "b", "policy/v1beta1"));
        Assert.Equal(HttpStatusCode.TooManyRequests, blocked);
        Assert.Equal("Cannot evict pod as it would violate the pod's disruption budget.", refusal!["message"]!.GetValue<string>());
        Assert.Equal("TooManyRequests", refusal["reason"]!.GetValue<string>());
        var cause = Assert.Single(refusal["details"]!["causes"]!.AsArray())!;
        Assert.Equal("DisruptionBudget", cause["reason"]!.GetValue<string>());
        Assert.Equal("The disruption budget web needs 2 healthy pods and has 2 currently", cause["message"]!.GetValue<string>());
        Assert.Null(response.Headers.RetryAfter);
        Assert.Equal(HttpStatusCode.OK, (await f.Raw.GetJsonAsync($"/api/v1/namespaces/{ns}/pods/b")).Code);

        // a Pending pod is deleted whatever the budget says
        await PodAsync(ns, "new", phase: "Pending", ready: false);
        Assert.Equal(HttpStatusCode.Created, (await f.Raw.PostJsonAsync($"/api/v1/namespaces/{ns}/pods/new/eviction", Eviction(ns, "new"))).Code);
    }

    [Fact]
    public async Task A_pod_two_budgets_select_gets_500_a_missing_pod_404_and_a_wrong_name_400()
    {
        var ns = await f.NamespaceAsync("evict2");
        await PodAsync(ns, "a");
        await PodAsync(ns, "b");
        await BudgetAsync(ns, "one", "minAvailable", 0);
        await BudgetAsync(ns, "two", "maxUnavailable", "50%");
        var (code, body, _) = await f.Raw.PostJsonAsync($"/api/v1/namespaces/{ns}/pods/a/eviction", Eviction(ns, "a"));
        Assert.Equal(HttpStatusCode.InternalServerError, code);
        Assert.Equal("This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.", body!["message"]!.GetValue<string>());
        Assert.Null(body["reason"]);

        var missing = await f.Raw.PostJsonAsync($"/api/v1/namespaces/{ns}/pods/nope/eviction", Eviction(ns, "nope"));
        Assert.Equal(HttpStatusCode.NotFound, missing.Code);
        Assert.Equal("pods \"nope\" not found", missing.Body!["message"]!.GetValue<string>());

        var wrong = await f.Raw.PostJsonAsync($"/api/v1/namespaces/{ns}/pods/a/eviction", Eviction(ns, "b"));
        Assert.Equal(HttpStatusCode.BadRequest, wrong.Code);
        Assert.Equal("name in URL does not match name in Eviction object", wrong.Body!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_unready_pod_goes_when_the_budget_has_its_healthy_pods_or_always_allows_unhealthy_ones()
    {
        var ns = await f.NamespaceAsync("evict3");
        await PodAsync(ns, "a");
        await PodAsync(ns, "sick", ready: false);
        await BudgetAsync(ns, "web", "minAvailable", 1, "IfHealthyBudget");
        await ObservedAsync(ns, "web", p => Status(p, "currentHealthy") == 1);
        Assert.Equal(HttpStatusCode.Created, (await f.Raw.PostJsonAsync($"/api/v1/namespaces/{ns}/pods/sick/eviction", Eviction(ns, "sick"))).Code);
        var pdb = (await f.Raw.GetJsonAsync($"/apis/policy/v1/namespaces/{ns}/poddisruptionbudgets/web")).Body!;
        Assert.Equal(0, Status(pdb, "disruptionsAllowed")); // not decremented: the unready pod did not count

        var bad = await f.Raw.PostJsonAsync($"/apis/policy/v1/namespaces/{ns}/poddisruptionbudgets",
            """{"apiVersion":"policy/v1","kind":"PodDisruptionBudget","metadata":{"name":"bad"},"spec":{"maxUnavailable":"120%","unhealthyPodEvictionPolicy":"Never","selector":{}}}""");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.Code);
        var message = bad.Body!["message"]!.GetValue<string>();
        Assert.Contains("spec.maxUnavailable: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:\"120%\"}: must not be greater than 100%", message);
        Assert.Contains("spec.unhealthyPodEvictionPolicy: Unsupported value: \"Never\": supported values: \"AlwaysAllow\", \"IfHealthyBudget\"", message);
    }

    [Fact]
    public async Task Eviction_needs_create_on_pods_eviction_which_rights_on_pods_do_not_give()
    {
        var ns = await f.NamespaceAsync("evictrbac");
        await PodAsync(ns, "a");
        var token = f.Cluster.AddBearerToken("evictor", ["evictors"]);
        using var user = TestHttp.Create(f.Cluster, token: token);
        await f.Client.RbacAuthorizationV1.CreateNamespacedRoleAsync(new V1Role
        {
            Metadata = new V1ObjectMeta { Name = "pods" },
            Rules = [new V1PolicyRule { ApiGroups = [""], Resources = ["pods"], Verbs = ["create", "delete", "get", "list"] }],
        }, ns);
        await f.Client.RbacAuthorizationV1.CreateNamespacedRoleBindingAsync(new V1RoleBinding
        {
            Metadata = new V1ObjectMeta { Name = "evictors" },
            RoleRef = new V1RoleRef { ApiGroup = "rbac.authorization.k8s.io", Kind = "Role", Name = "pods" },
            Subjects = [new Rbacv1Subject { Kind = "Group", Name = "evictors", ApiGroup = "rbac.authorization.k8s.io" }],
        }, ns);
        var (code, body, _) = await user.PostJsonAsync($"/api/v1/namespaces/{ns}/pods/a/eviction", Eviction(ns, "a"));
        Assert.Equal(HttpStatusCode.Forbidden, code);
        Assert.Equal($"pods \"a\" is forbidden: User \"evictor\" cannot create resource \"pods/eviction\" in API group \"\" in the namespace \"{ns}\"",
            body!["message"]!.GetValue<string>());

        await f.Client.RbacAuthorizationV1.PatchNamespacedRoleAsync(new V1Patch(
            """{"rules":[{"apiGroups":[""],"resources":["pods"],"verbs":["create","delete","get","list"]},{"apiGroups":[""],"resources":["pods/eviction"],"verbs":["create"]}]}""",
            V1Patch.PatchType.MergePatch), "pods", ns);
        Assert.Equal(HttpStatusCode.Created, (await user.PostJsonAsync($"/api/v1/namespaces/{ns}/pods/a/eviction", Eviction(ns, "a"))).Code);
    }

    [Fact]
    public async Task Discovery_names_the_eviction_subresource_with_its_policy_kind_and_the_budget_table_has_kubectls_columns()
    {
        var core = (await f.Raw.GetJsonAsync("/api/v1")).Body!;
        var eviction = core["resources"]!.AsArray().Single(r => r!["name"]!.GetValue<string>() == "pods/eviction")!;
        Assert.Equal("policy", eviction["group"]!.GetValue<string>());
        Assert.Equal("v1", eviction["version"]!.GetValue<string>());
        Assert.Equal("Eviction", eviction["kind"]!.GetValue<string>());
        Assert.Equal(["create"], eviction["verbs"]!.AsArray().Select(v => v!.GetValue<string>()));
        var policy = (await f.Raw.GetJsonAsync("/apis/policy/v1")).Body!;
        var pdb = policy["resources"]!.AsArray().Single(r => r!["name"]!.GetValue<string>() == "poddisruptionbudgets")!;
        Assert.Equal(["pdb"], pdb["shortNames"]!.AsArray().Select(v => v!.GetValue<string>()));

        var ns = await f.NamespaceAsync("pdbtable");
        await BudgetAsync(ns, "web", "maxUnavailable", "25%");
        var table = (await f.Raw.GetJsonAsync($"/apis/policy/v1/namespaces/{ns}/poddisruptionbudgets", "application/json;as=Table;v=v1;g=meta.k8s.io")).Body!;
        Assert.Equal(["Name", "Min Available", "Max Unavailable", "Allowed Disruptions", "Age"],
            table["columnDefinitions"]!.AsArray().Select(c => c!["name"]!.GetValue<string>()));
        var cells = table["rows"]![0]!["cells"]!.AsArray();
        Assert.Equal("N/A", cells[1]!.GetValue<string>());
        Assert.Equal("25%", cells[2]!.GetValue<string>());
    }

    [KubectlFact]
    public async Task Kubectl_creates_and_lists_budgets_and_its_drain_waits_for_one_then_goes_through_once_it_is_relaxed()
    {
        var ns = await f.NamespaceAsync("kdrain");
        var node = $"{ns}-node";
        await f.Client.CoreV1.CreateNodeAsync(new V1Node { Metadata = new V1ObjectMeta { Name = node } });
        var owner = await ReplicaSetAsync(ns, 2);
        foreach (var name in new[] { "a", "b" }) await PodAsync(ns, name, owner: (JsonObject)owner.DeepClone(), node: node);
        var k = new Kubectl(f.Cluster.KubeconfigPath);
        var created = await k.RunAsync("create", "pdb", "web", "-n", ns, "--selector=app=web", "--min-available=2");
        Assert.True(created.Code == 0, created.Err);
        Assert.Equal("poddisruptionbudget.policy/web created", created.Out.Trim());
        await ObservedAsync(ns, "web", p => Status(p, "currentHealthy") == 2);
        var (_, table, _) = await k.RunAsync("get", "pdb", "-n", ns);
        var lines = table.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["NAME", "MIN", "AVAILABLE", "MAX", "UNAVAILABLE", "ALLOWED", "DISRUPTIONS", "AGE"], lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(["web", "2", "N/A", "0"], lines[1].Split(' ', StringSplitOptions.RemoveEmptyEntries)[..4]);

        var blocked = await k.RunAsync("drain", node, "--timeout=2s");
        Assert.NotEqual(0, blocked.Code);
        Assert.Contains("Cannot evict pod as it would violate the pod's disruption budget.", blocked.Err);
        Assert.Equal(HttpStatusCode.OK, (await f.Raw.GetJsonAsync($"/api/v1/namespaces/{ns}/pods/a")).Code);

        var relaxed = await k.RunAsync("patch", "pdb", "web", "-n", ns, "--type=merge", "-p", """{"spec":{"minAvailable":0}}""");
        Assert.True(relaxed.Code == 0, relaxed.Err);
        await ObservedAsync(ns, "web", p => Status(p, "disruptionsAllowed") == 2);
        var drained = await k.RunAsync("drain", node, "--timeout=20s");
        Assert.True(drained.Code == 0, drained.Err);
        Assert.Contains($"node/{node} drained", drained.Out);
        Assert.Equal(HttpStatusCode.NotFound, (await f.Raw.GetJsonAsync($"/api/v1/namespaces/{ns}/pods/a")).Code);
    }
}
