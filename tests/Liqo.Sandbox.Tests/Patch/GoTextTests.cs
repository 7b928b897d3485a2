using Liqo.Sandbox.ApiServer.Patch;
using static Liqo.Sandbox.Tests.Patch.PatchFixtures;

namespace Liqo.Sandbox.Tests.Patch;

/// <summary>The Go renderings the engines put in messages and managedFields keys.</summary>
public class GoTextTests
{
    [Theory]
    [InlineData("80", "80")]
    [InlineData("443.0", "443")]
    [InlineData("0.5", "0.5")]
    [InlineData("123456", "123456")]
    [InlineData("1000000", "1e+06")]
    [InlineData("1234567", "1.234567e+06")]
    [InlineData("0.00001", "1e-05")]
    [InlineData("-2500000", "-2.5e+06")]
    public void NumbersPrintLikeGoPercentV(string json, string expected) => Assert.Equal(expected, GoText.FormatFloat(json));

    [Fact]
    public void MapsPrintWithSortedKeys() =>
        Assert.Equal("map[containerPort:80 list:[x 1] name:http nested:map[a:true]]",
            GoText.Format(Obj("""{"name":"http","nested":{"a":true},"containerPort":80,"list":["x",1]}""")));

    [Fact]
    public void JsonEscapesHtmlLikeEncodingJson() =>
        Assert.Equal("{\"a\":\"x\\u003cy\\u0026z\",\"b\":\"é\"}", GoText.Json(Obj("""{"b":"é","a":"x<y&z"}""")));

    [Fact]
    public void QuoteEscapesLikePercentQ() => Assert.Equal("\"a\\\"b\\\\c\\n\"", GoText.Quote("a\"b\\c\n"));
}
