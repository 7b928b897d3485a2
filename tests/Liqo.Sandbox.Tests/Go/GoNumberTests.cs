using System.Text.Json.Nodes;
using Liqo.Sandbox.ApiServer.Go;

namespace Liqo.Sandbox.Tests.Go;

/// <summary>The Go value a JSON number decodes to, by decoder.</summary>
public sealed class GoNumberTests
{
    [Theory]
    [InlineData("80", 80L)]
    [InlineData("-0", 0L)]
    [InlineData("-9223372036854775808", long.MinValue)]
    public void Unstructured_decoding_keeps_what_ParseInt_takes_as_int64(string json, long expected) =>
        Assert.Equal(expected, Assert.IsType<long>(GoNumber.Decode(JsonNode.Parse(json)!.AsValue(), NumberDecoding.Unstructured)));

    [Theory]
    [InlineData("1.0", 1.0)]
    [InlineData("1e3", 1000.0)]
    [InlineData("0.5", 0.5)]
    [InlineData("9223372036854775808", 9223372036854775808.0)]
    public void Unstructured_decoding_makes_float64_of_the_rest(string json, double expected) =>
        Assert.Equal(expected, Assert.IsType<double>(GoNumber.Decode(JsonNode.Parse(json)!.AsValue(), NumberDecoding.Unstructured)));

    [Theory]
    [InlineData("80", 80.0)]
    [InlineData("1.0", 1.0)]
    public void Decoding_into_interface_makes_float64_of_every_number(string json, double expected) =>
        Assert.Equal(expected, Assert.IsType<double>(GoNumber.Decode(JsonNode.Parse(json)!.AsValue(), NumberDecoding.Float64)));

    // A value built in code decodes as the text it serialises to.
    [Fact]
    public void Values_built_in_code_decode_as_their_text()
    {
        Assert.Equal(2L, GoNumber.Unstructured(JsonValue.Create(2.0)));
        Assert.Equal(7L, GoNumber.Unstructured(JsonValue.Create(7u)));
        Assert.Equal(2.5, GoNumber.Unstructured(JsonValue.Create(2.5)));
        Assert.Equal(3.0, GoNumber.Decode(JsonValue.Create(3), NumberDecoding.Float64));
    }
}
