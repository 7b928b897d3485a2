using System.Text.Json.Nodes;
using Liqo.Sandbox.ApiServer.Go;

namespace Liqo.Sandbox.Tests.Go;

/// <summary>fmt's %v and %#v of decoded JSON values.</summary>
public sealed class GoFmtTests
{
    private static JsonNode Parse(string json) => JsonNode.Parse(json)!;

    [Fact]
    public void Maps_print_with_sorted_keys() =>
        Assert.Equal("map[containerPort:80 list:[x 1] name:http nested:map[a:true]]",
            GoFmt.V(Parse("""{"name":"http","nested":{"a":true},"containerPort":80,"list":["x",1]}"""), NumberDecoding.Float64));

    public static TheoryData<string, string> Float64Numbers => new()
    {
        { "80", "80" }, { "443.0", "443" }, { "0.5", "0.5" }, { "123456", "123456" }, { "1000000", "1e+06" },
        { "1234567", "1.234567e+06" }, { "0.00001", "1e-05" }, { "-2500000", "-2.5e+06" }, { "-0", "-0" },
    };

    [Theory]
    [MemberData(nameof(Float64Numbers))]
    public void Numbers_decoded_into_interface_print_as_float64(string json, string expected) =>
        Assert.Equal(expected, GoFmt.V(Parse(json), NumberDecoding.Float64));

    [Fact]
    public void Unstructured_integers_print_as_int64() =>
        Assert.Equal("[1000000 0 1e+06]", GoFmt.V(Parse("[1000000,-0,1000000.0]"), NumberDecoding.Unstructured));

    [Fact]
    public void Nil_prints_as_nil() => Assert.Equal("[<nil> true false]", GoFmt.V(Parse("[null,true,false]"), NumberDecoding.Float64));

    // fmt sorts map keys with Go's string order (UTF-8 bytes); the strategic-merge-patch copy sorted UTF-16 code units,
    // which puts U+1F600 (a surrogate pair) before U+E000.
    [Fact]
    public void Map_keys_sort_by_their_utf8_bytes()
    {
        var map = new JsonObject { ["😀"] = 1, ["\ue000"] = 2, ["z"] = 3 };
        Assert.Equal("map[z:3 \ue000:2 😀:1]", GoFmt.V(map, NumberDecoding.Unstructured));
        Assert.Equal("map[string]interface {}{\"z\":3, \"\\ue000\":2, \"😀\":1}", GoFmt.SharpV(map, NumberDecoding.Unstructured));
    }

    [Fact]
    public void SharpV_writes_go_syntax()
    {
        Assert.Equal("map[string]interface {}{\"a\":1, \"b\":\"x\", \"c\":[]interface {}{true, interface {}(nil)}}",
            GoFmt.SharpV(Parse("""{"b":"x","a":1,"c":[true,null]}"""), NumberDecoding.Unstructured));
        Assert.Equal("[]interface {}{1e+06, 1000000}", GoFmt.SharpV(Parse("[1000000.0,1000000]"), NumberDecoding.Unstructured));
        Assert.Equal("<nil>", GoFmt.SharpV(null, NumberDecoding.Unstructured));
    }

    [Fact]
    public void SharpV_of_a_string_map_quotes_keys_and_values_in_key_order()
    {
        Assert.Equal("map[string]string{\"app\":\"x\\ty\", \"tier\":\"web\"}",
            GoFmt.SharpV(new Dictionary<string, string> { ["tier"] = "web", ["app"] = "x\ty" }));
        Assert.Equal("map[string]string{}", GoFmt.SharpV(new Dictionary<string, string>()));
        Assert.Equal("map[string]string(nil)", GoFmt.SharpV((IReadOnlyDictionary<string, string>?)null));
    }
}
