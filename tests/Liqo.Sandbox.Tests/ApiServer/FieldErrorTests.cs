using System.Text.Json.Nodes;
using Liqo.Sandbox.ApiServer;

namespace Liqo.Sandbox.Tests.ApiServer;

/// <summary>FieldError's message layout and how it renders the bad value.</summary>
public sealed class FieldErrorTests
{
    [Fact]
    public void FieldError_omits_the_value_where_apimachinery_does()
    {
        Assert.Equal("spec.a: Too long: may not be more than 3 bytes", new FieldError(FieldErrorType.TooLong, "spec.a", "\"abcd\"", "may not be more than 3 bytes").ToString());
        Assert.Equal("spec.l: Too many: 3: must have at most 2 items", new FieldError(FieldErrorType.TooMany, "spec.l", "3", "must have at most 2 items").ToString());
        Assert.Equal("spec.x: Required value", new FieldError(FieldErrorType.Required, "spec.x", null, "").ToString());
        Assert.Equal("spec.x: Forbidden: no", new FieldError(FieldErrorType.Forbidden, "spec.x", "\"v\"", "no").ToString());
        Assert.Equal("spec.x: Duplicate value: \"a\"", new FieldError(FieldErrorType.Duplicate, "spec.x", "\"a\"", "").ToString());
    }

    public static TheoryData<string, string> Values => new()
    {
        { "\"a\\tb\"", "\"a\\tb\"" }, { "true", "true" }, { "42", "42" },
        { "1000000", "1000000" }, { "1000000.5", "1.0000005e+06" }, { "2.0", "2" },
        { """{"b":"x","a":1,"c":[true,null]}""", "map[string]interface {}{\"a\":1, \"b\":\"x\", \"c\":[]interface {}{true, interface {}(nil)}}" },
    };

    [Theory]
    [MemberData(nameof(Values))]
    public void The_value_prints_as_field_Error_prints_an_unstructured_value(string json, string expected) =>
        Assert.Equal(expected, FieldError.ValueText(JsonNode.Parse(json)));

    [Fact]
    public void A_missing_value_prints_as_the_string_null() => Assert.Equal("\"null\"", FieldError.ValueText(null));
}
