using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Liqo.Engine.GoFormat;

/// <summary>
/// Go's encoding/json as liqoctl uses it: <see cref="ToNode"/> applies json tags, omitempty and sorted map keys (a
/// struct keeps its field order), <see cref="MarshalIndent"/> prints like <c>json.MarshalIndent(v, "", "  ")</c>, HTML
/// characters escaped as Go escapes them.
/// </summary>
internal static class GoJson
{
    public static string MarshalIndent(GoValue value) => Write(ToNode(value));

    /// <summary>The JSON document Go would produce, as nodes (object members in Go's output order).</summary>
    public static JsonNode? ToNode(GoValue value)
    {
        switch (value)
        {
            case GoString s:
                return JsonValue.Create(s.Value);
            case GoBool b:
                return JsonValue.Create(b.Value);
            case GoInt i:
                return JsonValue.Create(i.Value);
            case GoPointer p:
                return p.Target is null ? null : ToNode(p.Target);
            case GoSlice s:
                return s.Items is null ? null : new JsonArray(s.Items.Select(ToNode).ToArray());
            case GoMap m:
            {
                if (m.Entries is null) return null;
                var o = new JsonObject();
                foreach (var (k, v) in m.Entries.OrderBy(e => e.Key, Utf8Ordinal.Instance)) o[k] = ToNode(v);
                return o;
            }
            case GoStruct st:
            {
                var o = new JsonObject();
                foreach (var f in st.Fields)
                {
                    if (f.OmitEmpty && f.Value.IsEmpty) continue;
                    o[f.Key] = ToNode(f.Value);
                }
                return o;
            }
            default:
                throw new ArgumentOutOfRangeException(nameof(value), value.GetType().Name, "unknown Go value");
        }
    }

    /// <summary>Prints nodes with two-space indentation, compact empty objects and arrays, no trailing newline.</summary>
    public static string Write(JsonNode? node)
    {
        var sb = new StringBuilder();
        Write(sb, node, 0);
        return sb.ToString();
    }

    private static void Write(StringBuilder sb, JsonNode? node, int level)
    {
        switch (node)
        {
            case null:
                sb.Append("null");
                break;
            case JsonArray a when a.Count == 0:
                sb.Append("[]");
                break;
            case JsonArray a:
                sb.Append("[\n");
                for (var i = 0; i < a.Count; i++)
                {
                    Indent(sb, level + 1);
                    Write(sb, a[i], level + 1);
                    sb.Append(i < a.Count - 1 ? ",\n" : "\n");
                }
                Indent(sb, level);
                sb.Append(']');
                break;
            case JsonObject o when o.Count == 0:
                sb.Append("{}");
                break;
            case JsonObject o:
            {
                sb.Append("{\n");
                var i = 0;
                foreach (var (k, v) in o)
                {
                    Indent(sb, level + 1);
                    Quote(sb, k);
                    sb.Append(": ");
                    Write(sb, v, level + 1);
                    sb.Append(++i < o.Count ? ",\n" : "\n");
                }
                Indent(sb, level);
                sb.Append('}');
                break;
            }
            case JsonValue v when v.TryGetValue<string>(out var s):
                Quote(sb, s);
                break;
            case JsonValue v when v.TryGetValue<bool>(out var b):
                sb.Append(b ? "true" : "false");
                break;
            case JsonValue v when v.TryGetValue<long>(out var l):
                sb.Append(l.ToString(CultureInfo.InvariantCulture));
                break;
            case JsonValue v when v.TryGetValue<int>(out var n):
                sb.Append(n.ToString(CultureInfo.InvariantCulture));
                break;
            default:
                sb.Append(node.ToJsonString());
                break;
        }
    }

    private static void Indent(StringBuilder sb, int level) => sb.Append(' ', level * 2);

    /// <summary>A JSON string as Go writes it: &lt; &gt; &amp; U+2028 U+2029 escaped, \b \f \n \r \t, other controls as \u00XX.</summary>
    internal static void Quote(StringBuilder sb, string s)
    {
        sb.Append('"');
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '<' or '>' or '&' or '\u2028' or '\u2029':
                    sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    break;
                default:
                    if (c < 0x20)
                        sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    else if (char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
                        sb.Append(c).Append(s[++i]);
                    else if (char.IsSurrogate(c))
                        sb.Append("\\ufffd"); // invalid UTF-16 is invalid UTF-8 to Go: replaced
                    else
                        sb.Append(c);
                    break;
            }
        }
        sb.Append('"');
    }
}
