using System.Globalization;
using System.Text.Json.Nodes;

namespace Liqo.Sandbox.ApiServer;

/// <summary>Accessors for the metadata of an object held as JSON.</summary>
internal static class ObjectMeta
{
    /// <summary>ObjectMeta's fields, in the order the API server writes them.</summary>
    public static readonly string[] FieldOrder =
    [
        "name", "generateName", "namespace", "selfLink", "uid", "resourceVersion", "generation", "creationTimestamp",
        "deletionTimestamp", "deletionGracePeriodSeconds", "labels", "annotations", "ownerReferences", "finalizers", "managedFields",
    ];

    public static readonly HashSet<string> KnownFields = new(FieldOrder, StringComparer.Ordinal);

    public static JsonObject Meta(JsonObject obj) => ServerJson.Ensure(obj, "metadata");

    public static string Name(JsonObject obj) => ServerJson.Str(ServerJson.Obj(obj, "metadata"), "name") ?? "";
    public static string Namespace(JsonObject obj) =>
        ServerJson.Str(ServerJson.Obj(obj, "metadata"), "namespace") ?? "";
    public static string Uid(JsonObject obj) => ServerJson.Str(ServerJson.Obj(obj, "metadata"), "uid") ?? "";
    public static string ResourceVersion(JsonObject obj) =>
        ServerJson.Str(ServerJson.Obj(obj, "metadata"), "resourceVersion") ?? "";
    public static bool IsDeleting(JsonObject obj) =>
        ServerJson.Str(ServerJson.Obj(obj, "metadata"), "deletionTimestamp") is not null;

    public static long Generation(JsonObject obj) =>
        ServerJson.Long(ServerJson.Obj(obj, "metadata")?["generation"]) ?? 0;

    public static List<string> Finalizers(JsonObject obj) =>
        ServerJson.Arr(ServerJson.Obj(obj, "metadata"), "finalizers")
            ?.Select(n => n?.GetValue<string>() ?? "").ToList() ?? [];

    public static void SetFinalizers(JsonObject obj, IEnumerable<string> finalizers)
    {
        var list = finalizers.ToList();
        var meta = Meta(obj);
        if (list.Count == 0) meta.Remove("finalizers");
        else meta["finalizers"] = new JsonArray(list.Select(f => (JsonNode?)JsonValue.Create(f)).ToArray());
    }

    public static Dictionary<string, string>? Labels(JsonObject obj) =>
        ServerJson.StringMap(ServerJson.Obj(ServerJson.Obj(obj, "metadata"), "labels"));

    public static string Timestamp(DateTimeOffset t) =>
        t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static DateTimeOffset? ParseTimestamp(string? s) =>
        DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t : null;

    /// <summary>Puts kind, apiVersion and metadata first and metadata's fields in ObjectMeta's order (readability only).</summary>
    public static JsonObject Canonical(JsonObject obj)
    {
        var result = new JsonObject();
        foreach (var key in new[] { "kind", "apiVersion" })
            if (obj.TryGetPropertyValue(key, out var v)) { obj.Remove(key); result[key] = v; }
        if (obj.TryGetPropertyValue("metadata", out var m))
        {
            obj.Remove("metadata");
            if (m is JsonObject meta)
            {
                var ordered = new JsonObject();
                foreach (var f in FieldOrder)
                    if (meta.TryGetPropertyValue(f, out var fv)) { meta.Remove(f); ordered[f] = fv; }
                foreach (var (k, v) in meta.ToList()) { meta.Remove(k); ordered[k] = v; }
                result["metadata"] = ordered;
            }
            else result["metadata"] = m;
        }
        foreach (var (k, v) in obj.ToList()) { obj.Remove(k); result[k] = v; }
        return result;
    }
}
