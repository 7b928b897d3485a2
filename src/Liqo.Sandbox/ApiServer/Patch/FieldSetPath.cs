using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Liqo.Sandbox.ApiServer.Go;

namespace Liqo.Sandbox.ApiServer.Patch;

/// <summary>
/// Paths of structured-merge-diff field sets, kept as strings: each element is written as in FieldsV1
/// (<c>f:name</c>, <c>k:{"name":"x"}</c>, <c>v:"x"</c>, <c>i:0</c>) and elements are joined by a NUL character.
/// The root path is the empty string.
/// </summary>
internal static class FieldSetPath
{
    public const char Separator = '\0';

    /// <summary>A struct field or map entry element.</summary>
    public static string Field(string name) => "f:" + name;

    /// <summary>A set item element, e.g. <c>v:"finalizer"</c>.</summary>
    public static string Value(JsonNode? value) =>
        "v:" + ServerGoJson.Marshal(value, NumberDecoding.Unstructured, GoJsonEncoder.JsonIterator);

    /// <summary>A list index element, used only where an item has no usable identity.</summary>
    public static string Index(int index) => "i:" + index.ToString(CultureInfo.InvariantCulture);

    /// <summary>A list-map item element from its key fields, e.g. <c>k:{"containerPort":80,"protocol":"TCP"}</c>.</summary>
    /// <remarks>
    /// As structured-merge-diff v4 writes it with json-iterator: the fields sorted by name (Go's string order), each name
    /// written as a field name (no HTML escapes), each value marshalled.
    /// </remarks>
    public static string Key(IEnumerable<KeyValuePair<string, JsonNode?>> fields)
    {
        var sb = new StringBuilder("k:{");
        var first = true;
        foreach (var (name, value) in fields.OrderBy(f => f.Key, GoStringOrder.Instance))
        {
            if (!first) sb.Append(',');
            first = false;
            sb.Append(ServerGoJson.String(name, GoJsonEncoder.JsonIterator, escapeHtml: false)).Append(':')
                .Append(ServerGoJson.Marshal(value, NumberDecoding.Unstructured, GoJsonEncoder.JsonIterator));
        }
        return sb.Append('}').ToString();
    }

    /// <summary>
    /// The element that identifies <paramref name="item"/> in the list at <paramref name="list"/>; null with an error
    /// text when a list-map item lacks a key field that has no default.
    /// </summary>
    public static string? ItemElement(JsonNode? item, PatchSchemaNode list, out string? error)
    {
        error = null;
        if (list.ListType == ListType.Set) return Value(item);
        if (item is not JsonObject obj)
        {
            error = "expected map, got " + JsonEquality.Kind(item).ToString().ToLowerInvariant();
            return null;
        }
        var fields = new List<KeyValuePair<string, JsonNode?>>();
        foreach (var key in list.MapKeys)
        {
            if (obj.TryGetPropertyValue(key, out var v) && v is not null)
            {
                fields.Add(new(key, v));
                continue;
            }
            var fallback = list.KeyDefault(key);
            if (fallback is null)
            {
                error = $"associative list with keys has an element that omits key field {Strconv.Quote(key)} (and doesn't have default value)";
                return null;
            }
            fields.Add(new(key, fallback));
        }
        return Key(fields);
    }

    /// <summary>Appends an element to a path.</summary>
    public static string Append(string path, string element) => path.Length == 0 ? element : path + Separator + element;

    /// <summary>The elements of a path.</summary>
    public static string[] Elements(string path) => path.Length == 0 ? [] : path.Split(Separator);

    /// <summary>The parent of a path ("" for a top-level element).</summary>
    public static string Parent(string path)
    {
        var i = path.LastIndexOf(Separator);
        return i < 0 ? "" : path[..i];
    }

    /// <summary>True when <paramref name="path"/> is <paramref name="ancestor"/> or lies below it.</summary>
    public static bool IsWithin(string path, string ancestor) =>
        ancestor.Length == 0 || path == ancestor ||
        (path.Length > ancestor.Length && path[ancestor.Length] == Separator && path.StartsWith(ancestor, StringComparison.Ordinal));

    /// <summary>
    /// The API server's notation of a path, as in conflict messages: <c>.spec.containers[name="app"].image</c>,
    /// <c>.metadata.finalizers[="x"]</c>.
    /// </summary>
    public static string Display(string path)
    {
        var parts = Elements(path).Select(DisplayElement);
        return string.Concat(parts);
    }

    private static string DisplayElement(string element)
    {
        var body = element[2..];
        switch (element[0])
        {
            case 'f':
                return "." + body;
            case 'k':
                var obj = JsonNode.Parse(body) as JsonObject ?? [];
                return "[" + string.Join(",", obj.Select(p => p.Key + "=" + DisplayValue(p.Value))) + "]";
            case 'v':
                return "[=" + DisplayValue(JsonNode.Parse(body)) + "]";
            default:
                return "[" + body + "]";
        }
    }

    private static string DisplayValue(JsonNode? value) => JsonEquality.Kind(value) switch
    {
        JsonValueKind.String => Strconv.Quote(value!.GetValue<string>()),
        JsonValueKind.Number => GoFmt.V(value, NumberDecoding.Unstructured),
        JsonValueKind.Null => "null",
        _ => value!.ToJsonString(),
    };

    /// <summary>
    /// Re-writes a FieldsV1 element in canonical form (key and value JSON re-encoded); null when it is not one.
    /// </summary>
    public static string? Canonical(string element)
    {
        if (element.Length < 2 || element[1] != ':') return null;
        var body = element[2..];
        try
        {
            switch (element[0])
            {
                case 'f':
                    return element;
                case 'k':
                    return JsonNode.Parse(body) is JsonObject obj ? Key(obj) : null;
                case 'v':
                    return Value(JsonNode.Parse(body));
                case 'i':
                    return int.TryParse(body, NumberStyles.None, CultureInfo.InvariantCulture, out var i) ? Index(i) : null;
                default:
                    return null;
            }
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Orders elements as structured-merge-diff does: fields, then keys, then values, then indices.</summary>
    public static int CompareElements(string a, string b)
    {
        var ra = Rank(a[0]);
        var rb = Rank(b[0]);
        if (ra != rb) return ra.CompareTo(rb);
        switch (a[0])
        {
            case 'f':
                return string.CompareOrdinal(a, b);
            case 'k':
                var ka = (JsonObject)JsonNode.Parse(a[2..])!;
                var kb = (JsonObject)JsonNode.Parse(b[2..])!;
                if (ka.Count != kb.Count) return ka.Count.CompareTo(kb.Count);
                var la = ka.OrderBy(p => p.Key, StringComparer.Ordinal).ToList();
                var lb = kb.OrderBy(p => p.Key, StringComparer.Ordinal).ToList();
                for (var i = 0; i < la.Count; i++)
                {
                    var c = string.CompareOrdinal(la[i].Key, lb[i].Key);
                    if (c != 0) return c;
                    c = JsonEquality.CompareScalars(la[i].Value, lb[i].Value);
                    if (c != 0) return c;
                }
                return 0;
            case 'v':
                return JsonEquality.CompareScalars(JsonNode.Parse(a[2..]), JsonNode.Parse(b[2..]));
            default:
                return int.Parse(a[2..], CultureInfo.InvariantCulture).CompareTo(int.Parse(b[2..], CultureInfo.InvariantCulture));
        }
    }

    private static int Rank(char c) => c switch { 'f' => 0, 'k' => 1, 'v' => 2, _ => 3 };
}
