using System.Text.Json.Nodes;
using Liqo.Sandbox.ApiServer.Patch;
using static Liqo.Sandbox.Tests.Patch.PatchFixtures;

namespace Liqo.Sandbox.Tests.Patch;

public class JsonPatchTests
{
    private const string Rejected = "the server rejected our request due to an error in our request";

    [Fact]
    public void KubectlPatchTypeJsonAddsLabel()
    {
        // kubectl patch fc remote1 --type json -p '[{"op":"add","path":"/metadata/labels/x","value":"y"}]' (Appendix A).
        var result = JsonPatch.Apply(ForeignCluster(), Arr("""[{"op":"add","path":"/metadata/labels/x","value":"y"}]"""));
        Assert.Equal("y", (string?)result["metadata"]!["labels"]!["x"]);
        Assert.Equal("remote1", (string?)result["metadata"]!["labels"]!["liqo.io/remote-cluster-id"]);
    }

    [Fact]
    public void PointerEscapesAddressKeysWithSlashAndTilde()
    {
        var result = JsonPatch.Apply(Deployment(), Arr("""
            [{"op":"replace","path":"/metadata/annotations/deployment.kubernetes.io~1revision","value":"2"},
             {"op":"add","path":"/metadata/annotations/a~0b~1c","value":"v"}]
            """));
        Assert.Equal("2", (string?)result["metadata"]!["annotations"]!["deployment.kubernetes.io/revision"]);
        Assert.Equal("v", (string?)result["metadata"]!["annotations"]!["a~b/c"]);
    }

    [Fact]
    public void DashAppendsAndIndexInsertsIntoArrays()
    {
        var result = JsonPatch.Apply(Pod(), Arr("""
            [{"op":"add","path":"/spec/containers/1/args/-","value":"--verbose"},
             {"op":"add","path":"/spec/containers/0/env/0","value":{"name":"FIRST","value":"0"}},
             {"op":"add","path":"/spec/tolerations/1","value":{"key":"k2","operator":"Exists"}}]
            """));
        SameJson("""["sleep","3600","--verbose"]""", result["spec"]!["containers"]![1]!["args"]);
        Assert.Equal(new[] { "FIRST", "A", "B" }, result["spec"]!["containers"]![0]!["env"]!.AsArray().Select(e => (string?)e!["name"]));
        Assert.Equal(2, result["spec"]!["tolerations"]!.AsArray().Count);
    }

    [Fact]
    public void RemoveReplaceMoveCopyTest()
    {
        var result = JsonPatch.Apply(ConfigMap(), Arr("""
            [{"op":"test","path":"/data/a","value":"1"},
             {"op":"remove","path":"/data/b"},
             {"op":"replace","path":"/data/a","value":"one"},
             {"op":"copy","from":"/data/a","path":"/data/c"},
             {"op":"move","from":"/metadata/labels/app","path":"/metadata/labels/component"}]
            """));
        SameJson("""{"a":"one","c":"one"}""", result["data"]);
        SameJson("""{"component":"demo"}""", result["metadata"]!["labels"]);
    }

    [Fact]
    public void KubectlMigrationPatchTestsResourceVersionThenReplacesManagedFields()
    {
        // migrateToSSAIfNecessary (kubectl apply --server-side): test on resourceVersion + replace of /metadata/managedFields.
        var cm = ConfigMap();
        cm["metadata"]!["managedFields"] = Arr("""[{"manager":"kubectl-client-side-apply","operation":"Update","apiVersion":"v1","fieldsType":"FieldsV1","fieldsV1":{"f:data":{"f:a":{}}}}]""");
        var replacement = Arr("""[{"manager":"kubectl","operation":"Apply","apiVersion":"v1","fieldsType":"FieldsV1","fieldsV1":{"f:data":{"f:a":{}}}}]""");
        var ops = new JsonArray(
            new JsonObject { ["op"] = "test", ["path"] = "/metadata/resourceVersion", ["value"] = "107" },
            new JsonObject { ["op"] = "replace", ["path"] = "/metadata/managedFields", ["value"] = replacement });

        var result = JsonPatch.Apply(cm, ops);
        Assert.Equal("kubectl", (string?)result["metadata"]!["managedFields"]![0]!["manager"]);

        // The same patch against a newer resourceVersion fails exactly as on a real server.
        cm["metadata"]!["resourceVersion"] = "108";
        var ex = Assert.Throws<PatchException>(() => JsonPatch.Apply(cm, ops));
        Assert.Equal(422, ex.StatusCode);
        Assert.Equal("Invalid", ex.Reason);
        Assert.Equal(Rejected, ex.Message);
        Assert.Equal("testing value /metadata/resourceVersion failed: test failed", ex.Detail);
    }

    [Theory]
    [InlineData("""[{"op":"test","path":"/data/a","value":"2"}]""", "testing value /data/a failed: test failed")]
    [InlineData("""[{"op":"test","path":"/data/zzz","value":null}]""", "testing value /data/zzz failed: test failed")]
    [InlineData("""[{"op":"test","path":"/nope/x","value":"1"}]""", "test operation does not apply: is missing path: /nope/x: missing value")]
    [InlineData("""[{"op":"remove","path":"/data/zzz"}]""", "error in remove for path: '/data/zzz': Unable to remove nonexistent key: zzz: missing value")]
    [InlineData("""[{"op":"remove","path":"/spec/x"}]""", "remove operation does not apply: doc is missing path: \"/spec/x\": missing value")]
    [InlineData("""[{"op":"add","path":"/spec/x","value":1}]""", "add operation does not apply: doc is missing path: \"/spec/x\": missing value")]
    [InlineData("""[{"op":"replace","path":"/data/zzz","value":"1"}]""", "replace operation does not apply: doc is missing key: /data/zzz: missing value")]
    [InlineData("""[{"op":"move","from":"/data/zzz","path":"/data/y"}]""", "error in move for path: 'zzz': Unable to remove nonexistent key: zzz: missing value")]
    [InlineData("""[{"op":"copy","from":"/nope/a","path":"/data/y"}]""", "copy operation does not apply: doc is missing from path: /nope/a: missing value")]
    [InlineData("""[{"op":"frobnicate","path":"/data/a"}]""", "Unexpected kind: frobnicate")]
    [InlineData("""[{"path":"/data/a"}]""", "Unexpected kind: unknown")]
    public void FailuresAre422WithTheGenericMessage(string ops, string detail)
    {
        var ex = Assert.Throws<PatchException>(() => JsonPatch.Apply(ConfigMap(), Arr(ops)));
        Assert.Equal(422, ex.StatusCode);
        Assert.Equal("Invalid", ex.Reason);
        Assert.Equal(Rejected, ex.Message);
        Assert.Equal(detail, ex.Detail);
    }

    [Theory]
    [InlineData("""[{"op":"add","path":"/spec/containers/5","value":{}}]""", "error in add for path: '/spec/containers/5': Unable to access invalid index: 5: invalid index referenced")]
    [InlineData("""[{"op":"add","path":"/spec/containers/x","value":{}}]""", "error in add for path: '/spec/containers/x': value was not a proper array index: 'x': strconv.Atoi: parsing \"x\": invalid syntax")]
    [InlineData("""[{"op":"remove","path":"/spec/containers/-1"}]""", "error in remove for path: '/spec/containers/-1': Unable to access invalid index: -1: invalid index referenced")]
    [InlineData("""[{"op":"replace","path":"/spec/containers/2","value":{}}]""", "replace operation does not apply: doc is missing key: /spec/containers/2: missing value")]
    [InlineData("""[{"op":"remove","path":"/spec/containers/01"}]""", "error in remove for path: '/spec/containers/01': Unable to access invalid index: 01: invalid index referenced")]
    public void BadArrayIndicesAre422(string ops, string detail)
    {
        var ex = Assert.Throws<PatchException>(() => JsonPatch.Apply(Pod(), Arr(ops)));
        Assert.Equal(422, ex.StatusCode);
        Assert.Equal(detail, ex.Detail);
    }

    [Fact]
    public void AFailingOperationLeavesNothingHalfApplied()
    {
        var cm = ConfigMap();
        var before = J(cm);
        Assert.Throws<PatchException>(() => JsonPatch.Apply(cm, Arr("""[{"op":"remove","path":"/data/a"},{"op":"test","path":"/data/b","value":"x"}]""")));
        Assert.Equal(before, J(cm));
    }

    [Fact]
    public void ReplaceOfWholeDocumentAndTestOfWholeDocument()
    {
        var replaced = JsonPatch.Apply(ConfigMap(), Arr("""[{"op":"replace","path":"","value":{"kind":"ConfigMap","data":{}}}]"""));
        SameJson("""{"kind":"ConfigMap","data":{}}""", replaced);
        JsonPatch.Apply(Obj("""{"a":1}"""), Arr("""[{"op":"test","path":"","value":{"a":1}}]"""));
        var ex = Assert.Throws<PatchException>(() => JsonPatch.Apply(Obj("""{"a":1}"""), Arr("""[{"op":"add","path":"","value":{}}]""")));
        Assert.Equal("add operation does not apply: doc is missing path: \"\": missing value", ex.Detail);
    }

    [Fact]
    public void TestComparesNumbersByTextAndObjectsIgnoringMemberOrder()
    {
        JsonPatch.Apply(Deployment(), Arr("""[{"op":"test","path":"/spec/selector","value":{"matchLabels":{"app":"web"}}},{"op":"test","path":"/spec/replicas","value":2}]"""));
        var ex = Assert.Throws<PatchException>(() => JsonPatch.Apply(Deployment(), Arr("""[{"op":"test","path":"/spec/replicas","value":2.0}]""")));
        Assert.Equal("testing value /spec/replicas failed: test failed", ex.Detail);
        Assert.Throws<PatchException>(() => JsonPatch.Apply(Deployment(), Arr("""[{"op":"test","path":"/spec/replicas","value":"2"}]""")));
    }

    [Fact]
    public void NonObjectOperationIsBadRequest()
    {
        var ex = Assert.Throws<PatchException>(() => JsonPatch.Apply(ConfigMap(), Arr("""[1]""")));
        Assert.Equal(400, ex.StatusCode);
        Assert.Equal("BadRequest", ex.Reason);
        Assert.Equal("json: cannot unmarshal number into Go value of type jsonpatch.Operation", ex.Message);
    }

    [Fact]
    public void TooManyOperationsIsRequestEntityTooLarge()
    {
        var ops = new JsonArray();
        for (var i = 0; i < 10001; i++) ops.Add(new JsonObject { ["op"] = "test", ["path"] = "/kind", ["value"] = "ConfigMap" });
        var ex = Assert.Throws<PatchException>(() => JsonPatch.Apply(ConfigMap(), ops));
        Assert.Equal(413, ex.StatusCode);
        Assert.Equal("RequestEntityTooLarge", ex.Reason);
        Assert.Equal("Request entity too large: The allowed maximum operations in a JSON patch is 10000, got 10001", ex.Message);
    }

    [Fact]
    public void InputsAreNotModified()
    {
        var pod = Pod();
        var ops = Arr("""[{"op":"move","from":"/spec/containers/1","path":"/spec/containers/0"},{"op":"add","path":"/metadata/labels/x","value":{"deep":[1]}}]""");
        var before = J(pod);
        var opsBefore = J(ops);
        var result = JsonPatch.Apply(pod, ops);
        result["metadata"]!["labels"]!["x"]!["deep"]![0] = 2;
        Assert.Equal("sidecar", (string?)result["spec"]!["containers"]![0]!["name"]);
        Assert.Equal(before, J(pod));
        Assert.Equal(opsBefore, J(ops));
    }
}
