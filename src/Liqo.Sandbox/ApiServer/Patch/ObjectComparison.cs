using System.Text.Json.Nodes;

namespace Liqo.Sandbox.ApiServer.Patch;

/// <summary>
/// structured-merge-diff's <c>Compare</c>: which fields a write added, modified and removed. A list or object that
/// appears is itself added (the <c>".":{}</c> of Update entries) together with its fields; empty or missing on both
/// sides compares as a leaf; atomic lists and objects compare as a whole. JSON null counts as absent.
/// </summary>
internal sealed class ObjectComparison
{
    public FieldSet Added { get; } = new();

    public FieldSet Modified { get; } = new();

    public FieldSet Removed { get; } = new();

    /// <summary>Added and modified fields: what the writer now owns, and what conflicts with other owners.</summary>
    public FieldSet Changed => Added.Union(Modified);

    public static ObjectComparison Compare(JsonNode? before, JsonNode? after, PatchSchemaNode schema)
    {
        var result = new ObjectComparison();
        result.Walk(before, after, "", schema);
        return result;
    }

    /// <summary>Keeps only the paths <paramref name="keep"/> accepts, in all three sets.</summary>
    public ObjectComparison Filter(Func<string, bool> keep)
    {
        var result = new ObjectComparison();
        foreach (var p in Added.Members.Where(keep)) result.Added.Add(p);
        foreach (var p in Modified.Members.Where(keep)) result.Modified.Add(p);
        foreach (var p in Removed.Members.Where(keep)) result.Removed.Add(p);
        return result;
    }

    private void Walk(JsonNode? left, JsonNode? right, string path, PatchSchemaNode schema)
    {
        var hasLeft = left is not null;
        var hasRight = right is not null;
        if (!hasLeft && !hasRight) return;
        if (hasLeft && hasRight && Shape(left) != Shape(right))
        {
            if (path.Length > 0) Modified.Add(path);
            return;
        }
        switch (hasLeft ? left : right)
        {
            case JsonObject:
                var lo = left as JsonObject;
                var ro = right as JsonObject;
                if (path.Length > 0 && (schema.AtomicObject || ((lo?.Count ?? 0) == 0 && (ro?.Count ?? 0) == 0)))
                {
                    Leaf(left, right, path);
                    return;
                }
                MarkContainer(hasLeft, hasRight, path);
                var keys = new List<string>();
                if (lo is not null) keys.AddRange(lo.Select(p => p.Key));
                if (ro is not null) keys.AddRange(ro.Select(p => p.Key).Where(k => lo is null || !lo.ContainsKey(k)));
                foreach (var key in keys)
                {
                    JsonNode? l = null, r = null;
                    lo?.TryGetPropertyValue(key, out l);
                    ro?.TryGetPropertyValue(key, out r);
                    Walk(l, r, FieldSetPath.Append(path, FieldSetPath.Field(key)), schema.Child(key));
                }
                return;
            case JsonArray:
                var la = left as JsonArray;
                var ra = right as JsonArray;
                if (schema.ListType == ListType.Atomic || ((la?.Count ?? 0) == 0 && (ra?.Count ?? 0) == 0))
                {
                    Leaf(left, right, path);
                    return;
                }
                MarkContainer(hasLeft, hasRight, path);
                var lItems = Index(la, schema);
                var rItems = Index(ra, schema);
                foreach (var (element, item) in lItems)
                    Walk(item, rItems.TryGetValue(element, out var other) ? other : null,
                        FieldSetPath.Append(path, element), schema.Item);
                foreach (var (element, item) in rItems)
                    if (!lItems.ContainsKey(element)) Walk(null, item, FieldSetPath.Append(path, element), schema.Item);
                return;
            default:
                Leaf(left, right, path);
                return;
        }
    }

    private void MarkContainer(bool hasLeft, bool hasRight, string path)
    {
        if (path.Length == 0) return;
        if (!hasLeft) Added.Add(path);
        else if (!hasRight) Removed.Add(path);
    }

    private void Leaf(JsonNode? left, JsonNode? right, string path)
    {
        if (path.Length == 0) return;
        if (left is null) Added.Add(path);
        else if (right is null) Removed.Add(path);
        else if (!JsonEquality.DeepEquals(left, right, numbersByValue: true)) Modified.Add(path);
    }

    /// <summary>Items by their path element (an index when an item has no usable key; the first of duplicates wins).</summary>
    private static Dictionary<string, JsonNode?> Index(JsonArray? array, PatchSchemaNode schema)
    {
        var items = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        if (array is null) return items;
        for (var i = 0; i < array.Count; i++)
        {
            if (array[i] is null) continue;
            var element = FieldSetPath.ItemElement(array[i], schema, out _) ?? FieldSetPath.Index(i);
            items.TryAdd(element, array[i]);
        }
        return items;
    }

    private static int Shape(JsonNode? node) => node switch { JsonObject => 1, JsonArray => 2, _ => 0 };
}
