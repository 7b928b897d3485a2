using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Liqo.Sandbox.Liqo.Runtime;

/// <summary>
/// Renders a gateway template the way Liqo's operators do: every string with "{{ .Path }}" placeholders is filled from
/// the values; a string that is one placeholder of a number becomes that number; a key starting with '?' is kept
/// (without the '?') only when its rendered value is not empty or zero.
/// </summary>
internal static partial class TemplateRenderer
{
    [GeneratedRegex(@"\{\{\s*(index\s+)?\.([A-Za-z.]+)(\s+(\d+))?\s*\}\}")]
    private static partial Regex Placeholder();

    public static JsonNode? Render(JsonNode? node, IReadOnlyDictionary<string, object?> values) => node switch
    {
        JsonObject o => RenderObject(o, values),
        JsonArray a => new JsonArray(a.Select(n => Render(n, values)).ToArray()),
        JsonValue v when v.TryGetValue<string>(out var s) => RenderString(s, values),
        _ => node?.DeepClone(),
    };

    private static JsonObject RenderObject(JsonObject o, IReadOnlyDictionary<string, object?> values)
    {
        var result = new JsonObject();
        foreach (var (key, child) in o)
        {
            var rendered = Render(child, values);
            if (key.StartsWith('?'))
            {
                if (rendered is null || rendered is JsonValue rv && (rv.ToJsonString() is "\"\"" or "0" or "null")) continue;
                result[key[1..]] = rendered;
            }
            else result[key] = rendered;
        }
        return result;
    }

    private static JsonNode? RenderString(string s, IReadOnlyDictionary<string, object?> values)
    {
        var matches = Placeholder().Matches(s);
        if (matches.Count == 0) return JsonValue.Create(s);
        if (matches.Count == 1 && matches[0].Value == s.Trim())
        {
            var value = Lookup(matches[0], values);
            return value switch
            {
                null => JsonValue.Create(""),
                int i => JsonValue.Create(i),
                long l => JsonValue.Create(l),
                _ => JsonValue.Create(value.ToString()),
            };
        }
        return JsonValue.Create(Placeholder().Replace(s, m => Lookup(m, values)?.ToString() ?? ""));
    }

    private static object? Lookup(Match m, IReadOnlyDictionary<string, object?> values)
    {
        var value = values.GetValueOrDefault(m.Groups[2].Value);
        if (m.Groups[1].Success && value is IReadOnlyList<string> list)
        {
            var i = int.Parse(m.Groups[4].Success ? m.Groups[4].Value : "0", System.Globalization.CultureInfo.InvariantCulture);
            return i < list.Count ? list[i] : null;
        }
        return value;
    }
}
