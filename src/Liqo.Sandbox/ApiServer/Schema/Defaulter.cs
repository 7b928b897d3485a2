using System.Text.Json.Nodes;

namespace Liqo.Sandbox.ApiServer.Schema;

/// <summary>
/// The API server's defaulting of custom resources: nulls of non-nullable fields without a default are dropped,
/// then <c>default:</c> values are deep-copied top-down into absent fields (and over nulls of non-nullable
/// fields), in objects, additionalProperties maps and array items.
/// </summary>
internal static class Defaulter
{
    public static void Apply(JsonObject obj, StructuralSchemaNode schema)
    {
        PruneNonNullableNulls(obj, schema);
        Default(obj, schema);
    }

    /// <summary>
    /// Drops nulls given to non-nullable fields without a default (they would be type errors otherwise).
    /// </summary>
    public static void PruneNonNullableNulls(JsonNode? x, StructuralSchemaNode? s)
    {
        if (s is null) return;
        switch (x)
        {
            case JsonObject obj:
                foreach (var (key, child, _) in SchemaWalker.Members(obj, s))
                {
                    var value = obj[key];
                    if (UnstructuredJson.IsNull(value) && child is not null && !child.Nullable && !child.HasDefault)
                        obj.Remove(key);
                    else
                        PruneNonNullableNulls(value, child);
                }
                break;
            case JsonArray arr:
                foreach (var item in arr) PruneNonNullableNulls(item, s.Items);
                break;
        }
    }

    private static void Default(JsonNode? x, StructuralSchemaNode? s)
    {
        if (s is null) return;
        switch (x)
        {
            case JsonObject obj:
                if (s.PropertyList is { } props)
                {
                    foreach (var (name, prop) in props)
                    {
                        if (!prop.HasDefault || UnstructuredJson.IsNull(prop.Default)) continue;
                        if (!obj.TryGetPropertyValue(name, out var current)
                            || (UnstructuredJson.IsNull(current) && !prop.Nullable))
                            obj[name] = prop.Default!.DeepClone();
                    }
                }
                foreach (var (key, child, declared) in SchemaWalker.Members(obj, s))
                {
                    if (child is null) continue;
                    // A declared property got its default above; a map entry gets one over a null here.
                    if (!declared && DefaultsNull(obj[key], child)) obj[key] = child.Default!.DeepClone();
                    Default(obj[key], child);
                }
                break;
            case JsonArray arr:
                if (s.Items is not { } items) return;
                for (var i = 0; i < arr.Count; i++)
                {
                    if (DefaultsNull(arr[i], items)) arr[i] = items.Default!.DeepClone();
                    Default(arr[i], items);
                }
                break;
        }
    }

    /// <summary>True when <paramref name="value"/> is a null that the non-nullable schema's default replaces.</summary>
    private static bool DefaultsNull(JsonNode? value, StructuralSchemaNode s) =>
        UnstructuredJson.IsNull(value) && !s.Nullable && s.HasDefault && !UnstructuredJson.IsNull(s.Default);
}
