using System.Text.Json.Nodes;
using Liqo.Sandbox.ApiServer.Go;

namespace Liqo.Sandbox.Tests.Go;

/// <summary>encoding/json (and json-iterator) marshalling of decoded values.</summary>
public sealed class ServerGoJsonTests
{
    // A string, then how encoding/json writes it, then how json-iterator does. Go 1.22 gave encoding/json short escapes
    // for \b and \f; json-iterator, which structured-merge-diff v4 writes managedFields keys with, kept the \u form. The
    // strategic-merge-patch copy wrote \u0008 for both uses, the printing copy \b for both.
    public static TheoryData<string, string, string> Escapes => new()
    {
        { "\b\f", "\"\\b\\f\"", "\"\\u0008\\u000c\"" },
        { "\u0001\n\r\t", "\"\\u0001\\n\\r\\t\"", "\"\\u0001\\n\\r\\t\"" },
        { "<&>'+/", "\"\\u003c\\u0026\\u003e'+/\"", "\"\\u003c\\u0026\\u003e'+/\"" },
        { "\u2028\u2029é", "\"\\u2028\\u2029é\"", "\"\\u2028\\u2029é\"" },
    };

    [Theory]
    [MemberData(nameof(Escapes))]
    public void Strings_escape_as_each_encoder_escapes_them(string value, string encodingJson, string jsonIterator)
    {
        Assert.Equal(encodingJson, ServerGoJson.String(value));
        Assert.Equal(jsonIterator, ServerGoJson.String(value, GoJsonEncoder.JsonIterator));
    }

    [Fact]
    public void Json_escapes_html_like_encoding_json()
    {
        var value = JsonNode.Parse("""{"b":"é","a":"x<y&z"}""");
        Assert.Equal("{\"a\":\"x\\u003cy\\u0026z\",\"b\":\"é\"}",
            ServerGoJson.Marshal(value, NumberDecoding.Unstructured));
    }

    // The strategic-merge-patch copy (used for managedFields keys and the last-applied annotation) sorted keys by UTF-16
    // code units; encoding/json sorts map keys with Go's string order, as the printing copy did.
    [Fact]
    public void Keys_sort_by_their_utf8_bytes() =>
        Assert.Equal("{\"z\":3,\"\ue000\":2,\"😀\":1}",
            ServerGoJson.Marshal(new JsonObject { ["😀"] = 1, ["\ue000"] = 2, ["z"] = 3 }, NumberDecoding.Unstructured));

    // The strategic-merge-patch copy wrote numbers as they came; Go marshals the int64 or float64 it decoded.
    [Fact]
    public void Numbers_are_written_from_their_go_value() =>
        Assert.Equal("[1,100,80,1e-7,1e+21,0.5,-0,9223372036854775807]",
            ServerGoJson.Marshal(JsonNode.Parse("[1.0,1e2,80,0.0000001,1e21,5e-1,-0.0,9223372036854775807]"),
                NumberDecoding.Unstructured));

    // json-iterator's Stream.WriteString (object field names) escapes neither HTML nor the line separators.
    [Fact]
    public void Json_iterator_field_names_escape_no_html()
    {
        Assert.Equal("\"a<b&c\u2028\"", ServerGoJson.String("a<b&c\u2028", GoJsonEncoder.JsonIterator,
            escapeHtml: false));
        Assert.Equal("\"a\\u003cb\\u0026c\\u2028\"", ServerGoJson.String("a<b&c\u2028", GoJsonEncoder.JsonIterator));
    }

    [Fact]
    public void A_lone_surrogate_is_written_as_the_replacement_character() =>
        Assert.Equal("\"a\uFFFDb😀\"", ServerGoJson.String("a\uDC00b😀"));

    [Fact]
    public void Null_and_booleans() => Assert.Equal("{\"a\":null,\"b\":[true,false]}", ServerGoJson.Marshal(JsonNode.Parse("""{"b":[true,false],"a":null}"""), NumberDecoding.Float64));
}
