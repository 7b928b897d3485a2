using System.Text.Json.Nodes;
using Liqo.Sandbox.ApiServer.Schema;

namespace Liqo.Sandbox.Tests.Schema;

/// <summary>Numbers built in code (not parsed) are classified as Go's decoder would classify their JSON text.</summary>
public sealed class UnstructuredJsonTests
{
    [Fact]
    public void Integers_from_any_dotnet_integer_type_are_integers()
    {
        var s = StructuralSchema.FromOpenApiV3(YamlJson.LoadObject("{type: object, properties: {spec: {type: object, properties: {i: {type: integer}, n: {type: number}}}}}"));
        var obj = new JsonObject { ["spec"] = new JsonObject { ["i"] = 3, ["n"] = 2.5 } };
        Assert.Empty(s.Validate(obj, null));
        obj["spec"]!["i"] = 2.5;
        Assert.Equal("spec.i: Invalid value: \"number\": spec.i in body must be of type integer: \"number\"", Assert.Single(s.Validate(obj, null)).ToString());
        Assert.Equal(JsonKind.Integer, UnstructuredJson.KindOf(JsonValue.Create(7u)));
        Assert.Equal(JsonKind.Integer, UnstructuredJson.KindOf(JsonNode.Parse("7")));
        Assert.Equal(JsonKind.Number, UnstructuredJson.KindOf(JsonNode.Parse("7.0")));
        Assert.Equal(JsonKind.Number, UnstructuredJson.KindOf(JsonNode.Parse("1e3")));
        // A double built in code writes "2", which Go decodes as an int64 (the schema copy judged by the .NET type).
        Assert.Equal(JsonKind.Integer, UnstructuredJson.KindOf(JsonValue.Create(2.0)));
        Assert.Equal(JsonKind.Number, UnstructuredJson.KindOf(JsonValue.Create(2.5)));
    }
}
