using System.Text.Json.Nodes;

namespace Liqo.Engine.Resources;

/// <summary>Reading the usual fields of a Kubernetes object held as JSON.</summary>
public static class JsonObjectExtensions
{
    public static string Name(this JsonObject o) => o["metadata"]?["name"]?.GetValue<string>() ?? "";

    public static string? Namespace(this JsonObject o) => o["metadata"]?["namespace"]?.GetValue<string>();

    public static string? ResourceVersion(this JsonObject o) => o["metadata"]?["resourceVersion"]?.GetValue<string>();

    public static string? Label(this JsonObject o, string key) => o["metadata"]?["labels"]?[key]?.GetValue<string>();

    public static string? Annotation(this JsonObject o, string key) => o["metadata"]?["annotations"]?[key]?.GetValue<string>();

    public static DateTimeOffset? CreationTimestamp(this JsonObject o) =>
        o["metadata"]?["creationTimestamp"]?.GetValue<string>() is { } s && DateTimeOffset.TryParse(s, System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.AssumeUniversal, out var t) ? t : null;

    /// <summary>A string at a dotted path (e.g. "status.endpoint.port"), or null.</summary>
    public static string? StringAt(this JsonObject o, string path)
    {
        JsonNode? n = o;
        foreach (var part in path.Split('.'))
        {
            n = n is JsonObject obj ? obj[part] : null;
            if (n is null) return null;
        }
        return n is JsonValue v ? v.ToString() : n.ToJsonString();
    }

    /// <summary>The condition of that type in status.conditions, or null.</summary>
    public static JsonObject? Condition(this JsonObject o, string type) =>
        (o["status"]?["conditions"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault(c => c["type"]?.GetValue<string>() == type);
}
