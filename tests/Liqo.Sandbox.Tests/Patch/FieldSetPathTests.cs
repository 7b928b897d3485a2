using System.Text.Json.Nodes;
using Liqo.Sandbox.ApiServer.Patch;

namespace Liqo.Sandbox.Tests.Patch;

/// <summary>managedFields path elements as structured-merge-diff v4 serialises them (json-iterator), and their display.</summary>
public sealed class FieldSetPathTests
{
    // structured-merge-diff's value.ToString prints numbers with %v (the copy before printed the JSON text, 1000000.5)
    // and strings with %q.
    [Fact]
    public void Display_prints_values_as_conflict_messages_do() =>
        Assert.Equal(".spec.ports[=1.0000005e+06].x[name=\"a\\tb\",port=80]",
            FieldSetPath.Display(string.Join(FieldSetPath.Separator, "f:spec", "f:ports", "v:1000000.5", "f:x",
                "k:{\"name\":\"a\\tb\",\"port\":80}")));

    [Fact]
    public void Key_fields_sort_by_name_and_marshal_their_values()
    {
        Assert.Equal("k:{\"containerPort\":80,\"protocol\":\"TCP\"}",
            FieldSetPath.Key([new("protocol", JsonValue.Create("TCP")), new("containerPort", JsonNode.Parse("80"))]));
        Assert.Equal("k:{\"a\":1,\"b\":\"x\"}", FieldSetPath.Canonical("k:{\"b\":\"x\",\"a\":1.0}"));
    }

    // json-iterator writes a key field's name with WriteString (no HTML escapes) but its value with the HTML-escaping
    // string encoder, and without encoding/json's short \b; numbers come from their decoded int64/float64, where the
    // strategic-merge-patch copy kept the text (v:1.0).
    [Fact]
    public void Elements_are_written_as_json_iterator_writes_them()
    {
        Assert.Equal("k:{\"a<b\":\"x\\u003cy\\u0008\"}", FieldSetPath.Key([new("a<b", JsonValue.Create("x<y\b"))]));
        Assert.Equal("v:1", FieldSetPath.Value(JsonNode.Parse("1.0")));
        Assert.Equal("v:1", FieldSetPath.Canonical("v:1.0"));
        Assert.Equal("v:\"\\u000c\"", FieldSetPath.Value(JsonValue.Create("\f")));
    }

    // BuildManagerIdentifier marshals the entry with encoding/json, which has the short \b since Go 1.22.
    [Fact]
    public void Manager_identities_are_encoding_json() =>
        Assert.Equal("{\"manager\":\"a\\bb\\u003c\",\"operation\":\"Update\",\"apiVersion\":\"v1\"}",
            ManagedFieldsEntry.IdentityOf("a\bb<", "Update", "v1", null));
}
