using System.Text;
using Liqo.Sandbox.ApiServer.Go;

namespace Liqo.Sandbox.Tests.Go;

/// <summary>Go's string order is the order of the UTF-8 bytes.</summary>
public sealed class GoStringOrderTests
{
    [Fact]
    public void Orders_like_the_utf8_bytes()
    {
        string[] words = ["", "a", "ab", "b", "z", "é", "\u0800", "\ud7ff", "\ue000", "\uffff", "😀", "😀a", "\U0010ffff", "a\ue000", "a😀"];
        var byGo = words.Order(GoStringOrder.Instance).ToList();
        var byBytes = words.OrderBy(w => Convert.ToHexString(Encoding.UTF8.GetBytes(w)), StringComparer.Ordinal).ToList();
        Assert.Equal(byBytes, byGo);
        Assert.NotEqual(words.Order(StringComparer.Ordinal).ToList(), byGo);
    }
}
