using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Liqo.Sandbox.ApiServer.Go;

/// <summary>
/// JSON as Go's encoders marshal a decoded value (<c>json.Marshal(interface{})</c>): compact, object keys sorted the
/// Go way (<see cref="GoStringOrder"/>), numbers re-written from their int64 or float64 (<c>1.0</c> becomes <c>1</c>),
/// <c>&lt; &gt; &amp;</c> and U+2028/U+2029 escaped, other non-ASCII kept.
/// </summary>
internal static class ServerGoJson
{
    /// <summary>The marshalled value.</summary>
    public static string Marshal(JsonNode? value, NumberDecoding numbers, GoJsonEncoder encoder = GoJsonEncoder.EncodingJson) =>
        new GoSyntax("{", "}", "[", "]", ",", key => String(key, encoder), scalar => Scalar(scalar, numbers, encoder)).Print(value);

    /// <summary>
    /// A string literal. With <paramref name="escapeHtml"/> false it is written as json-iterator's Stream.WriteString
    /// writes object field names (structured-merge-diff's key fields): no HTML escapes and, there, no U+2028/U+2029 ones.
    /// A lone surrogate is written as U+FFFD, the rune Go's decoder made of it.
    /// </summary>
    public static string String(string value, GoJsonEncoder encoder = GoJsonEncoder.EncodingJson, bool escapeHtml = true)
    {
        var sb = new StringBuilder(value.Length + 2);
        AppendString(sb, value, encoder, escapeHtml);
        return sb.ToString();
    }

    private static string Scalar(JsonValue? value, NumberDecoding numbers, GoJsonEncoder encoder) => value?.GetValueKind() switch
    {
        JsonValueKind.String => String(value.GetValue<string>(), encoder),
        JsonValueKind.Number => GoNumber.Decode(value, numbers) switch
        {
            long l => l.ToString(CultureInfo.InvariantCulture),
            var d => GoFloat.FormatJson((double)d),
        },
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => "null",
    };

    private static void AppendString(StringBuilder sb, string value, GoJsonEncoder encoder, bool escapeHtml)
    {
        sb.Append('"');
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            switch (c)
            {
                case '"' or '\\':
                    sb.Append('\\').Append(c);
                    break;
                case '\n':
                    sb.Append("\\n");
                    break;
                case '\r':
                    sb.Append("\\r");
                    break;
                case '\t':
                    sb.Append("\\t");
                    break;
                case '\b' when encoder == GoJsonEncoder.EncodingJson:
                    sb.Append("\\b");
                    break;
                case '\f' when encoder == GoJsonEncoder.EncodingJson:
                    sb.Append("\\f");
                    break;
                case < ' ':
                case '<' or '>' or '&' when escapeHtml:
                case '\u2028' or '\u2029' when escapeHtml || encoder == GoJsonEncoder.EncodingJson:
                    sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    break;
                default:
                    if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
                        sb.Append(c).Append(value[++i]);
                    else
                        sb.Append(char.IsSurrogate(c) ? '\uFFFD' : c);
                    break;
            }
        }
        sb.Append('"');
    }
}
