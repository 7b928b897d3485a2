using Liqo.Engine.Lifecycle;

namespace Liqo.Engine.Tests.Lifecycle;

public class ResourceAmountTests
{
    [Theory]
    [InlineData("100m", 0.1)]
    [InlineData("2", 2)]
    [InlineData("1Ki", 1024)]
    [InlineData("512Mi", 536870912)]
    [InlineData("1G", 1000000000)]
    [InlineData("1e3", 1000)]
    [InlineData("nonsense", 0)]
    public void Quantities_are_read_as_Kubernetes_writes_them(string text, double expected) =>
        Assert.Equal((decimal)expected, ResourceAmount.Parse(text));
}
