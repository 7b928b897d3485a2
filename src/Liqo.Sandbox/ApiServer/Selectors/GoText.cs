using System.Globalization;
using System.Text;

namespace Liqo.Sandbox.ApiServer.Selectors;

/// <summary>
/// Go's <c>%q</c> quoting (strconv.Quote), used wherever the API server's messages quote a value:
/// field errors read <c>Invalid value: "a b"</c> with Go escapes for quotes, backslashes and control characters.
/// </summary>
internal static class GoText
{
    public static string Quote(string value)
    {
        var sb = new StringBuilder(value.Length + 2);
        sb.Append('"');
        foreach (var rune in value.EnumerateRunes())
        {
            switch (rune.Value)
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
                    if (rune.Value < 0x20 || rune.Value == 0x7f)
                        sb.Append("\\x").Append(rune.Value.ToString("x2", CultureInfo.InvariantCulture));
                    else if (IsPrintable(rune))
                        sb.Append(rune.ToString());
                    else if (rune.Value < 0x10000)
                        sb.Append("\\u").Append(rune.Value.ToString("x4", CultureInfo.InvariantCulture));
                    else
                        sb.Append("\\U").Append(rune.Value.ToString("x8", CultureInfo.InvariantCulture));
                    break;
            }
        }
        sb.Append('"');
        return sb.ToString();
    }

    /// <summary>Number of bytes Go's <c>len()</c> reports for the string (UTF-8).</summary>
    public static int ByteLength(string value) => Encoding.UTF8.GetByteCount(value);

    private static bool IsPrintable(Rune rune)
    {
        var category = Rune.GetUnicodeCategory(rune);
        return category switch
        {
            UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate or
            UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned or
            UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator => false,
            UnicodeCategory.SpaceSeparator => rune.Value == ' ',
            _ => true,
        };
    }
}
