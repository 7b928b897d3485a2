using Liqo.Engine.GoFormat;

namespace Liqo.Engine.Tests.GoFormat;

/// <summary>resource.Quantity's canonical form, which liqoctl prints for every ResourceList.</summary>
public class GoQuantityTests
{
    [Theory]
    [InlineData("4", "4")]
    [InlineData("8Gi", "8Gi")]
    [InlineData("110", "110")]
    [InlineData("20Gi", "20Gi")]
    [InlineData("1000", "1k")]
    [InlineData("1000m", "1")]
    [InlineData("16000m", "16")]
    [InlineData("0.5", "500m")]
    [InlineData("1.5", "1500m")]
    [InlineData("100m", "100m")]
    [InlineData("1.5Gi", "1536Mi")]
    [InlineData("4096Mi", "4Gi")]
    [InlineData("65536Mi", "64Gi")]
    [InlineData("2000Mi", "2000Mi")]
    [InlineData("1024", "1024")]
    [InlineData("1Ki", "1Ki")]
    [InlineData("0.5Ki", "512")]
    [InlineData("1e3", "1e3")]
    [InlineData("1E6", "1e6")]
    [InlineData("0", "0")]
    [InlineData("0Gi", "0")]
    [InlineData("1n", "1n")]
    [InlineData("0.1n", "1n")]
    [InlineData("12345", "12345")]
    [InlineData("1200M", "1200M")]
    [InlineData("1.2G", "1200M")]
    [InlineData("-2", "-2")]
    [InlineData("not-a-quantity", "not-a-quantity")]
    [InlineData("", "")]
    public void WritesQuantitiesAsGoDoes(string input, string canonical) => Assert.Equal(canonical, GoQuantity.Canonical(input));
}
