using Liqo.Engine.GoFormat;

namespace Liqo.Engine.Tests.GoFormat;

/// <summary>encoding/json's MarshalIndent(v, "", "  ") as liqoctl prints its documents.</summary>
public class GoJsonTests
{
    [Fact]
    public void StructFieldsKeepTheirOrderMapKeysAreSortedAndEmptyCollectionsStayCompact()
    {
        var value = new GoStruct(
            new GoField("Zeta", "zeta", false, new GoString("z")),
            new GoField("Labels", "labels", false, GoMap.Of(new Dictionary<string, string> { ["b"] = "2", ["B"] = "3", ["a"] = "1" })),
            new GoField("Empty", "empty", false, new GoSlice(new List<GoValue>())),
            new GoField("EmptyMap", "emptyMap", false, new GoMap(new List<KeyValuePair<string, GoValue>>())),
            new GoField("Nil", "nil", false, new GoSlice(null)),
            new GoField("APIServerAddr", null, false, new GoString("https://h:6443")),
            new GoField("Port", "port", false, new GoInt(51840)),
            new GoField("Ok", "ok", false, new GoBool(true)));
        Assert.Equal("""
            {
              "zeta": "z",
              "labels": {
                "B": "3",
                "a": "1",
                "b": "2"
              },
              "empty": [],
              "emptyMap": {},
              "nil": null,
              "APIServerAddr": "https://h:6443",
              "port": 51840,
              "ok": true
            }
            """, GoJson.MarshalIndent(value));
    }

    [Fact]
    public void OmitEmptyDropsEmptyValuesButNeverAStruct()
    {
        var value = new GoStruct(
            new GoField("Alerts", "alerts", true, new GoSlice(new List<GoValue>())),
            new GoField("Nil", "nilAlerts", true, new GoSlice(null)),
            new GoField("Text", "text", true, new GoString("")),
            new GoField("Ptr", "ptr", true, new GoPointer(null)),
            new GoField("Inner", "inner", true, new GoStruct(new GoField("Pod", "pod", true, new GoSlice(null)))));
        Assert.Equal("{\n  \"inner\": {}\n}", GoJson.MarshalIndent(value));
    }

    [Theory]
    [InlineData("<a&b>", "\"\\u003ca\\u0026b\\u003e\"")]
    [InlineData("line\nnext\ttab\r", "\"line\\nnext\\ttab\\r\"")]
    [InlineData("\b\f\u0001", "\"\\b\\f\\u0001\"")]
    [InlineData("quote\" back\\", "\"quote\\\" back\\\\\"")]
    [InlineData("città → ✔", "\"città → ✔\"")]
    [InlineData("\u2028\u2029", "\"\\u2028\\u2029\"")]
    public void StringsAreEscapedAsGoEscapesThem(string s, string json) =>
        Assert.Equal(json, GoJson.MarshalIndent(new GoString(s)));
}
