using System.Text.Json.Nodes;
using Liqo.Sandbox.ApiServer.Patch;
using static Liqo.Sandbox.Tests.Patch.PatchFixtures;

namespace Liqo.Sandbox.Tests.Patch;

public class ServerSideApplyTests
{
    private static JsonObject ApplyCm(JsonObject? live, string applied, string manager, bool force = false, DateTimeOffset? at = null) =>
        ManagedFields.Apply(live, Obj(applied), manager, force, "v1", null, "", "ConfigMap", null, at ?? T0);

    private static JsonArray Entries(JsonObject obj) => obj["metadata"]!["managedFields"]!.AsArray();

    private static JsonObject Entry(JsonObject obj, string manager) =>
        (JsonObject)Entries(obj).Single(e => (string?)e!["manager"] == manager)!;

    private static string Fields(JsonObject obj, string manager) => J(Entry(obj, manager)["fieldsV1"]);

    private const string CmA1 = """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"cm1","namespace":"default","labels":{"app":"demo"}},"data":{"a":"1"}}""";

    [Fact]
    public void ApplyCreatesWithTheExactEntryShape()
    {
        var created = ApplyCm(null, CmA1, "kubectl");

        Assert.Equal(
            """[{"manager":"kubectl","operation":"Apply","apiVersion":"v1","time":"2026-11-28T17:45:25Z","fieldsType":"FieldsV1","fieldsV1":{"f:data":{"f:a":{}},"f:metadata":{"f:labels":{"f:app":{}}}}}]""",
            J(created["metadata"]!["managedFields"]));
        SameJson("""{"a":"1"}""", created["data"]);
        Assert.Equal("cm1", (string?)created["metadata"]!["name"]);
    }

    [Fact]
    public void UpdateOnCreateMarksAddedMapsWithDot()
    {
        // kubectl create -f cm.yaml (Appendix A body), recorded as manager kubectl-create.
        var cm = Obj("""{"apiVersion":"v1","data":{"a":"1"},"kind":"ConfigMap","metadata":{"labels":{"app":"demo"},"name":"cm1","namespace":"default"}}""");
        ManagedFields.RecordUpdate(null, cm, "kubectl-create", "v1", null, "", "ConfigMap", null, T0);

        Assert.Equal(
            """[{"manager":"kubectl-create","operation":"Update","apiVersion":"v1","time":"2026-11-28T17:45:25Z","fieldsType":"FieldsV1","fieldsV1":{"f:data":{".":{},"f:a":{}},"f:metadata":{"f:labels":{".":{},"f:app":{}}}}}]""",
            J(cm["metadata"]!["managedFields"]));
    }

    [Fact]
    public void ConflictWithAnUpdateManagerNamesItsVersion()
    {
        var live = Obj(CmA1);
        ManagedFields.RecordUpdate(null, live, "kubectl-client-side-apply", "v1", null, "", "ConfigMap", null, T0);

        var ex = Assert.Throws<ApplyConflictException>(() => ApplyCm(live, CmA1.Replace("\"a\":\"1\"", "\"a\":\"2\""), "other"));

        Assert.Equal("Apply failed with 1 conflict: conflict with \"kubectl-client-side-apply\" using v1: .data.a", ex.Message);
        var conflict = Assert.Single(ex.Conflicts);
        Assert.Equal(".data.a", conflict.Field);
        Assert.Equal("conflict with \"kubectl-client-side-apply\" using v1", conflict.Message);
    }

    [Fact]
    public void SameValueIsSharedOwnershipNotAConflict()
    {
        var live = Obj(CmA1);
        ManagedFields.RecordUpdate(null, live, "kubectl-client-side-apply", "v1", null, "", "ConfigMap", null, T0);

        var result = ApplyCm(live, CmA1, "other", at: T1);

        Assert.Equal("""{"f:data":{".":{},"f:a":{}},"f:metadata":{"f:labels":{".":{},"f:app":{}}}}""", Fields(result, "kubectl-client-side-apply"));
        Assert.Equal("""{"f:data":{"f:a":{}},"f:metadata":{"f:labels":{"f:app":{}}}}""", Fields(result, "other"));
        Assert.Null(Entry(result, "other")["time"]);
    }

    [Fact]
    public void ForceTakesOwnershipAway()
    {
        var live = ApplyCm(null, """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"cm1","namespace":"default"},"data":{"a":"1","b":"2"}}""", "alice");

        var result = ApplyCm(live, """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"cm1","namespace":"default"},"data":{"a":"9"}}""", "bob", force: true, at: T1);

        Assert.Equal("9", (string?)result["data"]!["a"]);
        Assert.Equal("2", (string?)result["data"]!["b"]);
        Assert.Equal("""{"f:data":{"f:b":{}}}""", Fields(result, "alice"));
        Assert.Equal("""{"f:data":{"f:a":{}}}""", Fields(result, "bob"));
        Assert.Equal("2026-11-28T17:46:25Z", (string?)Entry(result, "bob")["time"]);
    }

    [Fact]
    public void SeveralConflictsAreGroupedByManager()
    {
        var live = ApplyCm(null, """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"cm1","namespace":"default","labels":{"x":"1"}},"data":{"a":"1","b":"1"}}""", "zeta");
        var copy = (JsonObject)live.DeepClone();
        copy["data"]!["c"] = "1";
        ManagedFields.RecordUpdate(live, copy, "alpha", "v1", null, "", "ConfigMap", null, T1);

        var ex = Assert.Throws<ApplyConflictException>(() => ApplyCm(copy,
            """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"cm1","namespace":"default","labels":{"x":"2"}},"data":{"a":"2","b":"2","c":"2"}}""", "me"));

        Assert.Equal(
            "Apply failed with 4 conflicts: conflicts with \"alpha\" using v1:\n- .data.c\nconflicts with \"zeta\":\n- .data.a\n- .data.b\n- .metadata.labels.x",
            ex.Message);
        Assert.Equal(new[] { ".data.c", ".data.a", ".data.b", ".metadata.labels.x" }, ex.Conflicts.Select(c => c.Field));
        Assert.Equal("conflict with \"zeta\"", ex.Conflicts[1].Message);
    }

    [Fact]
    public void FieldsNoLongerAppliedAreRemovedUnlessSomeoneElseOwnsThem()
    {
        var live = ApplyCm(null, """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"cm1","namespace":"default","labels":{"app":"demo"}},"data":{"a":"1","b":"2","c":"3"}}""", "kubectl");
        var edited = (JsonObject)live.DeepClone();
        edited["data"]!["c"] = "30";
        ManagedFields.RecordUpdate(live, edited, "editor", "v1", null, "", "ConfigMap", null, T1);

        var result = ApplyCm(edited, """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"cm1","namespace":"default"},"data":{"a":"1"}}""", "kubectl", at: T2);

        SameJson("""{"a":"1","c":"30"}""", result["data"]);
        Assert.False(((JsonObject)result["metadata"]!).ContainsKey("labels"));
        Assert.Equal("cm1", (string?)result["metadata"]!["name"]);
        Assert.Equal("default", (string?)result["metadata"]!["namespace"]);
        Assert.Equal("v1", (string?)result["apiVersion"]);
        Assert.Equal("""{"f:data":{"f:a":{}}}""", Fields(result, "kubectl"));
        Assert.Equal("""{"f:data":{"f:c":{}}}""", Fields(result, "editor"));
        Assert.Equal("2026-11-28T17:47:25Z", (string?)Entry(result, "kubectl")["time"]);
    }

    [Fact]
    public void FieldsSharedWithAnotherApplierSurviveWhenOneDropsThem()
    {
        var live = ApplyCm(null, CmA1, "one");
        live = ApplyCm(live, CmA1, "two", at: T1);

        var result = ApplyCm(live, """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"cm1","namespace":"default"}}""", "one", at: T2);

        SameJson("""{"a":"1"}""", result["data"]);
        Assert.Equal("demo", (string?)result["metadata"]!["labels"]!["app"]);
        Assert.DoesNotContain(Entries(result), e => (string?)e!["manager"] == "one");
    }

    [Fact]
    public void TwoManagersOwnTheirOwnFields()
    {
        var live = ApplyCm(null, CmA1, "kubectl");
        var result = ApplyCm(live, """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"cm1","namespace":"default","annotations":{"owner":"ctl"}},"data":{"z":"26"}}""", "controller", at: T1);

        SameJson("""{"a":"1","z":"26"}""", result["data"]);
        Assert.Equal("""{"f:data":{"f:a":{}},"f:metadata":{"f:labels":{"f:app":{}}}}""", Fields(result, "kubectl"));
        Assert.Equal("""{"f:data":{"f:z":{}},"f:metadata":{"f:annotations":{"f:owner":{}}}}""", Fields(result, "controller"));
        Assert.Equal(new[] { "kubectl", "controller" }, Entries(result).Select(e => (string?)e!["manager"]));

        // Re-applying the first manager's config leaves the second's fields alone.
        var again = ApplyCm(result, CmA1, "kubectl", at: T2);
        Assert.Equal("26", (string?)again["data"]!["z"]);
        Assert.Equal("ctl", (string?)again["metadata"]!["annotations"]!["owner"]);
    }

    [Fact]
    public void ApplyKeepsItsTimeWhenNothingChanged()
    {
        var live = ApplyCm(null, CmA1, "kubectl");
        var same = ApplyCm(live, CmA1, "kubectl", at: T1);
        Assert.Equal("2026-11-28T17:45:25Z", (string?)Entry(same, "kubectl")["time"]);
        Assert.True(JsonNode.DeepEquals(live, same));

        var changed = ApplyCm(same, CmA1.Replace("\"a\":\"1\"", "\"a\":\"2\""), "kubectl", at: T2);
        Assert.Equal("2026-11-28T17:47:25Z", (string?)Entry(changed, "kubectl")["time"]);
    }

    [Fact]
    public void OneEntryPerManagerOperationAndSubresource()
    {
        var fc = ManagedFields.Apply(null, Obj("""{"apiVersion":"core.liqo.io/v1beta1","kind":"ForeignCluster","metadata":{"name":"remote1"},"spec":{"clusterID":"remote1"}}"""),
            "liqo", false, "core.liqo.io/v1beta1", null, "core.liqo.io", "ForeignCluster", NoListMaps, T0);
        fc = ManagedFields.Apply(fc, Obj("""{"apiVersion":"core.liqo.io/v1beta1","kind":"ForeignCluster","metadata":{"name":"remote1","labels":{"ignored":"x"}},"spec":{"clusterID":"other"},"status":{"role":"Provider"}}"""),
            "liqo", false, "core.liqo.io/v1beta1", "status", "core.liqo.io", "ForeignCluster", NoListMaps, T1);
        var updated = (JsonObject)fc.DeepClone();
        updated["status"]!["apiServerUrl"] = "https://10.0.0.1:6443";
        ManagedFields.RecordUpdate(fc, updated, "liqo", "core.liqo.io/v1beta1", "status", "core.liqo.io", "ForeignCluster", NoListMaps, T2);

        Assert.Equal("remote1", (string?)updated["spec"]!["clusterID"]);
        Assert.False(((JsonObject)updated["metadata"]!).ContainsKey("labels"));
        Assert.Equal(
            """[{"manager":"liqo","operation":"Apply","apiVersion":"core.liqo.io/v1beta1","time":"2026-11-28T17:45:25Z","fieldsType":"FieldsV1","fieldsV1":{"f:spec":{"f:clusterID":{}}}},""" +
            """{"manager":"liqo","operation":"Apply","apiVersion":"core.liqo.io/v1beta1","time":"2026-11-28T17:46:25Z","fieldsType":"FieldsV1","fieldsV1":{"f:status":{"f:role":{}}},"subresource":"status"},""" +
            """{"manager":"liqo","operation":"Update","apiVersion":"core.liqo.io/v1beta1","time":"2026-11-28T17:47:25Z","fieldsType":"FieldsV1","fieldsV1":{"f:status":{"f:apiServerUrl":{}}},"subresource":"status"}]""",
            J(updated["metadata"]!["managedFields"]));
    }

    [Fact]
    public void ConflictOnACustomResourceNamesTheGroupVersion()
    {
        var fc = ForeignCluster();
        fc["metadata"]!.AsObject().Remove("uid");
        var created = (JsonObject)fc.DeepClone();
        ManagedFields.RecordUpdate(null, created, "liqo-controller-manager", "core.liqo.io/v1beta1", null, "core.liqo.io", "ForeignCluster", NoListMaps, T0);
        Assert.Equal("""{"f:metadata":{"f:labels":{".":{},"f:liqo.io/remote-cluster-id":{}}},"f:spec":{".":{},"f:clusterID":{}},"f:status":{".":{},"f:apiServerUrl":{},"f:conditions":{},"f:role":{}}}""",
            J(created["metadata"]!["managedFields"]![0]!["fieldsV1"]));

        var ex = Assert.Throws<ApplyConflictException>(() => ManagedFields.Apply(created,
            Obj("""{"apiVersion":"core.liqo.io/v1beta1","kind":"ForeignCluster","metadata":{"name":"remote1"},"spec":{"clusterID":"remote2"}}"""),
            "liqoctl", false, "core.liqo.io/v1beta1", null, "core.liqo.io", "ForeignCluster", NoListMaps, T1));
        Assert.Equal("Apply failed with 1 conflict: conflict with \"liqo-controller-manager\" using core.liqo.io/v1beta1: .spec.clusterID", ex.Message);
    }

    [Fact]
    public void ListMapsAndSetsUseKeyAndValueElements()
    {
        const string deployment = """
            {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","namespace":"default","finalizers":["example.com/keep"]},
             "spec":{"replicas":2,"selector":{"matchLabels":{"app":"web"}},
                     "template":{"metadata":{"labels":{"app":"web"}},
                                 "spec":{"containers":[{"name":"nginx","image":"nginx:1.25","ports":[{"containerPort":80}],"args":["-g","daemon off;"]}]}}}}
            """;
        var created = ManagedFields.Apply(null, Obj(deployment), "kubectl", false, "apps/v1", null, "apps", "Deployment", null, T0);

        Assert.Equal(
            """{"f:metadata":{"f:finalizers":{"v:\"example.com/keep\"":{}}},"f:spec":{"f:replicas":{},"f:selector":{},"f:template":{"f:metadata":{"f:labels":{"f:app":{}}},"f:spec":{"f:containers":{"k:{\"name\":\"nginx\"}":{".":{},"f:args":{},"f:image":{},"f:name":{},"f:ports":{"k:{\"containerPort\":80,\"protocol\":\"TCP\"}":{".":{},"f:containerPort":{}}}}}}}}}""",
            Fields(created, "kubectl"));

        var mine = (JsonObject)created.DeepClone();
        mine["spec"]!["template"]!["spec"]!["containers"]![0]!["image"] = "nginx:1.26";
        ManagedFields.RecordUpdate(created, mine, "kubectl-set", "apps/v1", null, "apps", "Deployment", null, T1);
        Assert.Equal("""{"f:spec":{"f:template":{"f:spec":{"f:containers":{"k:{\"name\":\"nginx\"}":{"f:image":{}}}}}}}""", Fields(mine, "kubectl-set"));

        var ex = Assert.Throws<ApplyConflictException>(() =>
            ManagedFields.Apply(mine, Obj(deployment), "kubectl", false, "apps/v1", null, "apps", "Deployment", null, T2));
        Assert.Equal("Apply failed with 1 conflict: conflict with \"kubectl-set\" using apps/v1: .spec.template.spec.containers[name=\"nginx\"].image", ex.Message);
    }

    [Fact]
    public void ListMapItemsMergeAndDroppedItemsAreRemoved()
    {
        const string twoContainers = """
            {"apiVersion":"v1","kind":"Pod","metadata":{"name":"web","namespace":"default"},
             "spec":{"containers":[{"name":"a","image":"a:1"},{"name":"b","image":"b:1"}]}}
            """;
        var live = ManagedFields.Apply(null, Obj(twoContainers), "kubectl", false, "v1", null, "", "Pod", null, T0);
        live = ManagedFields.Apply(live, Obj("""{"apiVersion":"v1","kind":"Pod","metadata":{"name":"web","namespace":"default"},"spec":{"containers":[{"name":"c","image":"c:1"}]}}"""),
            "injector", false, "v1", null, "", "Pod", null, T1);
        Assert.Equal(new[] { "a", "b", "c" }, live["spec"]!["containers"]!.AsArray().Select(c => (string?)c!["name"]));

        var result = ManagedFields.Apply(live, Obj("""{"apiVersion":"v1","kind":"Pod","metadata":{"name":"web","namespace":"default"},"spec":{"containers":[{"name":"b","image":"b:2"}]}}"""),
            "kubectl", false, "v1", null, "", "Pod", null, T2);
        SameJson("""[{"name":"b","image":"b:2"},{"name":"c","image":"c:1"}]""", result["spec"]!["containers"]);
    }

    [Fact]
    public void CustomResourceListMapsFollowTheCallback()
    {
        static IReadOnlyList<string>? Keys(string path) => path == "spec.ports" ? ["port", "protocol"] : null;
        var ip = ManagedFields.Apply(null, Obj("""
            {"apiVersion":"ipam.liqo.io/v1alpha1","kind":"IP","metadata":{"name":"api","namespace":"liqo"},
             "spec":{"ip":"10.0.0.1","ports":[{"port":443,"protocol":"TCP","name":"https"}],"serviceTemplate":{"labels":{"a":"b"}}}}
            """), "liqo", false, "ipam.liqo.io/v1alpha1", null, "ipam.liqo.io", "IP", Keys, T0);
        Assert.Equal(
            """{"f:spec":{"f:ip":{},"f:ports":{"k:{\"port\":443,\"protocol\":\"TCP\"}":{".":{},"f:name":{},"f:port":{},"f:protocol":{}}},"f:serviceTemplate":{"f:labels":{"f:a":{}}}}}""",
            Fields(ip, "liqo"));

        var second = ManagedFields.Apply(ip, Obj("""
            {"apiVersion":"ipam.liqo.io/v1alpha1","kind":"IP","metadata":{"name":"api","namespace":"liqo"},
             "spec":{"ports":[{"port":80,"protocol":"TCP","name":"http"}]}}
            """), "other", false, "ipam.liqo.io/v1alpha1", null, "ipam.liqo.io", "IP", Keys, T1);
        Assert.Equal(2, second["spec"]!["ports"]!.AsArray().Count);
    }

    [Fact]
    public void ObjectsWithoutManagedFieldsAreAttributedToBeforeFirstApply()
    {
        var live = ConfigMap();
        var ex = Assert.Throws<ApplyConflictException>(() => ApplyCm(live,
            """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"cm1","namespace":"default"},"data":{"a":"changed"}}""", "newcomer"));
        Assert.Equal("Apply failed with 1 conflict: conflict with \"before-first-apply\" using v1: .data.a", ex.Message);

        var forced = ApplyCm(live, """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"cm1","namespace":"default"},"data":{"a":"changed"}}""", "newcomer", force: true);
        Assert.Equal("""{"f:data":{".":{},"f:b":{}},"f:metadata":{"f:labels":{".":{},"f:app":{}}}}""", Fields(forced, "before-first-apply"));
    }

    [Fact]
    public void ApplyErrorsAreTheApiServers()
    {
        var withManagedFields = Assert.Throws<PatchException>(() => ApplyCm(null,
            """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"cm1","managedFields":[]}}""", "m"));
        Assert.Equal(400, withManagedFields.StatusCode);
        Assert.Equal("BadRequest", withManagedFields.Reason);
        Assert.Equal("metadata.managedFields must be nil", withManagedFields.Message);

        var wrongVersion = Assert.Throws<PatchException>(() => ManagedFields.Apply(null,
            Obj("""{"apiVersion":"apps/v1beta1","kind":"Deployment","metadata":{"name":"web"}}"""), "m", false, "apps/v1", null, "apps", "Deployment", null, T0));
        Assert.Equal(400, wrongVersion.StatusCode);
        Assert.Equal("Incorrect version specified in apply patch. Specified patch version: apps/v1beta1, expected: apps/v1", wrongVersion.Message);

        var duplicate = Assert.Throws<PatchException>(() => ManagedFields.Apply(null, Obj("""
            {"apiVersion":"v1","kind":"Pod","metadata":{"name":"web","namespace":"default"},"spec":{"containers":[{"name":"a","image":"x"},{"name":"a","image":"y"}]}}
            """), "m", false, "v1", null, "", "Pod", null, T0));
        Assert.Equal(500, duplicate.StatusCode);
        Assert.Equal("", duplicate.Reason);
        Assert.Equal("failed to create typed patch object (/v1, Kind=Pod default/web): .spec.containers: duplicate entries for key [name=\"a\"]", duplicate.Message);

        var missingKey = Assert.Throws<PatchException>(() => ManagedFields.Apply(null, Obj("""
            {"apiVersion":"v1","kind":"Pod","metadata":{"name":"web","namespace":"default"},"spec":{"containers":[{"image":"x"}]}}
            """), "m", false, "v1", null, "", "Pod", null, T0));
        Assert.Equal("failed to create typed patch object (/v1, Kind=Pod default/web): .spec.containers[0]: associative list with keys has an element that omits key field \"name\" (and doesn't have default value)", missingKey.Message);
    }

    [Fact]
    public void ApplyDoesNotModifyItsInputs()
    {
        var live = ApplyCm(null, CmA1, "kubectl");
        var applied = Obj("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"cm1","namespace":"default"},"data":{"b":"2"}}""");
        var liveBefore = J(live);
        var appliedBefore = J(applied);
        var result = ManagedFields.Apply(live, applied, "kubectl", false, "v1", null, "", "ConfigMap", null, T1);
        result["data"]!["b"] = "mutated";
        Assert.Equal(liveBefore, J(live));
        Assert.Equal(appliedBefore, J(applied));
    }
}
