using Liqo.Engine.GoFormat;

namespace Liqo.Engine.Tests.GoFormat;

/// <summary>strconv.Quote, as liqoctl's %q messages print a cluster ID or a -Get field.</summary>
public class GoTextTests
{
    [Theory]
    [InlineData("milan", "\"milan\"")]
    [InlineData("a\"b\\c", "\"a\\\"b\\\\c\"")]
    [InlineData("tab\there\n", "\"tab\\there\\n\"")]
    [InlineData("\u0007\u001b\u007f", "\"\\a\\x1b\\x7f\"")]
    [InlineData("caffè ☕", "\"caffè ☕\"")] // printable runes stay
    [InlineData("a\u00a0b\u3000c", "\"a\\u00a0b\\u3000c\"")] // Go's IsPrint: no space but U+0020 (QuoteToGraphic would keep them)
    [InlineData("zero\u200bwidth", "\"zero\\u200bwidth\"")] // format characters are escaped
    [InlineData("\U0001F600", "\"\U0001F600\"")]
    [InlineData("\U000E0001", "\"\\U000e0001\"")] // a tag character (format) beyond the BMP
    public void Quote_escapes_what_Go_escapes(string value, string quoted) => Assert.Equal(quoted, GoText.Quote(value));
}
