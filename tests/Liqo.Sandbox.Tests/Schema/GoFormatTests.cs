using System.Text.Json.Nodes;
using Liqo.Sandbox.ApiServer;
using Liqo.Sandbox.ApiServer.Schema;

namespace Liqo.Sandbox.Tests.Schema;

/// <summary>Go's rendering of values in field errors, and FieldError's message layout.</summary>
public sealed class GoFormatTests
{
    [Theory]
    [InlineData("abc", "\"abc\"")]
    [InlineData("a\"b\\c", "\"a\\\"b\\\\c\"")]
    [InlineData("line\nbreak\t", "\"line\\nbreak\\t\"")]
    [InlineData("\u0001", "\"\\x01\"")]
    [InlineData("\u00a0", "\"\\u00a0\"")]
    [InlineData("héllo ✓", "\"héllo ✓\"")]
    public void Quote_matches_strconv_Quote(string input, string expected) => Assert.Equal(expected, GoFormat.Quote(input));

    [Theory]
    [InlineData(0.0, "0")]
    [InlineData(1.0, "1")]
    [InlineData(0.5, "0.5")]
    [InlineData(123456.0, "123456")]
    [InlineData(1000000.0, "1e+06")]
    [InlineData(1234567.0, "1.234567e+06")]
    [InlineData(0.0001, "0.0001")]
    [InlineData(0.00001, "1e-05")]
    [InlineData(-2.5, "-2.5")]
    public void Float_matches_go_percent_v(double value, string expected) => Assert.Equal(expected, GoFormat.Float(value));

    [Fact]
    public void Objects_render_as_go_maps_with_sorted_keys()
    {
        Assert.Equal("map[string]interface {}{\"a\":1, \"b\":\"x\", \"c\":[]interface {}{true, interface {}(nil)}}",
            GoFormat.SharpV(JsonNode.Parse("""{"b":"x","a":1,"c":[true,null]}""")));
        Assert.Equal("\"null\"", GoFormat.BadValue(null));
    }

    [Fact]
    public void FieldError_omits_the_value_where_apimachinery_does()
    {
        Assert.Equal("spec.a: Too long: may not be more than 3 bytes", new FieldError(FieldErrorType.TooLong, "spec.a", "\"abcd\"", "may not be more than 3 bytes").ToString());
        Assert.Equal("spec.l: Too many: 3: must have at most 2 items", new FieldError(FieldErrorType.TooMany, "spec.l", "3", "must have at most 2 items").ToString());
        Assert.Equal("spec.x: Required value", new FieldError(FieldErrorType.Required, "spec.x", null, "").ToString());
        Assert.Equal("spec.x: Forbidden: no", new FieldError(FieldErrorType.Forbidden, "spec.x", "\"v\"", "no").ToString());
        Assert.Equal("spec.x: Duplicate value: \"a\"", new FieldError(FieldErrorType.Duplicate, "spec.x", "\"a\"", "").ToString());
    }
}

