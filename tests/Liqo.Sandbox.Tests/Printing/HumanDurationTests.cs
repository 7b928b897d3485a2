using Liqo.Sandbox.ApiServer.Printing;

namespace Liqo.Sandbox.Tests.Printing;

public class HumanDurationTests
{
    // The cases of apimachinery's duration_test.go TestHumanDuration, plus the boundaries of each branch.
    [Theory]
    [InlineData(-2_000, "<invalid>")]
    [InlineData(-1_999, "0s")]
    [InlineData(-1_000, "0s")]
    [InlineData(-1, "0s")]
    [InlineData(0, "0s")]
    [InlineData(999, "0s")]
    [InlineData(1_000, "1s")]
    [InlineData(59_000, "59s")]
    [InlineData(60_000, "60s")]
    [InlineData(119_999, "119s")]
    [InlineData(120_000, "2m")]
    [InlineData(121_000, "2m1s")]
    [InlineData(200_000, "3m20s")]
    [InlineData(300_000, "5m")]
    [InlineData(599_999, "9m59s")]
    [InlineData(600_000, "10m")]
    [InlineData(3_600_000, "60m")]
    [InlineData(10_799_000, "179m")]
    [InlineData(10_800_000, "3h")]
    [InlineData(10_860_000, "3h1m")]
    [InlineData(28_799_000, "7h59m")]
    [InlineData(28_800_000, "8h")]
    [InlineData(172_799_000, "47h")]
    [InlineData(172_800_000, "2d")]
    [InlineData(183_600_000, "2d3h")]
    [InlineData(691_200_000, "8d")]
    [InlineData(604_800_000, "7d")]
    [InlineData(608_400_000, "7d1h")]
    [InlineData(34_560_000_000, "400d")]
    [InlineData(63_071_999_000, "729d")]
    [InlineData(63_072_000_000, "2y")]
    [InlineData(63_158_400_000, "2y1d")]
    [InlineData(94_608_000_000, "3y")]
    [InlineData(252_287_999_000, "7y364d")]
    [InlineData(252_288_000_000, "8y")]
    [InlineData(3_153_600_000_000, "100y")]
    public void MatchesKubernetes(long milliseconds, string expected)
    {
        Assert.Equal(expected, TablePrinters.HumanDuration(TimeSpan.FromMilliseconds(milliseconds)));
    }
}
