using System.Text.Json.Nodes;

namespace Liqo.Sandbox.ApiServer.Patch;

/// <summary>
/// The object half of server-side apply (structured-merge-diff <c>Merge</c> and <c>RemoveItems</c>): merging an
/// applied configuration into the live object, and removing fields an applier gave up.
/// </summary>
internal static class ServerSideMerge
{
    /// <summary>
    /// <paramref name="live"/> with <paramref name="config"/> merged in (new nodes; inputs untouched). Objects merge per
    /// member unless atomic; list-maps and sets merge per item, keeping live-only items where they were and the
    /// applied items in the applied order; everything else is replaced. A null member in the configuration removes
    /// the member.
    /// </summary>
    public static JsonNode? Merge(JsonNode? live, JsonNode? config, PatchSchemaNode schema)
    {
        if (config is JsonObject co && live is JsonObject lo && !schema.AtomicObject)
        {
            var result = (JsonObject)lo.DeepClone();
            foreach (var (key, value) in co)
            {
                if (value is null)
                {
                    result.Remove(key);
                    continue;
                }
                result.TryGetPropertyValue(key, out var current);
                var merged = Merge(current, value, schema.Child(key));
                if (result.ContainsKey(key)) result[key] = merged;
                else result.Add(key, merged);
            }
            return result;
        }
        if (config is JsonArray ca && live is JsonArray la && schema.ListType != ListType.Atomic)
            return MergeList(la, ca, schema);
        return config?.DeepClone();
    }

    private static JsonArray MergeList(JsonArray live, JsonArray config, PatchSchemaNode schema)
    {
        var lElements = Elements(live, schema);
        var rElements = Elements(config, schema);
        var lItems = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        for (var i = 0; i < live.Count; i++) lItems.TryAdd(lElements[i], live[i]);
        var rItems = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        for (var i = 0; i < config.Count; i++) rItems.TryAdd(rElements[i], config[i]);

        var shared = new Queue<string>(rElements.Where(lItems.ContainsKey));
        string? nextShared = shared.Count > 0 ? shared.Dequeue() : null;
        var merged = new HashSet<string>(StringComparer.Ordinal);
        var output = new JsonArray();
        int l = 0, r = 0;
        while (l < live.Count || r < config.Count)
        {
            if (l < live.Count && r < config.Count)
            {
                var element = lElements[l];
                if (element == rElements[r])
                {
                    merged.Add(element);
                    output.Add(MergeItem(lItems[element], rItems[element], schema));
                    l++;
                    r++;
                    nextShared = shared.Count > 0 ? shared.Dequeue() : null;
                    continue;
                }
                if (rItems.ContainsKey(element) && nextShared is not null && nextShared != element)
                {
                    l++;
                    continue;
                }
            }
            if (l < live.Count)
            {
                var element = lElements[l];
                if (!rItems.ContainsKey(element))
                {
                    output.Add(live[l]?.DeepClone());
                    l++;
                    continue;
                }
                if (merged.Contains(element))
                {
                    l++;
                    continue;
                }
            }
            if (r < config.Count)
            {
                var element = rElements[r];
                merged.Add(element);
                output.Add(MergeItem(lItems.GetValueOrDefault(element), rItems[element], schema));
                r++;
                if (nextShared == element) nextShared = shared.Count > 0 ? shared.Dequeue() : null;
            }
        }
        return output;
    }

    private static JsonNode? MergeItem(JsonNode? live, JsonNode? config, PatchSchemaNode list) =>
        list.ListType == ListType.Map && live is not null ? Merge(live, config, list.Item) : config?.DeepClone();

    private static string[] Elements(JsonArray array, PatchSchemaNode schema)
    {
        var result = new string[array.Count];
        for (var i = 0; i < array.Count; i++)
            result[i] = FieldSetPath.ItemElement(array[i], schema, out _) ?? FieldSetPath.Index(i);
        return result;
    }

    /// <summary>Removes the nodes at <paramref name="paths"/> (whole subtrees) from <paramref name="root"/> in place.</summary>
    public static void RemovePaths(JsonObject root, IEnumerable<string> paths, PatchSchemaNode schema)
    {
        var removed = new List<string>();
        foreach (var path in paths.OrderBy(p => FieldSetPath.Elements(p).Length).ThenBy(p => p, StringComparer.Ordinal))
        {
            if (removed.Any(r => FieldSetPath.IsWithin(path, r))) continue;
            if (Remove(root, FieldSetPath.Elements(path), schema)) removed.Add(path);
        }
    }

    private static bool Remove(JsonNode node, string[] elements, PatchSchemaNode schema)
    {
        JsonNode? current = node;
        var currentSchema = schema;
        for (var i = 0; i < elements.Length; i++)
        {
            var last = i == elements.Length - 1;
            var element = elements[i];
            if (element.StartsWith("f:", StringComparison.Ordinal))
            {
                if (current is not JsonObject obj) return false;
                var name = element[2..];
                if (last) return obj.Remove(name);
                if (!obj.TryGetPropertyValue(name, out current) || current is null) return false;
                currentSchema = currentSchema.Child(name);
                continue;
            }
            if (current is not JsonArray array) return false;
            var index = -1;
            for (var j = 0; j < array.Count; j++)
            {
                var itemElement = element.StartsWith("i:", StringComparison.Ordinal)
                    ? FieldSetPath.Index(j)
                    : FieldSetPath.ItemElement(array[j], currentSchema, out _);
                if (itemElement == element)
                {
                    index = j;
                    break;
                }
            }
            if (index < 0) return false;
            if (last)
            {
                array.RemoveAt(index);
                return true;
            }
            current = array[index];
            if (current is null) return false;
            currentSchema = currentSchema.Item;
        }
        return false;
    }
}
