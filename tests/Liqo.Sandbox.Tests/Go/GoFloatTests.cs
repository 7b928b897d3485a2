using Liqo.Sandbox.ApiServer.Go;

namespace Liqo.Sandbox.Tests.Go;

/// <summary>A float64 as fmt's %v and as encoding/json write it.</summary>
public sealed class GoFloatTests
{
    public static TheoryData<double, string> PercentV => new()
    {
        { 0.0, "0" }, { 1.0, "1" }, { 0.5, "0.5" }, { 443.0, "443" }, { 123456.0, "123456" }, { -2.5, "-2.5" },
        { 1000000.0, "1e+06" }, { 1234567.0, "1.234567e+06" }, { -2500000.0, "-2.5e+06" }, { 1e21, "1e+21" },
        { 0.0001, "0.0001" }, { 0.00001, "1e-05" }, { 1.5e-300, "1.5e-300" },
        { double.PositiveInfinity, "+Inf" }, { double.NegativeInfinity, "-Inf" }, { double.NaN, "NaN" },
    };

    // encoding/json's floatEncoder: 'f' from 1e-6 up to 1e21, 'e' outside, with "e-07" cleaned up to "e-7".
    public static TheoryData<double, string> EncodingJson => new()
    {
        { 0.0, "0" }, { 1.0, "1" }, { 1000000.0, "1000000" }, { 0.5, "0.5" }, { 0.000001, "0.000001" },
        { 0.0000001, "1e-7" }, { 1.5e-10, "1.5e-10" }, { 1e20, "100000000000000000000" }, { 1e21, "1e+21" }, { -1.25e22, "-1.25e+22" },
    };

    [Theory]
    [MemberData(nameof(PercentV))]
    public void FormatV_matches_go_percent_v(double value, string expected) => Assert.Equal(expected, GoFloat.FormatV(value));

    [Theory]
    [MemberData(nameof(EncodingJson))]
    public void FormatJson_matches_encoding_json(double value, string expected) => Assert.Equal(expected, GoFloat.FormatJson(value));

    // The strategic-merge-patch copy printed "0": strconv keeps the sign of a negative zero, and Go's decoder makes -0 of "-0".
    [Fact]
    public void Negative_zero_keeps_its_sign()
    {
        Assert.Equal("-0", GoFloat.FormatV(-0.0));
        Assert.Equal("-0", GoFloat.FormatJson(-0.0));
    }

    [Fact]
    public void FormatJson_refuses_what_encoding_json_refuses() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => GoFloat.FormatJson(double.PositiveInfinity));
}
