using System.Globalization;
using System.Text;

namespace Liqo.Sandbox.ApiServer.Go;

/// <summary>
/// Go's strconv.Quote, which is also what the <c>%q</c> verb and <c>%#v</c> of a string print: the API server quotes
/// names and values with it in its messages (<c>pods "a b" not found</c>, <c>Invalid value: "x\ty"</c>).
/// </summary>
internal static class Strconv
{
    /// <summary>
    /// <paramref name="value"/> in double quotes with Go's escapes: <c>\"</c> and <c>\\</c>; <c>\a \b \f \n \r \t \v</c>;
    /// other ASCII controls and DEL as <c>\x7f</c>; every other rune that is not printable in Go's sense (letters, marks,
    /// numbers, punctuation, symbols and the ASCII space) as <c>\u00a0</c> or <c>\U000e0001</c>. A lone surrogate stands
    /// for U+FFFD, the rune Go's JSON decoder makes of it, which prints as itself.
    /// </summary>
    public static string Quote(string value)
    {
        var sb = new StringBuilder(value.Length + 2);
        sb.Append('"');
        foreach (var rune in value.EnumerateRunes())
            AppendRune(sb, rune);
        return sb.Append('"').ToString();
    }

    // The controls with a one-letter escape, and their letters.
    private const string Controls = "\a\b\f\n\r\t\v";
    private const string ControlLetters = "abfnrtv";

    // appendEscapedRune: the quote and the backslash get a backslash, a printable rune stands as itself, then the
    // one-letter escapes, \x for the other ASCII controls, \u or \U for the rest.
    private static void AppendRune(StringBuilder sb, Rune rune)
    {
        var code = rune.Value;
        if (code is '"' or '\\')
        {
            sb.Append('\\').Append((char)code);
            return;
        }
        if (IsPrint(rune))
        {
            sb.Append(rune.ToString());
            return;
        }
        var letter = code < 0x80 ? Controls.IndexOf((char)code) : -1;
        if (letter >= 0)
            sb.Append('\\').Append(ControlLetters[letter]);
        else if (code < 0x80)
            sb.Append("\\x").Append(code.ToString("x2", CultureInfo.InvariantCulture));
        else if (code < 0x10000)
            sb.Append("\\u").Append(code.ToString("x4", CultureInfo.InvariantCulture));
        else
            sb.Append("\\U").Append(code.ToString("x8", CultureInfo.InvariantCulture));
    }

    /// <summary>strconv.IsPrint (= unicode.IsPrint): categories L, M, N, P and S, plus U+0020 as the only space.</summary>
    private static bool IsPrint(Rune rune) => Rune.GetUnicodeCategory(rune) switch
    {
        UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
            or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter => true,
        UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark => true,
        UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber => true,
        UnicodeCategory.ConnectorPunctuation or UnicodeCategory.DashPunctuation or UnicodeCategory.OpenPunctuation
            or UnicodeCategory.ClosePunctuation or UnicodeCategory.InitialQuotePunctuation
            or UnicodeCategory.FinalQuotePunctuation or UnicodeCategory.OtherPunctuation => true,
        UnicodeCategory.MathSymbol or UnicodeCategory.CurrencySymbol or UnicodeCategory.ModifierSymbol
            or UnicodeCategory.OtherSymbol => true,
        UnicodeCategory.SpaceSeparator => rune.Value == ' ',
        _ => false,
    };
}
