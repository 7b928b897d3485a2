using Liqo.Sandbox.ApiServer;
using Liqo.Sandbox.ApiServer.Go;

namespace Liqo.Sandbox.Tests.Go;

/// <summary>strconv.Quote (Go's %q), as the API server quotes names and values in its messages.</summary>
public sealed class StrconvTests
{
    public static TheoryData<string, string> Quoted => new()
    {
        { "abc", "\"abc\"" }, { "a\"b\\c", "\"a\\\"b\\\\c\"" }, { "a\"b\\c\n", "\"a\\\"b\\\\c\\n\"" },
        { "line\nbreak\t", "\"line\\nbreak\\t\"" }, { "\u0001", "\"\\x01\"" }, { "\u007f", "\"\\x7f\"" },
        { "\u00a0", "\"\\u00a0\"" }, { "héllo ✓", "\"héllo ✓\"" },
    };

    // Runes strconv.IsPrint rejects: spaces other than U+0020, line separators, format and private-use characters,
    // unassigned code points; and some it accepts.
    public static TheoryData<string, string> Runes => new()
    {
        { "\u00a0", "\\u00a0" }, { "\u200b", "\\u200b" }, { "\u2028", "\\u2028" }, { "\u3000", "\\u3000" }, { "\ue000", "\\ue000" },
        { "\U000e0001", "\\U000e0001" }, { "\U0010ffff", "\\U0010ffff" }, { "😀", "😀" }, { "日本", "日本" },
    };

    [Theory]
    [MemberData(nameof(Quoted))]
    public void Quote_matches_strconv_Quote(string input, string expected) => Assert.Equal(expected, Strconv.Quote(input));

    // The strategic-merge-patch copy wrote \x07, \x08, \x0c and \x0b here: appendEscapedRune has short escapes for all seven.
    [Fact]
    public void Bell_backspace_form_feed_and_vertical_tab_have_short_escapes() =>
        Assert.Equal("\"\\a\\b\\f\\v\\r\"", Strconv.Quote("\a\b\f\v\r"));

    // The strategic-merge-patch copy passed every non-ASCII character through.
    [Theory]
    [MemberData(nameof(Runes))]
    public void Runes_stand_as_themselves_only_when_go_finds_them_printable(string input, string body) =>
        Assert.Equal("\"" + body + "\"", Strconv.Quote(input));

    // Go's decoder turns a lone surrogate escape into U+FFFD, which is printable; the strategic-merge-patch copy wrote the surrogate.
    [Fact]
    public void A_lone_surrogate_prints_as_the_replacement_character() =>
        Assert.Equal("\"a\uFFFDb\"", Strconv.Quote("a\uD800b"));

    // Json.Quote, used for most messages, escaped only the quote and the backslash; apimachinery's errors use %q.
    [Fact]
    public void Api_errors_quote_names_with_percent_q() =>
        Assert.Equal("pods \"a\\nb\\u00a0\" not found", ApiErrors.NotFound("", "pods", "a\nb\u00a0").Message);
}
