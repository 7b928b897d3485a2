using System.Text.Json.Nodes;
using Liqo.Engine.GoFormat;

namespace Liqo.Engine.Tests.GoFormat;

/// <summary>sigs.k8s.io/yaml (JSON, then go-yaml v2) as liqoctl prints its documents.</summary>
public class GoYamlTests
{
    private static string Yaml(string json) => GoYaml.Emit(JsonNode.Parse(json));

    [Fact]
    public void BlockStyleWithSequencesNotIndentedUnderTheirKey()
    {
        Assert.Equal("""
            a:
              b:
              - x
              - z
              c:
              - k: 1
                l: true
            empty: {}
            list: []
            none: null

            """.Replace("\r\n", "\n"), Yaml("""{"none":null,"list":[],"empty":{},"a":{"c":[{"l":true,"k":1}],"b":["x","z"]}}"""));
    }

    [Fact]
    public void KeysAreInGoYamlOrder()
    {
        // capitals before lower case (code points), non-letters before letters, digit runs by value
        var text = Yaml("""{"status":1,"APIServerAddr":2,"resourceSlices":3,"pod10":4,"pod9":5,"a-b":6,"ab":7,"a.b":8,"CIDRs":9,"gateway":10}""");
        var keys = text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l[..l.IndexOf(':')]).ToArray();
        Assert.Equal(new[] { "APIServerAddr", "CIDRs", "a-b", "a.b", "ab", "gateway", "pod9", "pod10", "resourceSlices", "status" }, keys);
    }

    [Theory]
    [InlineData("4", "\"4\"")]
    [InlineData("110", "\"110\"")]
    [InlineData("20Gi", "20Gi")]
    [InlineData("500m", "500m")]
    [InlineData("1e3", "\"1e3\"")]
    [InlineData("0x1F", "\"0x1F\"")]
    [InlineData("1_000", "\"1_000\"")]
    [InlineData("1:30", "\"1:30\"")]
    [InlineData("2026-07-10", "\"2026-07-10\"")]
    [InlineData("true", "\"true\"")]
    [InlineData("Yes", "\"Yes\"")]
    [InlineData("off", "\"off\"")]
    [InlineData("null", "\"null\"")]
    [InlineData("~", "\"~\"")]
    [InlineData("", "\"\"")]
    [InlineData(".5", "\".5\"")]
    [InlineData("v1.2.0", "v1.2.0")]
    [InlineData("10.127.64.0/18", "10.127.64.0/18")]
    [InlineData("https://172.19.0.9:6443", "https://172.19.0.9:6443")]
    [InlineData("Healthy", "Healthy")]
    [InlineData("y", "\"y\"")]
    [InlineData("N", "\"N\"")]
    [InlineData("key: value", "'key: value'")]
    [InlineData("- item", "'- item'")]
    [InlineData("*star", "'*star'")]
    [InlineData("it's", "it's")]
    [InlineData("'quoted'", "'''quoted'''")]
    [InlineData(" lead", "' lead'")]
    [InlineData("trail ", "'trail '")]
    [InlineData("a # b", "'a # b'")]
    [InlineData("a#b", "a#b")]
    [InlineData("tab\there", "\"tab\\there\"")]
    [InlineData("città", "città")]
    public void ScalarsAreQuotedOnlyWhenGoYamlMust(string value, string written)
    {
        Assert.Equal($"k: {written}\n", Yaml(new JsonObject { ["k"] = value }.ToJsonString()));
    }

    [Fact]
    public void MultiLineStringsAreLiteralBlocks()
    {
        Assert.Equal("k: |-\n  one\n  two\nz: 1\n", Yaml("""{"k":"one\ntwo","z":1}"""));
        Assert.Equal("- |\n  one\n  two\n", Yaml("""["one\ntwo\n"]"""));
    }

    [Fact]
    public void LongPlainScalarsFoldAtTheFirstSpacePastColumn80()
    {
        var message = string.Join(" ", Enumerable.Repeat("word", 30));
        var text = Yaml(new JsonObject { ["alerts"] = new JsonArray(message) }.ToJsonString());
        var lines = text.TrimEnd('\n').Split('\n');
        Assert.Equal("alerts:", lines[0]);
        // after "- " and 16 words the column is 81, past 80: the next space becomes a line break
        Assert.Equal("- " + string.Join(" ", Enumerable.Repeat("word", 16)), lines[1]);
        Assert.Equal("  " + string.Join(" ", Enumerable.Repeat("word", 14)), lines[2]);
        Assert.Equal(3, lines.Length);
    }

    [Fact]
    public void TopLevelCollectionsAndScalars()
    {
        Assert.Equal("- 10.127.64.0/18\n", Yaml("""["10.127.64.0/18"]"""));
        Assert.Equal("{}\n", Yaml("{}"));
        Assert.Equal("[]\n", Yaml("[]"));
    }
}
