using System.Text.Json.Nodes;
using Liqo.Sandbox.ApiServer.Patch;
using static Liqo.Sandbox.Tests.Patch.PatchFixtures;

namespace Liqo.Sandbox.Tests.Patch;

public class JsonMergePatchTests
{
    [Fact]
    public void KubectlLabelMergePatchAddsLabelAndKeepsTheRest()
    {
        // kubectl label fc remote1 env=test sends exactly this body (Appendix A).
        var fc = ForeignCluster();
        var result = JsonMergePatch.Apply(fc, Obj("""{"metadata":{"labels":{"env":"test"}}}"""))!;

        Assert.Equal("test", (string?)result["metadata"]!["labels"]!["env"]);
        Assert.Equal("remote1", (string?)result["metadata"]!["labels"]!["liqo.io/remote-cluster-id"]);
        Assert.Equal("remote1", (string?)result["spec"]!["clusterID"]);
        Assert.Equal("Provider", (string?)result["status"]!["role"]);
    }

    [Fact]
    public void NullDeletesAndNestedNullsOfNewMembersArePruned()
    {
        var cm = ConfigMap();
        var result = JsonMergePatch.Apply(cm, Obj("""{"data":{"a":null,"c":"3"},"binaryData":{"x":null,"y":"eQ=="},"metadata":{"labels":null}}"""))!;

        SameJson("""{"b":"2","c":"3"}""", result["data"]);
        SameJson("""{"y":"eQ=="}""", result["binaryData"]);
        Assert.False(((JsonObject)result["metadata"]!).ContainsKey("labels"));
    }

    [Fact]
    public void ArraysAreReplacedWhole()
    {
        var fc = ForeignCluster();
        var result = JsonMergePatch.Apply(fc, Obj("""{"status":{"conditions":[{"type":"NetworkConnectionStatus","status":"Established"}]}}"""))!;

        SameJson("""[{"type":"NetworkConnectionStatus","status":"Established"}]""", result["status"]!["conditions"]);
        Assert.Equal("https://127.0.0.1:6443", (string?)result["status"]!["apiServerUrl"]);
    }

    [Fact]
    public void ScalarReplacesObjectAndObjectReplacesScalar()
    {
        var result = JsonMergePatch.Apply(Obj("""{"a":{"b":1},"c":"x"}"""), Obj("""{"a":"flat","c":{"d":null,"e":2}}"""))!;
        SameJson("""{"a":"flat","c":{"e":2}}""", result);
    }

    [Fact]
    public void InputsAreNotModified()
    {
        var cm = ConfigMap();
        var patch = Obj("""{"data":{"a":null,"z":{"q":null}}}""");
        var before = J(cm);
        var patchBefore = J(patch);

        var result = JsonMergePatch.Apply(cm, patch)!;
        result["data"]!["b"] = "changed";

        Assert.Equal(before, J(cm));
        Assert.Equal(patchBefore, J(patch));
    }

    [Fact]
    public void Rfc7386AppendixAExamples()
    {
        SameJson("""{"a":"z","c":{"d":"e"}}""", JsonMergePatch.Apply(Obj("""{"a":"b","c":{"d":"e","f":"g"}}"""), Obj("""{"a":"z","c":{"f":null}}""")));
        SameJson("""{"a":["b"]}""", JsonMergePatch.Apply(Obj("""{"a":[{"b":"c"}]}"""), Obj("""{"a":["b"]}""")));
        SameJson("""{"e":null,"a":1}""", JsonMergePatch.Apply(Obj("""{"e":null}"""), Obj("""{"a":1}""")));
        SameJson("""["c"]""", JsonMergePatch.Apply(Obj("""{"a":"foo"}"""), Arr("""["c"]""")));
        SameJson("""{"a":{"bb":{}}}""", JsonMergePatch.Apply(Obj("{}"), Obj("""{"a":{"bb":{"ccc":null}}}""")));
    }

    [Theory]
    [InlineData("null")]
    [InlineData("\"text\"")]
    [InlineData("42")]
    public void NullOrScalarPatchIsBadRequestLikeTheApiServer(string patch)
    {
        var ex = Assert.Throws<PatchException>(() => JsonMergePatch.Apply(ConfigMap(), JsonNode.Parse(patch)));
        Assert.Equal(400, ex.StatusCode);
        Assert.Equal("BadRequest", ex.Reason);
        Assert.Equal("Invalid JSON Patch", ex.Message);
    }
}
