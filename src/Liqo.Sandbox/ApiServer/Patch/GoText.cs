using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Liqo.Sandbox.ApiServer.Patch;

/// <summary>
/// Renders JSON values the way the Go code of the API server prints them, so that messages and managedFields keys
/// read like the real ones: <c>%q</c> strings, <c>%v</c> of decoded JSON (<c>map[a:1 b:x]</c>), and Go's
/// <c>encoding/json</c> output (HTML characters escaped, non-ASCII kept).
/// </summary>
internal static class GoText
{
    /// <summary>Go's <c>%q</c> of a string.</summary>
    public static string Quote(string s)
    {
        var sb = new StringBuilder(s.Length + 2);
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
                default:
                    if (c < 0x20 || c == 0x7f) sb.Append("\\x").Append(((int)c).ToString("x2", CultureInfo.InvariantCulture));
                    else sb.Append(c);
                    break;
            }
        }
        sb.Append('"');
        return sb.ToString();
    }

    /// <summary>Go's <c>%v</c> of a value decoded from JSON into <c>interface{}</c>.</summary>
    public static string Format(JsonNode? node)
    {
        switch (node)
        {
            case null:
                return "<nil>";
            case JsonObject o:
                var keys = o.Select(p => p.Key).OrderBy(k => k, StringComparer.Ordinal);
                return "map[" + string.Join(" ", keys.Select(k => k + ":" + Format(o[k]))) + "]";
            case JsonArray a:
                return "[" + string.Join(" ", a.Select(Format)) + "]";
            default:
                return JsonEquality.Kind(node) switch
                {
                    JsonValueKind.String => node.GetValue<string>(),
                    JsonValueKind.True => node.GetValue<bool>() ? "true" : "false",
                    JsonValueKind.Number => FormatFloat(node.ToJsonString()),
                    _ => node.ToJsonString(),
                };
        }
    }

    /// <summary>A number as Go prints a float64 with <c>%v</c>: shortest digits, exponent form below 1e-4 or from 1e+06.</summary>
    public static string FormatFloat(string jsonNumber)
    {
        if (!double.TryParse(jsonNumber, NumberStyles.Float, CultureInfo.InvariantCulture, out var d)) return jsonNumber;
        if (d == 0) return "0";
        var r = Math.Abs(d).ToString("R", CultureInfo.InvariantCulture);
        string digits;
        int point;
        var e = r.IndexOfAny(['E', 'e']);
        if (e >= 0)
        {
            var mantissa = r[..e];
            var exponent = int.Parse(r[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            var dot = mantissa.IndexOf('.');
            digits = mantissa.Replace(".", "", StringComparison.Ordinal);
            point = (dot < 0 ? mantissa.Length : dot) + exponent;
        }
        else
        {
            var dot = r.IndexOf('.');
            digits = r.Replace(".", "", StringComparison.Ordinal);
            point = dot < 0 ? r.Length : dot;
        }
        var lead = digits.Length - digits.TrimStart('0').Length;
        digits = digits.Trim('0');
        point -= lead;
        var exp = point - 1;
        var sign = d < 0 ? "-" : "";
        if (exp < -4 || exp >= 6)
        {
            var m = digits.Length > 1 ? digits[0] + "." + digits[1..] : digits;
            return sign + m + "e" + (exp < 0 ? "-" : "+") + Math.Abs(exp).ToString("00", CultureInfo.InvariantCulture);
        }
        return sign + r;
    }

    /// <summary>A JSON string literal as Go's <c>encoding/json</c> writes it (escapes <c>&lt; &gt; &amp;</c>, keeps non-ASCII).</summary>
    public static string JsonString(string s)
    {
        var sb = new StringBuilder(s.Length + 2);
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
                case '<' or '>' or '&' or '\u2028' or '\u2029':
                    sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    break;
                default:
                    if (c < 0x20) sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    else sb.Append(c);
                    break;
            }
        }
        sb.Append('"');
        return sb.ToString();
    }

    /// <summary>Compact JSON as Go's <c>encoding/json</c> writes a decoded value: object keys sorted, HTML escaped.</summary>
    public static string Json(JsonNode? node)
    {
        var sb = new StringBuilder();
        WriteJson(sb, node);
        return sb.ToString();
    }

    private static void WriteJson(StringBuilder sb, JsonNode? node)
    {
        switch (node)
        {
            case null:
                sb.Append("null");
                break;
            case JsonObject o:
                sb.Append('{');
                var first = true;
                foreach (var key in o.Select(p => p.Key).OrderBy(k => k, StringComparer.Ordinal))
                {
                    if (!first) sb.Append(',');
                    first = false;
                    sb.Append(JsonString(key)).Append(':');
                    WriteJson(sb, o[key]);
                }
                sb.Append('}');
                break;
            case JsonArray a:
                sb.Append('[');
                for (var i = 0; i < a.Count; i++)
                {
                    if (i > 0) sb.Append(',');
                    WriteJson(sb, a[i]);
                }
                sb.Append(']');
                break;
            default:
                if (JsonEquality.Kind(node) == JsonValueKind.String) sb.Append(JsonString(node.GetValue<string>()));
                else sb.Append(node.ToJsonString());
                break;
        }
    }
}
