using System.Text.Json.Nodes;

namespace Liqo.Engine.Resources;

/// <summary>Small builders for the JSON of Kubernetes objects.</summary>
internal static class Json
{
    public static JsonObject Labels(IEnumerable<KeyValuePair<string, string>> labels)
    {
        var o = new JsonObject();
        foreach (var (k, v) in labels) o[k] = v;
        return o;
    }

    public static JsonArray Strings(IEnumerable<string> values) => new(values.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());

    /// <summary>A new object with apiVersion, kind and metadata (name, namespace, labels, annotations).</summary>
    public static JsonObject Object(ResourceKind kind, string name, string? ns, IEnumerable<KeyValuePair<string, string>>? labels = null,
        IEnumerable<KeyValuePair<string, string>>? annotations = null)
    {
        var meta = new JsonObject { ["name"] = name };
        if (ns is not null) meta["namespace"] = ns;
        if (labels is not null) meta["labels"] = Labels(labels);
        if (annotations is not null) meta["annotations"] = Labels(annotations);
        return new JsonObject { ["apiVersion"] = kind.ApiVersion, ["kind"] = kind.Kind, ["metadata"] = meta };
    }

    /// <summary>Structural equality of two JSON nodes (object member order ignored).</summary>
    public static bool DeepEquals(JsonNode? a, JsonNode? b) => JsonNode.DeepEquals(a, b);
}
