using System.Text.Json.Nodes;
using Liqo.Sandbox.ApiServer.Patch;
using static Liqo.Sandbox.Tests.Patch.PatchFixtures;

namespace Liqo.Sandbox.Tests.Patch;

/// <summary>The request sequences kubectl 1.32 and KubernetesClient 21 really send (reference, Appendix A), end to end through the engines.</summary>
public class KubectlExchangeTests
{
    private const string LastApplied = "kubectl.kubernetes.io/last-applied-configuration";

    private static string[] Managers(JsonObject obj) =>
        obj["metadata"]!["managedFields"]?.AsArray().Select(e => $"{e!["manager"]}/{e["operation"]}").ToArray() ?? [];

    private static string Fields(JsonObject obj, string manager) =>
        J(obj["metadata"]!["managedFields"]!.AsArray().Single(e => (string?)e!["manager"] == manager)!["fieldsV1"]);

    /// <summary>kubectl apply -f on a missing ConfigMap: POST with the annotation, manager kubectl-client-side-apply.</summary>
    private static JsonObject CreatedByClientSideApply()
    {
        var body = new JsonObject
        {
            ["apiVersion"] = "v1",
            ["data"] = new JsonObject { ["a"] = "1" },
            ["kind"] = "ConfigMap",
            ["metadata"] = new JsonObject
            {
                ["annotations"] = new JsonObject
                {
                    [LastApplied] = "{\"apiVersion\":\"v1\",\"data\":{\"a\":\"1\"},\"kind\":\"ConfigMap\",\"metadata\":{\"annotations\":{},\"labels\":{\"app\":\"demo\"},\"name\":\"cm1\",\"namespace\":\"default\"}}\n",
                },
                ["labels"] = new JsonObject { ["app"] = "demo" },
                ["name"] = "cm1",
                ["namespace"] = "default",
            },
        };
        ManagedFields.RecordUpdate(null, body, "kubectl-client-side-apply", "v1", null, "", "ConfigMap", null, T0);
        body["metadata"]!["resourceVersion"] = "107";
        return body;
    }

    [Fact]
    public void ServerSideApplyOverClientSideApplyTwoStepsThenMigration()
    {
        var live = CreatedByClientSideApply();
        Assert.Equal(
            """{"f:data":{".":{},"f:a":{}},"f:metadata":{"f:annotations":{".":{},"f:kubectl.kubernetes.io/last-applied-configuration":{}},"f:labels":{".":{},"f:app":{}}}}""",
            Fields(live, "kubectl-client-side-apply"));

        // 1. PATCH ?fieldManager=kubectl&force=false, application/apply-patch+yaml, the manifest with a:"2".
        const string manifest = """{"apiVersion":"v1","data":{"a":"2"},"kind":"ConfigMap","metadata":{"labels":{"app":"demo"},"name":"cm1","namespace":"default"}}""";
        var other = Assert.Throws<ApplyConflictException>(() =>
            ManagedFields.Apply(live, Obj(manifest), "someone-else", false, "v1", null, "", "ConfigMap", null, T1));
        Assert.Equal("Apply failed with 1 conflict: conflict with \"kubectl-client-side-apply\" using v1: .data.a", other.Message);

        var first = ManagedFields.Apply(live, Obj(manifest), "kubectl", false, "v1", null, "", "ConfigMap", null, T1);
        Assert.Equal("2", (string?)first["data"]!["a"]);
        var rewritten = (string)first["metadata"]!["annotations"]![LastApplied]!;
        Assert.Equal(manifest + "\n", rewritten);
        Assert.Equal(new[] { "kubectl/Apply", "kubectl-client-side-apply/Update" }, Managers(first));
        Assert.Equal("""{"f:data":{},"f:metadata":{"f:annotations":{".":{},"f:kubectl.kubernetes.io/last-applied-configuration":{}},"f:labels":{".":{},"f:app":{}}}}""",
            Fields(first, "kubectl-client-side-apply"));

        // 2. PATCH ?fieldManager=kubectl-last-applied (no force), body = only the annotation.
        var annotationOnly = new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "ConfigMap",
            ["metadata"] = new JsonObject
            {
                ["annotations"] = new JsonObject { [LastApplied] = rewritten },
                ["name"] = "cm1",
                ["namespace"] = "default",
            },
        };
        var second = ManagedFields.Apply(first, annotationOnly, "kubectl-last-applied", false, "v1", null, "", "ConfigMap", null, T2);
        Assert.Equal("""{"f:metadata":{"f:annotations":{"f:kubectl.kubernetes.io/last-applied-configuration":{}}}}""", Fields(second, "kubectl-last-applied"));
        Assert.Equal(J(first["data"]), J(second["data"]));
        second["metadata"]!["resourceVersion"] = "108";

        // 3. migrateToSSAIfNecessary: a JSON patch testing resourceVersion and replacing managedFields, where the
        //    client-side-apply entry's fields are folded into kubectl's Apply entry.
        var entries = second["metadata"]!["managedFields"]!.AsArray();
        var csa = entries.Single(e => (string?)e!["manager"] == "kubectl-client-side-apply")!;
        var ssa = (JsonObject)entries.Single(e => (string?)e!["manager"] == "kubectl")!.DeepClone();
        ssa["fieldsV1"] = JsonMergePatch.Apply(ssa["fieldsV1"], csa["fieldsV1"]);
        var migrated = new JsonArray(ssa, entries.Single(e => (string?)e!["manager"] == "kubectl-last-applied")!.DeepClone());
        var ops = new JsonArray(
            new JsonObject { ["op"] = "test", ["path"] = "/metadata/resourceVersion", ["value"] = "108" },
            new JsonObject { ["op"] = "replace", ["path"] = "/metadata/managedFields", ["value"] = migrated });
        var patched = (JsonObject)JsonPatch.Apply(second, ops);
        ManagedFields.RecordUpdate(second, patched, "kubectl", "v1", null, "", "ConfigMap", null, T2.AddMinutes(1));
        // The annotation apply changed nothing, so its entry has no time and sorts first, as on a real server.
        Assert.Equal(new[] { "kubectl-last-applied/Apply", "kubectl/Apply" }, Managers(patched));
        Assert.Null(patched["metadata"]!["managedFields"]![0]!["time"]);

        // 4. Now kubectl owns the label alone: a later server-side apply without it removes it.
        const string withoutLabel = """{"apiVersion":"v1","data":{"a":"2"},"kind":"ConfigMap","metadata":{"name":"cm1","namespace":"default"}}""";
        var third = ManagedFields.Apply(patched, Obj(withoutLabel), "kubectl", false, "v1", null, "", "ConfigMap", null, T2.AddMinutes(2));
        Assert.False(((JsonObject)third["metadata"]!).ContainsKey("labels"));
        Assert.Equal(withoutLabel + "\n", (string?)third["metadata"]!["annotations"]![LastApplied]);
    }

    [Fact]
    public void TheSecondStepConflictsWhenTheAnnotationDiffers()
    {
        var live = CreatedByClientSideApply();
        var annotationOnly = Obj("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"annotations":{"kubectl.kubernetes.io/last-applied-configuration":"{}\n"},"name":"cm1","namespace":"default"}}""");
        var ex = Assert.Throws<ApplyConflictException>(() =>
            ManagedFields.Apply(live, annotationOnly, "kubectl-last-applied", false, "v1", null, "", "ConfigMap", null, T1));
        Assert.Equal(
            "Apply failed with 1 conflict: conflict with \"kubectl-client-side-apply\" using v1: .metadata.annotations.kubectl.kubernetes.io/last-applied-configuration",
            ex.Message);
    }

    [Fact]
    public void ClientSideApplyOfADeploymentIsRecordedWithoutDirectives()
    {
        var live = Deployment();
        ManagedFields.RecordUpdate(null, live, "kubectl-client-side-apply", "apps/v1", null, "apps", "Deployment", null, T0);
        var patch = Obj("""
            {"metadata":{"annotations":{"kubectl.kubernetes.io/last-applied-configuration":"{}\n"}},
             "spec":{"template":{"spec":{"$setElementOrder/containers":[{"name":"nginx"},{"name":"sidecar"}],
                                         "containers":[{"image":"nginx:1.26","name":"nginx"},{"image":"busybox:1.36","name":"sidecar"}]}}}}
            """);

        var updated = StrategicMergePatch.Apply(live, patch, "apps", "Deployment");
        ManagedFields.RecordUpdate(live, updated, "kubectl-client-side-apply", "apps/v1", null, "apps", "Deployment", null, T1);

        Assert.Equal(new[] { "nginx", "sidecar" }, updated["spec"]!["template"]!["spec"]!["containers"]!.AsArray().Select(c => (string?)c!["name"]));
        Assert.DoesNotContain("$setElementOrder", J(updated), StringComparison.Ordinal);
        Assert.Contains("\"k:{\\\"name\\\":\\\"sidecar\\\"}\":{\".\":{},\"f:image\":{},\"f:name\":{}}", J(updated["metadata"]!["managedFields"]));
        Assert.Equal(new[] { "kubectl-client-side-apply/Update" }, Managers(updated));
    }

    [Fact]
    public void CSharpClientForcedApplyCreatesAForeignCluster()
    {
        // PATCH /apis/core.liqo.io/v1beta1/foreignclusters/cs-fc?fieldManager=cs-test&force=true (Appendix A).
        var created = ManagedFields.Apply(null,
            Obj("""{"apiVersion":"core.liqo.io/v1beta1","kind":"ForeignCluster","metadata":{"name":"cs-fc"},"spec":{"clusterID":"cs-fc"}}"""),
            "cs-test", true, "core.liqo.io/v1beta1", null, "core.liqo.io", "ForeignCluster", NoListMaps, T0);
        Assert.Equal(
            """[{"manager":"cs-test","operation":"Apply","apiVersion":"core.liqo.io/v1beta1","time":"2026-11-28T17:45:25Z","fieldsType":"FieldsV1","fieldsV1":{"f:spec":{"f:clusterID":{}}}}]""",
            J(created["metadata"]!["managedFields"]));
        Assert.Equal("cs-fc", (string?)created["spec"]!["clusterID"]);
    }

    [LiqoCrdFact]
    public void ShadowPodListMapsComeFromTheLiqoCrd()
    {
        var keys = LiqoCrds.ListMapKeys("offloading.liqo.io_shadowpods.yaml");
        Assert.Equal(new[] { "containerPort", "protocol" }, keys("spec.pod.containers.ports"));
        Assert.Null(keys("spec.pod.containers.args"));

        const string shadowPod = """
            {"apiVersion":"offloading.liqo.io/v1beta1","kind":"ShadowPod","metadata":{"name":"web","namespace":"liqo-demo"},
             "spec":{"pod":{"containers":[{"name":"nginx","image":"nginx:1.25","ports":[{"containerPort":80}],"env":[{"name":"A","value":"1"}]}]}}}
            """;
        var created = ManagedFields.Apply(null, Obj(shadowPod), "liqo-virtual-kubelet", false, "offloading.liqo.io/v1beta1", null,
            "offloading.liqo.io", "ShadowPod", keys, T0);
        Assert.Equal(
            """{"f:spec":{"f:pod":{"f:containers":{"k:{\"name\":\"nginx\"}":{".":{},"f:env":{"k:{\"name\":\"A\"}":{".":{},"f:name":{},"f:value":{}}},"f:image":{},"f:name":{},"f:ports":{"k:{\"containerPort\":80,\"protocol\":\"TCP\"}":{".":{},"f:containerPort":{}}}}}}}}""",
            J(created["metadata"]!["managedFields"]![0]!["fieldsV1"]));

        var ex = Assert.Throws<ApplyConflictException>(() => ManagedFields.Apply(created, Obj("""
            {"apiVersion":"offloading.liqo.io/v1beta1","kind":"ShadowPod","metadata":{"name":"web","namespace":"liqo-demo"},
             "spec":{"pod":{"containers":[{"name":"nginx","env":[{"name":"A","value":"2"},{"name":"B","value":"3"}]}]}}}
            """), "someone", false, "offloading.liqo.io/v1beta1", null, "offloading.liqo.io", "ShadowPod", keys, T1));
        Assert.Equal("Apply failed with 1 conflict: conflict with \"liqo-virtual-kubelet\": .spec.pod.containers[name=\"nginx\"].env[name=\"A\"].value", ex.Message);
    }
}
