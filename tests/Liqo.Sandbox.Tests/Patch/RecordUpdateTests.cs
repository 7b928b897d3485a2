using System.Text.Json.Nodes;
using Liqo.Sandbox.ApiServer.Patch;
using static Liqo.Sandbox.Tests.Patch.PatchFixtures;

namespace Liqo.Sandbox.Tests.Patch;

public class RecordUpdateTests
{
    private static JsonObject Created(string manager = "creator")
    {
        var cm = ConfigMap();
        ManagedFields.RecordUpdate(null, cm, manager, "v1", null, "", "ConfigMap", null, T0);
        return cm;
    }

    private static JsonObject Write(JsonObject old, Action<JsonObject> edit, string manager, DateTimeOffset at, string? subresource = null)
    {
        var next = (JsonObject)old.DeepClone();
        edit(next);
        ManagedFields.RecordUpdate(old, next, manager, "v1", subresource, "", "ConfigMap", null, at);
        return next;
    }

    private static string Fields(JsonObject obj, string manager) =>
        J(obj["metadata"]!["managedFields"]!.AsArray().Single(e => (string?)e!["manager"] == manager)!["fieldsV1"]);

    private static string[] Managers(JsonObject obj) =>
        obj["metadata"]!["managedFields"]?.AsArray().Select(e => (string)e!["manager"]!).ToArray() ?? [];

    [Fact]
    public void AnUpdateTakesChangedFieldsFromOthersAndRemovedFieldsLeaveEverySet()
    {
        var cm = Created();
        var edited = Write(cm, o => { o["data"]!["a"] = "10"; o["data"]!.AsObject().Remove("b"); o["data"]!["c"] = "3"; }, "kubectl-edit", T1);

        Assert.Equal("""{"f:data":{},"f:metadata":{"f:labels":{".":{},"f:app":{}}}}""", Fields(edited, "creator"));
        Assert.Equal("""{"f:data":{"f:a":{},"f:c":{}}}""", Fields(edited, "kubectl-edit"));
        Assert.Equal("2026-11-28T17:46:25Z", (string?)edited["metadata"]!["managedFields"]![1]!["time"]);
        Assert.Equal(new[] { "creator", "kubectl-edit" }, Managers(edited));
    }

    [Fact]
    public void AWriteThatChangesNothingLeavesEntriesAndTimesAlone()
    {
        var cm = Created();
        var same = Write(cm, _ => { }, "noop", T1);
        Assert.Equal(J(cm), J(same));

        var sameManager = Write(cm, o => o["data"]!["a"] = "1", "creator", T1);
        Assert.Equal("2026-11-28T17:45:25Z", (string?)sameManager["metadata"]!["managedFields"]![0]!["time"]);
    }

    [Fact]
    public void UpdatesByTheSameManagerAccumulateInOneEntry()
    {
        var cm = Created();
        var first = Write(cm, o => o["data"]!["x"] = "1", "ctl", T1);
        var second = Write(first, o => o["metadata"]!["annotations"] = new JsonObject { ["note"] = "n" }, "ctl", T2);

        Assert.Equal("""{"f:data":{"f:x":{}},"f:metadata":{"f:annotations":{".":{},"f:note":{}}}}""", Fields(second, "ctl"));
        Assert.Equal(new[] { "creator", "ctl" }, Managers(second));
        Assert.Equal("2026-11-28T17:47:25Z", (string?)second["metadata"]!["managedFields"]![1]!["time"]);
    }

    [Fact]
    public void ManagedFieldsSentInAnUpdateReplaceTheStoredOnes()
    {
        var cm = Created();
        var replaced = Write(cm, o => o["metadata"]!["managedFields"] = Arr("""
            [{"manager":"kubectl","operation":"Apply","apiVersion":"v1","time":"2026-11-28T17:45:25Z","fieldsType":"FieldsV1",
              "fieldsV1":{"f:data":{"f:a":{},"f:b":{}}}}]
            """), "kubectl", T1);
        Assert.Equal(new[] { "kubectl" }, Managers(replaced));
        Assert.Equal("""{"f:data":{"f:a":{},"f:b":{}}}""", Fields(replaced, "kubectl"));

        var cleared = Write(cm, o => o["metadata"]!["managedFields"] = new JsonArray(), "cleaner", T1);
        Assert.False(((JsonObject)cleared["metadata"]!).ContainsKey("managedFields"));

        var clearedWithEmptyEntry = Write(cm, o => o["metadata"]!["managedFields"] = Arr("[{}]"), "cleaner", T1);
        Assert.False(((JsonObject)clearedWithEmptyEntry["metadata"]!).ContainsKey("managedFields"));

        var invalid = Write(cm, o => o["metadata"]!["managedFields"] = Arr("""[{"manager":"x","operation":"Patch","fieldsType":"FieldsV1"}]"""), "w", T1);
        Assert.Equal(new[] { "creator" }, Managers(invalid));

        var dropped = Write(cm, o => o["metadata"]!.AsObject().Remove("managedFields"), "w", T1);
        Assert.Equal(new[] { "creator" }, Managers(dropped));
    }

    [Fact]
    public void SubresourceWritesIgnoreSentManagedFieldsAndOwnOnlyStatus()
    {
        var ns = Obj("""{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"liqo"},"spec":{"finalizers":["kubernetes"]}}""");
        ManagedFields.RecordUpdate(null, ns, "kubectl-create", "v1", null, "", "Namespace", null, T0);
        var next = (JsonObject)ns.DeepClone();
        next["status"] = Obj("""{"phase":"Active","conditions":[{"type":"NamespaceDeletionDiscoveryFailure","status":"False"}]}""");
        next["metadata"]!["managedFields"] = new JsonArray();
        ManagedFields.RecordUpdate(ns, next, "namespace-controller", "v1", "status", "", "Namespace", null, T1);

        Assert.Equal(
            """[{"manager":"kubectl-create","operation":"Update","apiVersion":"v1","time":"2026-11-28T17:45:25Z","fieldsType":"FieldsV1","fieldsV1":{"f:spec":{"f:finalizers":{}}}},""" +
            """{"manager":"namespace-controller","operation":"Update","apiVersion":"v1","time":"2026-11-28T17:46:25Z","fieldsType":"FieldsV1","fieldsV1":{"f:status":{"f:conditions":{".":{},"k:{\"type\":\"NamespaceDeletionDiscoveryFailure\"}":{".":{},"f:status":{},"f:type":{}}},"f:phase":{}}},"subresource":"status"}]""",
            J(next["metadata"]!["managedFields"]));
    }

    [Fact]
    public void CreatingBuiltInsDoesNotMarkTypedZeroStructsAsAdded()
    {
        var deployment = Deployment();
        ManagedFields.RecordUpdate(null, deployment, "kubectl-create", "apps/v1", null, "apps", "Deployment", null, T0);
        Assert.Equal(
            """{"f:metadata":{"f:annotations":{".":{},"f:deployment.kubernetes.io/revision":{}}},"f:spec":{"f:replicas":{},"f:selector":{},"f:strategy":{"f:rollingUpdate":{".":{},"f:maxSurge":{},"f:maxUnavailable":{}},"f:type":{}},"f:template":{"f:metadata":{"f:labels":{".":{},"f:app":{}}},"f:spec":{"f:containers":{"k:{\"name\":\"nginx\"}":{".":{},"f:image":{},"f:imagePullPolicy":{},"f:name":{}}},"f:dnsPolicy":{},"f:restartPolicy":{}}}}}""",
            J(deployment["metadata"]!["managedFields"]![0]!["fieldsV1"]));
    }

    [Fact]
    public void MoreThanTenUpdateManagersAreFoldedIntoAncientChanges()
    {
        var cm = Created("m00");
        for (var i = 1; i <= 10; i++)
        {
            var n = i;
            cm = Write(cm, o => o["data"]![$"k{n}"] = "v", $"m{n:00}", T0.AddMinutes(n));
        }

        var managers = Managers(cm);
        Assert.Equal(10, managers.Length);
        Assert.Equal("ancient-changes", managers[0]);
        Assert.DoesNotContain("m00", managers);
        Assert.DoesNotContain("m01", managers);
        Assert.Equal("""{"f:data":{".":{},"f:a":{},"f:b":{},"f:k1":{}},"f:metadata":{"f:labels":{".":{},"f:app":{}}}}""", Fields(cm, "ancient-changes"));
        Assert.Equal("2026-11-28T17:46:25Z", (string?)cm["metadata"]!["managedFields"]![0]!["time"]);
    }
}
