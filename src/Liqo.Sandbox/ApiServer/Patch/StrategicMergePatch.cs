using System.Text.Json;
using System.Text.Json.Nodes;
using Liqo.Sandbox.ApiServer.Go;

namespace Liqo.Sandbox.ApiServer.Patch;

/// <summary>
/// Strategic merge patch for the built-in kinds the sandbox serves (merge keys and directives per kind).
/// The caller answers 415 for custom resources before calling this.
/// </summary>
/// <remarks>
/// <para>Follows apimachinery's <c>strategicpatch</c> as the API server runs it (parallel deletion lists merged,
/// unmatched nulls ignored), with the merge keys of <see cref="BuiltInSchemas"/>:</para>
/// <list type="bullet">
/// <item>Objects merge per member; <c>null</c> deletes. Lists with a merge strategy merge: lists of objects by their
/// merge key (containers, volumes, env, imagePullSecrets by <c>name</c>, volumeMounts by <c>mountPath</c>, container
/// ports by <c>containerPort</c>, Service ports by <c>port</c>, conditions by <c>type</c>, ownerReferences by
/// <c>uid</c>), lists of scalars as a set (finalizers). Every other list is replaced.</item>
/// <item>Order, as on a real server: items already present keep their place, items the patch adds come <b>before</b>
/// the remaining items that the patch does not mention (unless <c>$setElementOrder</c> says otherwise).</item>
/// <item>Directives: <c>$patch: replace</c> and <c>$patch: delete</c> in an object, <c>{"$patch":"delete", key}</c>
/// and <c>{"$patch":"replace"}</c> as list items, <c>$retainKeys</c>, <c>$deleteFromPrimitiveList/&lt;f&gt;</c>,
/// <c>$setElementOrder/&lt;f&gt;</c>. <c>$patch: merge</c> is refused in objects ("unknown patch type") and in lists
/// ("merging lists cannot yet be specified in the patch"), as on a real server.</item>
/// <item>Every <c>$</c> key is consumed and never stored. Divergence: inside a value the patch adds where nothing
/// can merge with it (a new container, a new map), a real server copies the value verbatim, directives included,
/// and then fails the write under <c>fieldValidation=Strict</c> (unknown field <c>…$patch</c>) or silently turns
/// <c>{"$patch":"delete","name":"Y"}</c> into an item named Y; the sandbox resolves those directives as if merging
/// into an empty value. kubectl never sends such patches. Unknown <c>$</c> keys are dropped.</item>
/// <item>The merge results and error texts were compared with <c>kubectl patch --local</c> of kubectl 1.32, which runs
/// the same apimachinery code (see the referee test).</item>
/// <item>Errors: 400 BadRequest for malformed <c>$retainKeys</c> (also when the patch sets a key it does not retain),
/// <c>$deleteFromPrimitiveList</c> or <c>$setElementOrder</c> keys; 422 for lists of lists; 500 without reason
/// (plain Go errors on a real server) for a missing merge key, mixed item types, an unknown <c>$patch</c> value or a
/// <c>$setElementOrder</c> list that contradicts the patch order.</item>
/// </list>
/// </remarks>
public static class StrategicMergePatch
{
    private const string Directive = "$patch";
    private const string RetainKeys = "$retainKeys";
    private const string DeleteFromPrimitiveList = "$deleteFromPrimitiveList";
    private const string SetElementOrder = "$setElementOrder";

    /// <summary>Returns a new object: <paramref name="target"/> patched; every <c>$…</c> directive key is consumed, never stored.</summary>
    /// <param name="group">API group of the kind ("" for core).</param>
    /// <param name="kind">Kind, e.g. Pod, Service, Deployment.</param>
    public static JsonObject Apply(JsonObject target, JsonObject patch, string group, string kind)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(patch);
        var schema = BuiltInSchemas.For(group, kind);
        return MergeMap((JsonObject)target.DeepClone(), (JsonObject)patch.DeepClone(), schema);
    }

    /// <summary>Merges <paramref name="patch"/> into <paramref name="original"/> (both owned by the caller and consumed).</summary>
    private static JsonObject MergeMap(JsonObject original, JsonObject patch, PatchSchemaNode schema)
    {
        if (patch.TryGetPropertyValue(Directive, out var directive))
        {
            switch (Text(directive))
            {
                case "replace":
                    patch.Remove(Directive);
                    return MergeMap(new JsonObject(), patch, schema);
                case "delete":
                    return new JsonObject();
                default:
                    throw PatchException.Plain($"unknown patch type: {V(directive)} in map: {V(patch)}");
            }
        }

        ApplyRetainKeys(original, patch);
        MergeOrderedLists(original, patch, schema);

        foreach (var (patchKey, value) in patch.ToList())
        {
            var key = patchKey;
            var isDeleteList = false;
            if (patchKey.StartsWith(DeleteFromPrimitiveList, StringComparison.Ordinal))
            {
                key = ExtractKey(patchKey, DeleteFromPrimitiveList);
                isDeleteList = true;
            }
            else if (patchKey.StartsWith('$'))
            {
                continue;
            }

            if (value is null)
            {
                original.Remove(key);
                continue;
            }
            var child = schema.Child(key);
            original.TryGetPropertyValue(key, out var current);
            if (current is null || Shape(current) != Shape(value))
            {
                if (!isDeleteList) original[key] = Materialize(value, child);
                continue;
            }
            switch (current)
            {
                case JsonObject currentObject:
                    var mergedObject = MergeMap(currentObject, (JsonObject)value, child);
                    if (!ReferenceEquals(mergedObject, currentObject)) original[key] = mergedObject;
                    break;
                case JsonArray currentArray:
                    var items = Detach(currentArray);
                    original[key] = new JsonArray(MergeSliceHandler(items, ((JsonArray)value).ToList(), child, isDeleteList).ToArray());
                    break;
                default:
                    if (!isDeleteList) original[key] = value.DeepClone();
                    break;
            }
        }
        return original;
    }

    /// <summary><c>$retainKeys</c>: drops the original members not listed; the patch may only set listed members.</summary>
    private static void ApplyRetainKeys(JsonObject original, JsonObject patch)
    {
        if (!patch.TryGetPropertyValue(RetainKeys, out var retain)) return;
        patch.Remove(RetainKeys);
        if (retain is not JsonArray list) throw PatchException.BadRequest("invalid patch format of retainKeys");
        var keep = new HashSet<string>(list.Select(Text).OfType<string>(), StringComparer.Ordinal);
        foreach (var (key, value) in patch)
        {
            if (value is null || key.StartsWith(DeleteFromPrimitiveList, StringComparison.Ordinal) ||
                key.StartsWith(SetElementOrder, StringComparison.Ordinal))
                continue;
            if (!keep.Contains(key)) throw PatchException.BadRequest("invalid patch format of retainKeys");
        }
        foreach (var key in original.Select(p => p.Key).ToList())
            if (!keep.Contains(key)) original.Remove(key);
    }

    /// <summary>
    /// <c>$setElementOrder/&lt;f&gt;</c>: merges list <c>f</c> and orders it as the directive says (precedence: the
    /// directive, then the patch order, then the live order).
    /// </summary>
    private static void MergeOrderedLists(JsonObject original, JsonObject patch, PatchSchemaNode schema)
    {
        foreach (var directiveKey in patch.Select(p => p.Key).Where(k => k.StartsWith(SetElementOrder, StringComparison.Ordinal)).ToList())
        {
            var orderNode = patch[directiveKey];
            patch.Remove(directiveKey);
            if (orderNode is not JsonArray orderArray)
                throw PatchException.Plain($"expected a []interface {{}}, but received a {GoType(orderNode)}");
            var key = ExtractKey(directiveKey, SetElementOrder);
            var order = orderArray.ToList();

            original.TryGetPropertyValue(key, out var originalNode);
            patch.TryGetPropertyValue(key, out var patchNode);
            if (originalNode is not null and not JsonArray)
                throw PatchException.Plain($"expected a []interface {{}}, but received a {GoType(originalNode)}");
            if (patchNode is not null and not JsonArray)
                throw PatchException.Plain($"expected a []interface {{}}, but received a {GoType(patchNode)}");
            var child = schema.Child(key);
            var mergeKey = child.SmpMergeKey ?? "";
            var patchItems = (patchNode as JsonArray)?.ToList();
            ValidateOrder(patchItems ?? [], order, mergeKey);

            List<JsonNode?> merged;
            var serverOrder = (originalNode as JsonArray)?.ToList() ?? [];
            if (originalNode is not null && patchNode is null) merged = Detach((JsonArray)originalNode);
            else if (originalNode is null && patchNode is not null) merged = MaterializeList(patchItems!, child);
            else if (originalNode is not null) merged = MergeSliceHandler(Detach((JsonArray)originalNode), patchItems!, child, false);
            else continue;

            patch.Remove(key);
            if (merged.Count > 0)
            {
                var isMap = ElementKind(serverOrder.Concat(patchItems ?? [])) == JsonValueKind.Object;
                var (inOrder, serverOnly) = Partition(merged, order, mergeKey, isMap);
                merged = NormalizeElementOrder(inOrder, serverOnly, order, serverOrder, mergeKey, isMap);
            }
            original[key] = new JsonArray(merged.ToArray());
        }
    }

    private static List<JsonNode?> MergeSliceHandler(List<JsonNode?> original, List<JsonNode?> patch,
        PatchSchemaNode list, bool isDeleteList) =>
        list.SmpMergeList ? MergeSlice(original, patch, list, isDeleteList) : MaterializeList(patch, list);

    private static List<JsonNode?> MergeSlice(List<JsonNode?> original, List<JsonNode?> patch, PatchSchemaNode list,
        bool isDeleteList)
    {
        if (original.Count == 0 && patch.Count == 0) return original;
        var kind = ElementKind(original.Concat(patch));
        var isMap = kind == JsonValueKind.Object;
        var mergeKey = "";
        List<JsonNode?> merged;
        if (!isMap)
        {
            if (isDeleteList) return original.Where(o => !patch.Any(p => GoEquals(o, p))).ToList();
            merged = [];
            foreach (var item in original.Concat(patch.Select(p => p?.DeepClone())))
                if (!merged.Any(m => GoEquals(m, item))) merged.Add(item);
        }
        else
        {
            mergeKey = list.SmpMergeKey ?? throw PatchException.Plain("cannot merge lists without merge key for type map");
            (original, patch) = ApplySpecialElements(original, patch, mergeKey, list.Item);
            merged = MergeByKey(original, patch, mergeKey, list.Item);
        }
        var (patchItems, serverOnly) = Partition(merged, patch, mergeKey, isMap);
        return NormalizeElementOrder(patchItems, serverOnly, patch, original, mergeKey, isMap);
    }

    /// <summary>List items carrying <c>$patch</c>: deletions by merge key, or a replacement of the whole list.</summary>
    private static (List<JsonNode?> Original, List<JsonNode?> Patch) ApplySpecialElements(
        List<JsonNode?> original, List<JsonNode?> patch, string mergeKey, PatchSchemaNode item)
    {
        var rest = new List<JsonNode?>();
        var replace = false;
        foreach (var node in patch)
        {
            var obj = (JsonObject)node!;
            if (!obj.TryGetPropertyValue(Directive, out var directive))
            {
                rest.Add(obj);
                continue;
            }
            switch (Text(directive))
            {
                case "delete":
                    if (!obj.TryGetPropertyValue(mergeKey, out var value)) throw NoMergeKey(obj, mergeKey);
                    original = original.Where(o => !(o is JsonObject oo && oo.TryGetPropertyValue(mergeKey, out var ov) && GoEquals(ov, value))).ToList();
                    break;
                case "replace":
                    replace = true;
                    break;
                case "merge":
                    throw PatchException.Plain("merging lists cannot yet be specified in the patch");
                default:
                    throw PatchException.Plain($"unknown patch type: {V(directive)} in map: {V(obj)}");
            }
        }
        return replace ? (MaterializeList(rest, item), []) : (original, rest);
    }

    private static List<JsonNode?> MergeByKey(List<JsonNode?> original, List<JsonNode?> patch, string mergeKey,
        PatchSchemaNode item)
    {
        var result = new List<JsonNode?>(original);
        foreach (var node in patch)
        {
            var obj = (JsonObject)node!;
            if (!obj.TryGetPropertyValue(mergeKey, out var value)) throw NoMergeKey(obj, mergeKey);
            var index = result.FindIndex(o => o is JsonObject oo && oo.TryGetPropertyValue(mergeKey, out var ov) && GoEquals(ov, value));
            if (index >= 0) result[index] = MergeMap((JsonObject)result[index]!, obj, item);
            else result.Add(Materialize(obj, item));
        }
        return result;
    }

    /// <summary>Checks that the patch list follows the <c>$setElementOrder</c> list (deletions aside).</summary>
    private static void ValidateOrder(List<JsonNode?> patchList, List<JsonNode?> order, string mergeKey)
    {
        if (order.Count == 0 || patchList.Count == 0) return;
        var items = mergeKey.Length > 0
            ? patchList.Where(p => !(p is JsonObject o && Text(o[Directive]) == "delete")).ToList()
            : patchList;
        int p = 0, s = 0;
        while (p < items.Count && s < order.Count)
        {
            if (items[p] is JsonObject withDirective && withDirective.ContainsKey(Directive))
            {
                p++;
                continue;
            }
            if (SameItem(items[p], order[s], mergeKey)) p++;
            s++;
        }
        if (p < items.Count && s >= order.Count)
        {
            throw PatchException.Plain(
                $"The order in patch list:\n{V(new JsonArray(patchList.Select(x => x?.DeepClone()).ToArray()))}\n doesn't match $setElementOrder list:\n{V(new JsonArray(order.Select(x => x?.DeepClone()).ToArray()))}\n");
        }
    }

    private static (List<JsonNode?> Present, List<JsonNode?> Absent) Partition(List<JsonNode?> items, List<JsonNode?> by, string mergeKey, bool isMap)
    {
        var present = new List<JsonNode?>();
        var absent = new List<JsonNode?>();
        foreach (var item in items)
        {
            if (isMap && !(item is JsonObject o && o.ContainsKey(mergeKey))) throw NoMergeKey(item, mergeKey);
            (IndexOf(by, item, mergeKey, isMap) >= 0 ? present : absent).Add(item);
        }
        return (present, absent);
    }

    /// <summary>
    /// Sorts the patch items by the patch order and the server-only items by the live order, then interleaves them:
    /// a server-only item goes first only when both are in the live list and it came first there.
    /// </summary>
    private static List<JsonNode?> NormalizeElementOrder(List<JsonNode?> patchItems, List<JsonNode?> serverOnly,
        List<JsonNode?> patchOrder, List<JsonNode?> serverOrder, string mergeKey, bool isMap)
    {
        var right = SortBy(patchItems, patchOrder, mergeKey, isMap);
        var left = SortBy(serverOnly, serverOrder, mergeKey, isMap);
        var result = new List<JsonNode?>(left.Count + right.Count);
        int i = 0, j = 0;
        while (i < left.Count || j < right.Count)
        {
            if (i >= left.Count) result.Add(right[j++]);
            else if (j >= right.Count) result.Add(left[i++]);
            else
            {
                var li = IndexOf(serverOrder, left[i], mergeKey, isMap);
                var ri = IndexOf(serverOrder, right[j], mergeKey, isMap);
                if (li >= 0 && ri >= 0 && li < ri) result.Add(left[i++]);
                else result.Add(right[j++]);
            }
        }
        return result;
    }

    private static List<JsonNode?> SortBy(List<JsonNode?> items, List<JsonNode?> order, string mergeKey, bool isMap)
    {
        var deletions = new List<JsonNode?>();
        var toSort = items;
        if (isMap)
        {
            foreach (var node in items.Concat(order))
                if (!(node is JsonObject o && o.ContainsKey(mergeKey))) throw NoMergeKey(node, mergeKey);
            toSort = items.Where(x => Text(((JsonObject)x!)[Directive]) != "delete").ToList();
            deletions = items.Where(x => Text(((JsonObject)x!)[Directive]) == "delete").ToList();
        }
        return toSort
            .Select((item, position) => (Item: item, Position: position, Rank: IndexOf(order, item, mergeKey, isMap)))
            .OrderBy(x => x.Rank < 0 ? int.MaxValue : x.Rank)
            .ThenBy(x => x.Position)
            .Select(x => x.Item)
            .Concat(deletions)
            .ToList();
    }

    private static int IndexOf(List<JsonNode?> list, JsonNode? item, string mergeKey, bool isMap)
    {
        for (var i = 0; i < list.Count; i++)
            if (SameItem(list[i], item, isMap ? mergeKey : "")) return i;
        return -1;
    }

    private static bool SameItem(JsonNode? a, JsonNode? b, string mergeKey)
    {
        if (mergeKey.Length == 0) return GoEquals(a, b);
        if (a is not JsonObject ao) throw PatchException.Plain($"expected a map[string]interface {{}}, but received a {GoType(a)}");
        if (b is not JsonObject bo) throw PatchException.Plain($"expected a map[string]interface {{}}, but received a {GoType(b)}");
        if (!ao.TryGetPropertyValue(mergeKey, out var av)) throw NoMergeKey(ao, mergeKey);
        if (!bo.TryGetPropertyValue(mergeKey, out var bv)) throw NoMergeKey(bo, mergeKey);
        return GoEquals(av, bv);
    }

    /// <summary>A value the patch adds where nothing can merge with it, with its directives resolved and removed.</summary>
    private static JsonNode? Materialize(JsonNode? value, PatchSchemaNode schema) => value switch
    {
        JsonObject obj => MergeMap(new JsonObject(), (JsonObject)obj.DeepClone(), schema),
        JsonArray array => new JsonArray(MaterializeList(array.ToList(), schema).ToArray()),
        _ => value?.DeepClone(),
    };

    private static List<JsonNode?> MaterializeList(List<JsonNode?> items, PatchSchemaNode list) =>
        items.Where(i => !(i is JsonObject o && o.ContainsKey(Directive)))
            .Select(i => Materialize(i, list.Item))
            .ToList();

    private static List<JsonNode?> Detach(JsonArray array)
    {
        var items = array.ToList();
        array.Clear();
        return items;
    }

    /// <summary>The kind shared by all items; lists of lists are refused (422) and mixed kinds too (500).</summary>
    private static JsonValueKind ElementKind(IEnumerable<JsonNode?> items)
    {
        JsonValueKind? kind = null;
        var all = items.ToList();
        foreach (var item in all)
        {
            var k = JsonEquality.Kind(item);
            if (kind is null)
            {
                if (k == JsonValueKind.Array) throw PatchException.GenericInvalid("lists of lists are not supported");
                kind = k;
            }
            else if (kind != k)
            {
                throw PatchException.Plain($"list element types are not identical: {V(new JsonArray(all.Select(x => x?.DeepClone()).ToArray()))}");
            }
        }
        return kind ?? JsonValueKind.Undefined;
    }

    private static string ExtractKey(string key, string prefix)
    {
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0 || key[..slash] != prefix)
        {
            throw PatchException.BadRequest(prefix == SetElementOrder
                ? "invalid patch format of setElementOrder list"
                : "invalid patch format of primitive list");
        }
        return key[(slash + 1)..];
    }

    // %v of a value of the patch or the object, which the strategic merge patch decodes with encoding/json into interface{}.
    private static string V(JsonNode? value) => GoFmt.V(value, NumberDecoding.Float64);

    private static PatchException NoMergeKey(JsonNode? item, string mergeKey) =>
        PatchException.Plain($"map: {V(item)} does not contain declared merge key: {mergeKey}");

    private static bool GoEquals(JsonNode? a, JsonNode? b) =>
        !JsonEquality.IsContainer(a) && !JsonEquality.IsContainer(b) && JsonEquality.ScalarEquals(a, b, numbersByValue: true);

    private static string GoType(JsonNode? node) => JsonEquality.Kind(node) switch
    {
        JsonValueKind.Object => "map[string]interface {}",
        JsonValueKind.Array => "[]interface {}",
        JsonValueKind.String => "string",
        JsonValueKind.Number => "float64",
        JsonValueKind.True => "bool",
        _ => "%!s(<nil>)",
    };

    private static int Shape(JsonNode? node) => node switch { JsonObject => 1, JsonArray => 2, _ => 0 };

    private static string? Text(JsonNode? node) =>
        node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
