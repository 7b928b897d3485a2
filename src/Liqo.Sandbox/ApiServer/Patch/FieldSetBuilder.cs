using System.Text.Json.Nodes;

namespace Liqo.Sandbox.ApiServer.Patch;

/// <summary>
/// structured-merge-diff's <c>ToFieldSet</c>: the fields an applied configuration sets, i.e. what its applier owns.
/// Scalars, atomic lists and atomic objects are members; list items are members and so are their fields; map
/// entries (labels, data) are members; struct fields are members only when null or <c>{}</c> (otherwise through
/// their leaves).
/// </summary>
internal static class FieldSetBuilder
{
    /// <summary>
    /// The field set of <paramref name="config"/>. Throws a 500 <see cref="PatchException"/> worded like the API
    /// server when a list-map item lacks a key field or two items share a key; <paramref name="describeObject"/>
    /// gives the <c>(/v1, Kind=ConfigMap default/x)</c> part of that message.
    /// </summary>
    public static FieldSet Build(JsonObject config, PatchSchemaNode schema, string describeObject)
    {
        var set = new FieldSet();
        Walk(config, "", schema, set, describeObject);
        return set;
    }

    private static void Walk(JsonNode? node, string path, PatchSchemaNode schema, FieldSet set, string describeObject)
    {
        switch (node)
        {
            case JsonObject obj:
                if (path.Length > 0 && schema.AtomicObject)
                {
                    set.Add(path);
                    return;
                }
                foreach (var (key, value) in obj)
                {
                    var childPath = FieldSetPath.Append(path, FieldSetPath.Field(key));
                    Walk(value, childPath, schema.Child(key), set, describeObject);
                    if (value is null || value is JsonObject { Count: 0 } || !schema.IsNamedField(key)) set.Add(childPath);
                }
                return;
            case JsonArray array:
                if (schema.ListType == ListType.Atomic)
                {
                    set.Add(path);
                    return;
                }
                var seen = new HashSet<string>(StringComparer.Ordinal);
                for (var i = 0; i < array.Count; i++)
                {
                    var element = FieldSetPath.ItemElement(array[i], schema, out var error);
                    if (element is null)
                        throw Typed(describeObject, $"{FieldSetPath.Display(path)}[{i}]: {error}");
                    if (!seen.Add(element))
                        throw Typed(describeObject,
                            $"{FieldSetPath.Display(path)}: duplicate entries for key {FieldSetPath.Display(element)}");
                    var itemPath = FieldSetPath.Append(path, element);
                    Walk(array[i], itemPath, schema.Item, set, describeObject);
                    set.Add(itemPath);
                }
                return;
            default:
                if (path.Length > 0) set.Add(path);
                return;
        }
    }

    private static PatchException Typed(string describeObject, string message) =>
        PatchException.Plain($"failed to create typed patch object ({describeObject}): {message}");
}
