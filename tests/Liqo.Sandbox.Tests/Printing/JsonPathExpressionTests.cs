using System.Text.Json.Nodes;
using Liqo.Sandbox.ApiServer.Printing;

namespace Liqo.Sandbox.Tests.Printing;

public class JsonPathExpressionTests
{
    private static readonly JsonNode Doc = JsonNode.Parse("""
        {"metadata":{"name":"n","labels":{"liqo.io/remote-cluster-id":"b","app":"x"}},
         "status":{"conditions":[{"type":"Ready","status":"True","n":1},{"type":"Synced","status":"False","n":2},{"type":"Other"}],
           "list":[10,20,30,40],"nothing":null}}
        """)!;

    private static string? Eval(string path)
    {
        var results = JsonPathExpression.Parse(path).TryEvaluate(Doc);
        return results is null ? null : string.Join("|", results.Select(r => r is null ? "null" : JsonPathExpression.PrintResult(r)));
    }

    [Theory]
    [InlineData(".metadata.name", "n")]
    [InlineData(".metadata.labels.liqo\\.io/remote-cluster-id", "b")]
    [InlineData(".metadata.labels['app']", "x")]
    [InlineData(".metadata.missing", "")]
    [InlineData(".metadata.name.deeper", "")]
    [InlineData(".status.nothing", "null")]
    [InlineData(".status.nothing.x", "")]
    [InlineData(".status.list[1]", "20")]
    [InlineData(".status.list[-1]", "40")]
    [InlineData(".status.list[1:3]", "20|30")]
    [InlineData(".status.list[::2]", "10|30")]
    [InlineData(".status.list[*]", "10|20|30|40")]
    [InlineData(".status.list[0,2]", "10|30")]
    [InlineData(".status.conditions[*].type", "Ready|Synced|Other")]
    [InlineData(".status.conditions[?(@.type==\"Synced\")].status", "False")]
    [InlineData(".status.conditions[?(@.type=='Ready')].status", "True")]
    [InlineData(".status.conditions[?(@.type!=\"Ready\")].type", "Synced|Other")]
    [InlineData(".status.conditions[?(@.n>1)].type", "Synced")]
    [InlineData(".status.conditions[?(@.status)].type", "Ready|Synced")]
    [InlineData(".metadata.*", "n|{\"app\":\"x\",\"liqo.io/remote-cluster-id\":\"b\"}")]
    [InlineData("..name", "n")]
    public void SelectsLikeClientGo(string path, string expected)
    {
        Assert.Equal(expected, Eval(path));
    }

    [Theory]
    [InlineData(".status.list[9]")]
    [InlineData(".metadata[0]")]
    [InlineData(".metadata.labels[?(@.x==1)]")]
    [InlineData(".status.conditions[?(@.n==\"1\")].type")]
    public void EvaluationErrorsGiveNoResult(string path)
    {
        Assert.Null(Eval(path));
    }

    [Theory]
    [InlineData(".spec[oops")]
    [InlineData(".status.conditions[?(@.type==\"x\"]")]
    [InlineData(".a[x]")]
    [InlineData(".a}")]
    public void MalformedPathsDoNotParse(string path)
    {
        Assert.Throws<FormatException>(() => JsonPathExpression.Parse(path));
    }
}
