using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Liqo.Sandbox.ApiServer;

/// <summary>Compact JSON in and out, the way the sandbox stores and serves objects (numbers keep their text).</summary>
internal static class ServerJson
{
    public static readonly JsonSerializerOptions Compact = new()
    {
        WriteIndented = false,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static readonly JsonNodeOptions NodeOptions = new() { PropertyNameCaseInsensitive = false };
    private static readonly JsonDocumentOptions DocOptions = new() { AllowTrailingCommas = false, MaxDepth = 256 };

    public static byte[] Serialize(JsonNode? node) => JsonSerializer.SerializeToUtf8Bytes(node, Compact);

    public static string ToText(JsonNode? node) => node is null ? "null" : node.ToJsonString(Compact);

    public static JsonNode? Parse(ReadOnlySpan<byte> utf8) => JsonNode.Parse(utf8, NodeOptions, DocOptions);

    public static JsonNode? Parse(string text) => JsonNode.Parse(text, NodeOptions, DocOptions);

    /// <summary>A string property, or null when absent or not a string.</summary>
    public static string? Str(JsonObject? obj, string name) =>
        obj is not null && obj.TryGetPropertyValue(name, out var n) && n is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    /// <summary>An integer value whatever CLR type backs the node (parsed JSON or a created value); null when not an integer.</summary>
    public static long? Long(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.Number && long.TryParse(v.ToJsonString(), out var l) ? l : null;

    public static JsonObject? Obj(JsonObject? obj, string name) =>
        obj is not null && obj.TryGetPropertyValue(name, out var n) ? n as JsonObject : null;

    public static JsonArray? Arr(JsonObject? obj, string name) =>
        obj is not null && obj.TryGetPropertyValue(name, out var n) ? n as JsonArray : null;

    /// <summary>The child object, created when missing (or replaced when it is not an object).</summary>
    public static JsonObject Ensure(JsonObject obj, string name)
    {
        if (obj.TryGetPropertyValue(name, out var n) && n is JsonObject o) return o;
        var created = new JsonObject();
        obj[name] = created;
        return created;
    }

    /// <summary>The value at a dotted path (e.g. "spec.nodeName") rendered as text the way field selectors see it, or null.</summary>
    public static string? PathText(JsonObject obj, string dotted)
    {
        JsonNode? cur = obj;
        foreach (var part in dotted.Split('.'))
        {
            if (cur is not JsonObject o || !o.TryGetPropertyValue(part, out cur)) return null;
        }
        return cur switch
        {
            null => null,
            JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
            JsonValue v when v.GetValueKind() == JsonValueKind.True => "true",
            JsonValue v when v.GetValueKind() == JsonValueKind.False => "false",
            JsonValue v => v.ToJsonString(),
            _ => null,
        };
    }

    /// <summary>Labels (or annotations) as a dictionary; null when absent.</summary>
    public static Dictionary<string, string>? StringMap(JsonObject? obj)
    {
        if (obj is null) return null;
        var d = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (k, v) in obj)
            d[k] = v is JsonValue jv && jv.TryGetValue<string>(out var s) ? s : v?.ToJsonString() ?? "";
        return d;
    }
}
