using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Liqo.Sandbox.ApiServer.Go;

namespace Liqo.Sandbox.ApiServer.Printing;

/// <summary>
/// Reading an object the way the server's typed printers see it: absent fields read as Go zero values
/// ("" / 0 / false / empty), timestamps parse as RFC 3339, and ages are formatted with <see cref="TablePrinters.HumanDuration"/>.
/// </summary>
internal static partial class ObjectFields
{
    public static JsonNode? At(JsonNode? node, params string[] path)
    {
        foreach (var segment in path)
        {
            if (node is not JsonObject obj || !obj.TryGetPropertyValue(segment, out node))
                return null;
        }
        return node;
    }

    public static string String(JsonNode? node, params string[] path) =>
        At(node, path) is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : "";

    public static long Integer(JsonNode? node, params string[] path) =>
        At(node, path) is JsonValue v && v.GetValueKind() == JsonValueKind.Number && GoNumber.Unstructured(v) is long l ? l : 0;

    public static long? OptionalInteger(JsonNode? node, params string[] path) =>
        At(node, path) is JsonValue v && v.GetValueKind() == JsonValueKind.Number && GoNumber.Unstructured(v) is long l ? l : null;

    public static bool Boolean(JsonNode? node, params string[] path) =>
        At(node, path) is JsonValue v && v.GetValueKind() == JsonValueKind.True;

    public static bool? OptionalBoolean(JsonNode? node, params string[] path) =>
        At(node, path) is JsonValue v && v.GetValueKind() is JsonValueKind.True or JsonValueKind.False
            ? v.GetValueKind() == JsonValueKind.True
            : null;

    public static IEnumerable<JsonObject> Objects(JsonNode? node, params string[] path) =>
        At(node, path) is JsonArray array ? array.OfType<JsonObject>() : [];

    public static IEnumerable<string> Strings(JsonNode? node, params string[] path) =>
        At(node, path) is JsonArray array
            ? array.Select(n => n is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : "")
            : [];

    public static int Count(JsonNode? node, params string[] path) => At(node, path) switch
    {
        JsonObject obj => obj.Count,
        JsonArray array => array.Count,
        _ => 0,
    };

    /// <summary>A map of strings (labels, selectors); non-string values read as "".</summary>
    public static SortedDictionary<string, string> StringMap(JsonNode? node, params string[] path)
    {
        var map = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (At(node, path) is JsonObject obj)
        {
            foreach (var (key, value) in obj)
                map[key] = value is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : "";
        }
        return map;
    }

    public static string Name(JsonObject obj) => String(obj, "metadata", "name");

    [GeneratedRegex(@"\A(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})\z", RegexOptions.CultureInvariant)]
    private static partial Regex Rfc3339();

    /// <summary>
    /// Parses a metav1.Time / MicroTime value (RFC 3339, optional fraction). Null for absent, null, empty, zero or unparseable values.
    /// </summary>
    public static DateTimeOffset? Time(JsonNode? node, params string[] path)
    {
        var text = String(node, path);
        return TryParseTime(text, out var time, out _) ? time : null;
    }

    /// <summary>
    /// Go's time.Parse(time.RFC3339, text): true with <paramref name="time"/> null when the text is empty (Go zero time)
    /// or the zero instant; false when it does not parse.
    /// </summary>
    public static bool TryParseTime(string text, out DateTimeOffset? time, out bool invalid)
    {
        time = null;
        invalid = false;
        if (text.Length == 0 || text == "null")
            return false;
        var m = Rfc3339().Match(text);
        if (!m.Success)
        {
            invalid = true;
            return false;
        }
        try
        {
            int Part(int i) => int.Parse(m.Groups[i].Value, CultureInfo.InvariantCulture);
            var offset = m.Groups[8].Value == "Z"
                ? TimeSpan.Zero
                : TimeSpan.ParseExact(m.Groups[8].Value[1..], "hh\\:mm", CultureInfo.InvariantCulture)
                  * (m.Groups[8].Value[0] == '-' ? -1 : 1);
            var value = new DateTimeOffset(Part(1), Part(2), Part(3), Part(4), Part(5), Part(6), offset);
            if (m.Groups[7].Success)
            {
                var fraction = m.Groups[7].Value[1..];
                fraction = fraction.Length > 7 ? fraction[..7] : fraction.PadRight(7, '0');
                value = value.AddTicks(long.Parse(fraction, CultureInfo.InvariantCulture));
            }
            if (value.UtcDateTime == DateTime.MinValue)
                return false;
            time = value;
            return true;
        }
        catch (ArgumentException)
        {
            invalid = true;
            return false;
        }
    }

    /// <summary>translateTimestampSince: "&lt;unknown&gt;" for a zero or absent time, else the human duration since it.</summary>
    public static string Since(DateTimeOffset? time, DateTimeOffset now) =>
        time is null ? "<unknown>" : TablePrinters.HumanDuration(now - time.Value);

    /// <summary>The Age cell of the built-in printers.</summary>
    public static string Age(JsonObject obj, DateTimeOffset now) => Since(Time(obj, "metadata", "creationTimestamp"), now);

    /// <summary>labels.FormatLabels: "k=v" pairs sorted by key, or "&lt;none&gt;".</summary>
    public static string FormatLabels(IReadOnlyDictionary<string, string> labels)
    {
        var text = string.Join(",", labels.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + "=" + p.Value));
        return text.Length == 0 ? "<none>" : text;
    }
}
