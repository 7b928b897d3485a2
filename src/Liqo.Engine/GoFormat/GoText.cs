using System.Globalization;
using System.Text;

namespace Liqo.Engine.GoFormat;

/// <summary>Go's fmt formatting that liqoctl's messages and <c>--get</c> output rely on: %v (fmt.Sprint) and %q.</summary>
internal static class GoText
{
    /// <summary>fmt.Sprint of a value: strings bare, a pointer to a struct as &amp;{...}, slices as [a b].</summary>
    public static string Sprint(GoValue value) => value switch
    {
        GoPointer { Target: null } => "<nil>",
        GoPointer p => "&" + Sprint(p.Target),
        _ => SprintValue(value),
    };

    private static string SprintValue(GoValue value) => value switch
    {
        GoString s => s.Value,
        GoBool b => b.Value ? "true" : "false",
        GoInt i => i.Value.ToString(CultureInfo.InvariantCulture),
        GoSlice s => "[" + string.Join(" ", (s.Items ?? []).Select(SprintValue)) + "]",
        GoMap m => "map[" + string.Join(" ", (m.Entries ?? []).OrderBy(e => e.Key, Utf8Ordinal.Instance).Select(e => e.Key + ":" + SprintValue(e.Value))) + "]",
        GoStruct st => "{" + string.Join(" ", st.Fields.Select(f => SprintValue(f.Value))) + "}",
        GoPointer { Target: null } => "<nil>",
        GoPointer => "0xc000000000", // a nested pointer prints its address in Go; liqoctl's reports have none
        _ => value.ToString() ?? "",
    };

    /// <summary>strconv.Quote (the %q verb).</summary>
    public static string Quote(string s)
    {
        var sb = new StringBuilder("\"");
        foreach (var r in s.EnumerateRunes())
        {
            var c = r.Value;
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\a': sb.Append("\\a"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '\v': sb.Append("\\v"); break;
                default:
                    if (c < 0x20 || c == 0x7F) sb.Append("\\x").Append(c.ToString("x2", CultureInfo.InvariantCulture));
                    else if (c < 0x80 || IsPrint(r)) sb.Append(r.ToString());
                    else if (c <= 0xFFFF) sb.Append("\\u").Append(c.ToString("x4", CultureInfo.InvariantCulture));
                    else sb.Append("\\U").Append(c.ToString("x8", CultureInfo.InvariantCulture));
                    break;
            }
        }
        return sb.Append('"').ToString();
    }

    // Go's unicode.IsPrint, which strconv.Quote uses: letters, marks, numbers, punctuation, symbols and the ASCII space
    // only (IsGraphic, which would keep U+00A0 or U+3000, is QuoteToGraphic's).
    private static bool IsPrint(Rune r) => Rune.GetUnicodeCategory(r) switch
    {
        UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse
            or UnicodeCategory.OtherNotAssigned or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator => false,
        UnicodeCategory.SpaceSeparator => r.Value == 0x20,
        _ => true,
    };
}
