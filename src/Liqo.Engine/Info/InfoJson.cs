using System.Text.Json.Nodes;
using Liqo.Engine.GoFormat;
using Liqo.Engine.Resources;

namespace Liqo.Engine.Info;

/// <summary>Reading the fields of the listed objects the way Go's typed decoding would leave them ("" / null / 0 when absent).</summary>
internal static class InfoJson
{
    public static string Str(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : "";

    public static string? StrOrNull(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    public static bool Bool(JsonNode? node) => node is JsonValue v && v.TryGetValue<bool>(out var b) && b;

    public static long Int(JsonNode? node) =>
        node is JsonValue v ? v.TryGetValue<long>(out var l) ? l : v.TryGetValue<int>(out var i) ? i : v.TryGetValue<double>(out var d) ? (long)d : 0 : 0;

    public static IEnumerable<JsonObject> Objects(JsonNode? node) => (node as JsonArray)?.OfType<JsonObject>() ?? [];

    /// <summary>A []string: null when absent (nil), the strings otherwise.</summary>
    public static IReadOnlyList<string>? Strings(JsonNode? node) => node is JsonArray a ? a.Select(Str).ToList() : null;

    /// <summary>A map of strings: null when absent (nil).</summary>
    public static IReadOnlyDictionary<string, string>? StringMap(JsonNode? node) =>
        node is JsonObject o ? o.ToDictionary(p => p.Key, p => Str(p.Value), StringComparer.Ordinal) : null;

    /// <summary>A corev1.ResourceList: quantities written as Go writes them; null when absent.</summary>
    public static IReadOnlyDictionary<string, string>? Resources(JsonNode? node) =>
        node is JsonObject o ? o.ToDictionary(p => p.Key, p => GoQuantity.Canonical(Str(p.Value)), StringComparer.Ordinal) : null;

    public static bool HasLabel(JsonObject o, string key, string value) => o.Label(key) == value;

    public static IEnumerable<JsonObject> WithRemoteClusterId(ListResult list, string clusterId) => list.WithRemoteClusterId(clusterId);
}
