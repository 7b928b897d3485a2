using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Liqo.Sandbox.ApiServer.Schema;

/// <summary>
/// Renders values the way the API server's Go code prints them in field errors: strings with <c>%q</c>,
/// numbers and booleans with <c>%v</c>, maps and slices of unstructured data with <c>%#v</c>.
/// </summary>
internal static class GoFormat
{
    /// <summary>Go's strconv.Quote.</summary>
    public static string Quote(string s)
    {
        var sb = new StringBuilder(s.Length + 2);
        sb.Append('"');
        for (var i = 0; i < s.Length; i++)
        {
            int rune = s[i];
            if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
            {
                rune = char.ConvertToUtf32(s[i], s[i + 1]);
                i++;
            }
            else if (char.IsSurrogate(s[i]))
            {
                rune = 0xFFFD;
            }
            switch (rune)
            {
                case '"': sb.Append("\\\""); continue;
                case '\\': sb.Append("\\\\"); continue;
                case '\a': sb.Append("\\a"); continue;
                case '\b': sb.Append("\\b"); continue;
                case '\f': sb.Append("\\f"); continue;
                case '\n': sb.Append("\\n"); continue;
                case '\r': sb.Append("\\r"); continue;
                case '\t': sb.Append("\\t"); continue;
                case '\v': sb.Append("\\v"); continue;
            }
            if (IsPrint(rune))
            {
                sb.Append(char.ConvertFromUtf32(rune));
            }
            else if (rune < 0x80)
            {
                sb.Append("\\x").Append(rune.ToString("x2", CultureInfo.InvariantCulture));
            }
            else if (rune < 0x10000)
            {
                sb.Append("\\u").Append(rune.ToString("x4", CultureInfo.InvariantCulture));
            }
            else
            {
                sb.Append("\\U").Append(rune.ToString("x8", CultureInfo.InvariantCulture));
            }
        }
        sb.Append('"');
        return sb.ToString();
    }

    /// <summary>Go's unicode.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space.</summary>
    private static bool IsPrint(int rune)
    {
        if (rune == ' ') return true;
        if (rune < 0x20 || rune == 0x7F) return false;
        var cat = CharUnicodeInfo.GetUnicodeCategory(rune);
        return cat switch
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
            _ => false,
        };
    }

    /// <summary>Go's <c>%v</c> of a float64: strconv's 'g' with the shortest digits (exponent form below 1e-4 and from 1e+06 on).</summary>
    public static string Float(double d)
    {
        if (double.IsNaN(d)) return "NaN";
        if (double.IsPositiveInfinity(d)) return "+Inf";
        if (double.IsNegativeInfinity(d)) return "-Inf";
        if (d == 0) return double.IsNegative(d) ? "-0" : "0";
        // Shortest round-trip digits and decimal exponent.
        var shortest = d.ToString("R", CultureInfo.InvariantCulture);
        // Normalise the shortest form into digits + exponent.
        var neg = shortest.StartsWith('-');
        var body = neg ? shortest[1..] : shortest;
        int exp;
        string mantissa;
        var ePos = body.IndexOfAny(['E', 'e']);
        if (ePos >= 0)
        {
            mantissa = body[..ePos];
            exp = int.Parse(body[(ePos + 1)..], CultureInfo.InvariantCulture);
        }
        else
        {
            mantissa = body;
            exp = 0;
        }
        var dot = mantissa.IndexOf('.');
        var intPart = dot >= 0 ? mantissa[..dot] : mantissa;
        var fracPart = dot >= 0 ? mantissa[(dot + 1)..] : "";
        var digits = (intPart + fracPart).TrimStart('0');
        var leadingZeros = (intPart + fracPart).Length - digits.Length;
        digits = digits.TrimEnd('0');
        if (digits.Length == 0) digits = "0";
        // decimal point position relative to the digit string
        var dp = intPart.Length - leadingZeros + exp;
        var x = dp - 1;
        string result;
        if (x < -4 || x >= 6)
        {
            var m = digits.Length > 1 ? digits[0] + "." + digits[1..] : digits;
            result = m + "e" + (x < 0 ? "-" : "+") + Math.Abs(x).ToString("00", CultureInfo.InvariantCulture);
        }
        else if (dp <= 0)
        {
            result = "0." + new string('0', -dp) + digits;
        }
        else if (dp >= digits.Length)
        {
            result = digits + new string('0', dp - digits.Length);
        }
        else
        {
            result = digits[..dp] + "." + digits[dp..];
        }
        return neg ? "-" + result : result;
    }

    /// <summary>
    /// A value as <c>field.Error</c> prints it after the type words: <c>"text"</c>, <c>42</c>, <c>true</c>,
    /// <c>"null"</c> for a missing value, <c>map[string]interface {}{...}</c> for objects.
    /// </summary>
    public static string BadValue(JsonNode? node) => Json.KindOf(node) switch
    {
        JsonKind.Null => Quote("null"),
        JsonKind.String => Quote(Json.GetString(node!)),
        JsonKind.Integer => Json.GetLong(node!).ToString(CultureInfo.InvariantCulture),
        JsonKind.Number => Float(Json.GetDouble(node!)),
        JsonKind.Boolean => Json.GetBool(node!) ? "true" : "false",
        _ => SharpV(node),
    };

    /// <summary>Go's <c>%#v</c> of an unstructured value.</summary>
    public static string SharpV(JsonNode? node)
    {
        var sb = new StringBuilder();
        WriteSharpV(sb, node, topLevel: true);
        return sb.ToString();
    }

    private static void WriteSharpV(StringBuilder sb, JsonNode? node, bool topLevel)
    {
        switch (Json.KindOf(node))
        {
            case JsonKind.Null:
                sb.Append("interface {}(nil)");
                break;
            case JsonKind.String:
                sb.Append(Quote(Json.GetString(node!)));
                break;
            case JsonKind.Integer:
                sb.Append(Json.GetLong(node!).ToString(CultureInfo.InvariantCulture));
                break;
            case JsonKind.Number:
                sb.Append(Float(Json.GetDouble(node!)));
                break;
            case JsonKind.Boolean:
                sb.Append(Json.GetBool(node!) ? "true" : "false");
                break;
            case JsonKind.Array:
                sb.Append("[]interface {}{");
                var first = true;
                foreach (var item in (JsonArray)node!)
                {
                    if (!first) sb.Append(", ");
                    first = false;
                    WriteSharpV(sb, item, false);
                }
                sb.Append('}');
                break;
            case JsonKind.Object:
                sb.Append("map[string]interface {}{");
                var firstKey = true;
                foreach (var (k, v) in ((JsonObject)node!).OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    if (!firstKey) sb.Append(", ");
                    firstKey = false;
                    sb.Append(Quote(k)).Append(':');
                    WriteSharpV(sb, v, false);
                }
                sb.Append('}');
                break;
        }
        _ = topLevel;
    }
}
