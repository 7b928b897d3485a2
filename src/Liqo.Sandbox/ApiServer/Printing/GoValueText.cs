using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Liqo.Sandbox.ApiServer.Printing;

/// <summary>
/// How the API server (Go) turns decoded JSON values into text: numbers decode as int64 when integral and as float64
/// otherwise; scalars print with fmt's %v and maps/arrays with encoding/json (compact, keys sorted, HTML escaped).
/// This is what a CRD printer column of type string shows for a JSONPath result.
/// </summary>
internal static class GoValueText
{
    /// <summary>The JSON number as Go's unstructured decoding sees it: int64 when it parses as one, float64 otherwise.</summary>
    public static object Number(JsonValue value)
    {
        var raw = value.ToJsonString();
        if (long.TryParse(raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer) && IsGoInteger(raw))
            return integer;
        return double.Parse(raw, NumberStyles.Float, CultureInfo.InvariantCulture);
    }

    /// <summary>jsonpath PrintResults for one value: strings as they are, other scalars with %v, maps and arrays as JSON.</summary>
    public static string Print(JsonNode node) => node switch
    {
        JsonObject or JsonArray => Marshal(node),
        JsonValue value => value.GetValueKind() switch
        {
            JsonValueKind.String => value.GetValue<string>(),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            JsonValueKind.Number => Number(value) switch
            {
                long l => l.ToString(CultureInfo.InvariantCulture),
                double d => FormatFloatV(d),
                var other => Convert.ToString(other, CultureInfo.InvariantCulture) ?? "",
            },
            _ => "<no value>",
        },
        _ => "<no value>",
    };

    /// <summary>encoding/json.Marshal of a decoded value: compact, object keys sorted by their UTF-8 bytes, HTML characters escaped.</summary>
    public static string Marshal(JsonNode? node)
    {
        var sb = new StringBuilder();
        Marshal(node, sb);
        return sb.ToString();
    }

    private static void Marshal(JsonNode? node, StringBuilder sb)
    {
        switch (node)
        {
            case null:
                sb.Append("null");
                break;
            case JsonObject obj:
                sb.Append('{');
                var first = true;
                foreach (var (key, child) in obj.OrderBy(p => p.Key, Utf8Order.Instance))
                {
                    if (!first)
                        sb.Append(',');
                    first = false;
                    MarshalString(key, sb);
                    sb.Append(':');
                    Marshal(child, sb);
                }
                sb.Append('}');
                break;
            case JsonArray array:
                sb.Append('[');
                for (var i = 0; i < array.Count; i++)
                {
                    if (i > 0)
                        sb.Append(',');
                    Marshal(array[i], sb);
                }
                sb.Append(']');
                break;
            case JsonValue value:
                switch (value.GetValueKind())
                {
                    case JsonValueKind.String:
                        MarshalString(value.GetValue<string>(), sb);
                        break;
                    case JsonValueKind.Number:
                        sb.Append(Number(value) switch
                        {
                            long l => l.ToString(CultureInfo.InvariantCulture),
                            double d => FormatFloatJson(d),
                            var other => Convert.ToString(other, CultureInfo.InvariantCulture),
                        });
                        break;
                    case JsonValueKind.True:
                        sb.Append("true");
                        break;
                    case JsonValueKind.False:
                        sb.Append("false");
                        break;
                    default:
                        sb.Append("null");
                        break;
                }
                break;
        }
    }

    private static void MarshalString(string s, StringBuilder sb)
    {
        const string hex = "0123456789abcdef";
        sb.Append('"');
        foreach (var c in s)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                case '<' or '>' or '&' or '\u2028' or '\u2029':
                    sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    break;
                default:
                    if (c < 0x20)
                        sb.Append("\\u00").Append(hex[c >> 4]).Append(hex[c & 0xf]);
                    else
                        sb.Append(c);
                    break;
            }
        }
        sb.Append('"');
    }

    // strconv.ParseInt(s, 10, 64) accepts an optional sign and decimal digits only.
    private static bool IsGoInteger(string raw)
    {
        var digits = raw.StartsWith('-') || raw.StartsWith('+') ? raw[1..] : raw;
        return digits.Length > 0 && digits.All(char.IsAsciiDigit);
    }

    /// <summary>fmt's %v for a float64: strconv 'g' with the shortest digits, switching to an exponent below 1e-4 or from 1e21... (precision 6 rule).</summary>
    public static string FormatFloatV(double value)
    {
        if (double.IsNaN(value))
            return "NaN";
        if (double.IsInfinity(value))
            return value > 0 ? "+Inf" : "-Inf";
        var (negative, digits, point) = ShortestDigits(value);
        var exp = point - 1;
        var body = digits.Length == 0 ? "0" : exp < -4 || exp >= 6 ? FormatE(digits, point) : FormatF(digits, point);
        return negative ? "-" + body : body;
    }

    /// <summary>encoding/json's float64 form: shortest 'f' digits, or 'e' below 1e-6 and from 1e21 (with e-07 shortened to e-7).</summary>
    public static string FormatFloatJson(double value)
    {
        var (negative, digits, point) = ShortestDigits(value);
        var abs = Math.Abs(value);
        string body;
        if (digits.Length == 0)
            body = "0";
        else if (abs < 1e-6 || abs >= 1e21)
        {
            body = FormatE(digits, point);
            var n = body.Length;
            if (n >= 4 && body[n - 4] == 'e' && body[n - 3] == '-' && body[n - 2] == '0')
                body = body[..(n - 2)] + body[n - 1];
        }
        else
            body = FormatF(digits, point);
        return negative ? "-" + body : body;
    }

    // The shortest round-trip decimal digits of |value| and the position of the decimal point (value = 0.digits × 10^point).
    private static (bool Negative, string Digits, int Point) ShortestDigits(double value)
    {
        var negative = double.IsNegative(value);
        var text = Math.Abs(value).ToString("R", CultureInfo.InvariantCulture);
        var exponent = 0;
        var e = text.IndexOfAny(['E', 'e']);
        if (e >= 0)
        {
            exponent = int.Parse(text[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            text = text[..e];
        }
        var dot = text.IndexOf('.');
        var integerPart = dot >= 0 ? text[..dot] : text;
        var fraction = dot >= 0 ? text[(dot + 1)..] : "";
        var all = integerPart + fraction;
        var point = integerPart.Length + exponent;
        var leading = 0;
        while (leading < all.Length && all[leading] == '0')
            leading++;
        all = all[leading..];
        point -= leading;
        all = all.TrimEnd('0');
        if (all.Length == 0)
            point = 0;
        return (negative, all, point);
    }

    private static string FormatE(string digits, int point)
    {
        var sb = new StringBuilder();
        sb.Append(digits[0]);
        if (digits.Length > 1)
            sb.Append('.').Append(digits, 1, digits.Length - 1);
        var exp = point - 1;
        sb.Append('e').Append(exp < 0 ? '-' : '+');
        exp = Math.Abs(exp);
        if (exp < 10)
            sb.Append('0');
        sb.Append(exp.ToString(CultureInfo.InvariantCulture));
        return sb.ToString();
    }

    private static string FormatF(string digits, int point)
    {
        var sb = new StringBuilder();
        if (point > 0)
        {
            for (var i = 0; i < point; i++)
                sb.Append(i < digits.Length ? digits[i] : '0');
        }
        else
            sb.Append('0');
        var fractionDigits = Math.Max(digits.Length - point, 0);
        if (fractionDigits > 0)
        {
            sb.Append('.');
            for (var i = 0; i < fractionDigits; i++)
            {
                var index = point + i;
                sb.Append(index >= 0 && index < digits.Length ? digits[index] : '0');
            }
        }
        return sb.ToString();
    }

    private sealed class Utf8Order : IComparer<string>
    {
        public static readonly Utf8Order Instance = new();

        public int Compare(string? x, string? y) =>
            Encoding.UTF8.GetBytes(x ?? "").AsSpan().SequenceCompareTo(Encoding.UTF8.GetBytes(y ?? ""));
    }
}
