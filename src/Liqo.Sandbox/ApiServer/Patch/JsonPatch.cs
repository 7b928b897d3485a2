using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Liqo.Sandbox.ApiServer.Go;

namespace Liqo.Sandbox.ApiServer.Patch;

/// <summary>
/// RFC 6902 JSON patch (<c>application/json-patch+json</c>) with the API server's answers.
/// </summary>
/// <remarks>
/// <para>How the real server answers (apiserver <c>handlers/patch.go</c> on evanphx/json-patch v4):</para>
/// <list type="bullet">
/// <item>An operation that cannot be applied (a failed <c>test</c>, a missing path, a bad index, an unknown
/// <c>op</c>) gives <b>422 Invalid</b>, message <c>the server rejected our request due to an error in our
/// request</c>, and <b>no</b> causes: the json-patch error text is thrown away (kubectl prints
/// <c>The request is invalid: the server rejected our request due to an error in our request</c>). The sandbox keeps
/// that text, worded as evanphx/json-patch words it, in <see cref="PatchException.Detail"/> for its logs only.</item>
/// <item>An element of the operation array that is not a JSON object gives 400 BadRequest
/// (<c>json: cannot unmarshal number into Go value of type jsonpatch.Operation</c>).</item>
/// <item>More than 10000 operations give 413 RequestEntityTooLarge.</item>
/// </list>
/// <para>Where evanphx/json-patch v4 is laxer than RFC 6902 the sandbox follows the RFC, so it is stricter than a
/// real server: <c>replace</c> of a missing member fails (v4 adds it), <c>copy</c> from a missing member fails (v4
/// copies null), <c>test</c> of a missing member against <c>null</c> fails (v4 passes), an <c>add</c>/<c>replace</c>
/// without <c>value</c> fails (v4 writes null), and negative or zero-padded array indices are refused (v4 takes
/// them). Like v4, <c>add</c> and <c>remove</c> of the whole document (<c>""</c>) fail; <c>replace</c> and
/// <c>test</c> of <c>""</c> work.</para>
/// </remarks>
public static class JsonPatch
{
    private const int MaxOperations = 10000;

    /// <summary>Applies the operations to a copy of <paramref name="target"/>; throws <see cref="PatchException"/> as the API server fails.</summary>
    public static JsonNode Apply(JsonNode target, JsonArray operations)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(operations);
        foreach (var op in operations)
        {
            if (op is JsonObject or null) continue;
            var kind = JsonEquality.Kind(op) switch
            {
                JsonValueKind.Array => "array",
                JsonValueKind.String => "string",
                JsonValueKind.Number => "number",
                _ => "bool",
            };
            throw PatchException.BadRequest($"json: cannot unmarshal {kind} into Go value of type jsonpatch.Operation");
        }
        if (operations.Count > MaxOperations)
        {
            throw new PatchException(413, "RequestEntityTooLarge",
                $"Request entity too large: The allowed maximum operations in a JSON patch is {MaxOperations}, got {operations.Count}");
        }

        var doc = target.DeepClone();
        foreach (var node in operations)
        {
            var op = node as JsonObject;
            var kind = StringMember(op, "op") ?? "unknown";
            doc = kind switch
            {
                "add" => Add(doc, op!),
                "remove" => Remove(doc, op!),
                "replace" => Replace(doc, op!),
                "move" => Move(doc, op!),
                "copy" => Copy(doc, op!),
                "test" => Test(doc, op!),
                _ => throw PatchException.GenericInvalid($"Unexpected kind: {kind}"),
            };
        }
        return doc;
    }

    private static JsonNode Add(JsonNode doc, JsonObject op)
    {
        var path = StringMember(op, "path") ?? throw PatchException.GenericInvalid("add operation failed to decode path: missing value");
        if (!op.TryGetPropertyValue("value", out var value))
            throw PatchException.GenericInvalid($"add operation does not apply: operation, missing value field: missing value");
        var (parent, key) = FindParent(doc, path);
        if (parent is null) throw PatchException.GenericInvalid($"add operation does not apply: doc is missing path: \"{path}\": missing value");
        var error = Insert(parent, key, value?.DeepClone());
        if (error is not null) throw PatchException.GenericInvalid($"error in add for path: '{path}': {error}");
        return doc;
    }

    private static JsonNode Remove(JsonNode doc, JsonObject op)
    {
        var path = StringMember(op, "path") ?? throw PatchException.GenericInvalid("remove operation failed to decode path: missing value");
        var (parent, key) = FindParent(doc, path);
        if (parent is null) throw PatchException.GenericInvalid($"remove operation does not apply: doc is missing path: \"{path}\": missing value");
        var error = Delete(parent, key, out _);
        if (error is not null) throw PatchException.GenericInvalid($"error in remove for path: '{path}': {error}");
        return doc;
    }

    private static JsonNode Replace(JsonNode doc, JsonObject op)
    {
        var path = StringMember(op, "path") ?? throw PatchException.GenericInvalid("replace operation failed to decode path: operation missing path field: missing value");
        if (!op.TryGetPropertyValue("value", out var value))
            throw PatchException.GenericInvalid($"replace operation does not apply: operation, missing value field: missing value");
        if (path.Length == 0)
        {
            if (value is JsonObject or JsonArray) return value.DeepClone();
            throw PatchException.GenericInvalid("replace operation value must be object or array");
        }
        var (parent, key) = FindParent(doc, path);
        if (parent is null) throw PatchException.GenericInvalid($"replace operation does not apply: doc is missing path: {path}: missing value");
        if (!TryGet(parent, key, out _, out _))
            throw PatchException.GenericInvalid($"replace operation does not apply: doc is missing key: {path}: missing value");
        switch (parent)
        {
            case JsonObject o:
                o[key] = value?.DeepClone();
                break;
            case JsonArray a when JsonPointer.TryParseIndex(key, out var index): // TryGet above checked the index
                a[index] = value?.DeepClone();
                break;
        }
        return doc;
    }

    private static JsonNode Move(JsonNode doc, JsonObject op)
    {
        var from = StringMember(op, "from") ?? throw PatchException.GenericInvalid("move operation failed to decode from: operation, missing from field: missing value");
        var (source, sourceKey) = FindParent(doc, from);
        if (source is null) throw PatchException.GenericInvalid($"move operation does not apply: doc is missing from path: {from}: missing value");
        var error = Delete(source, sourceKey, out var value);
        if (error is not null) throw PatchException.GenericInvalid($"error in move for path: '{sourceKey}': {error}");
        var path = StringMember(op, "path") ?? throw PatchException.GenericInvalid("move operation failed to decode path: operation missing path field: missing value");
        var (parent, key) = FindParent(doc, path);
        if (parent is null) throw PatchException.GenericInvalid($"move operation does not apply: doc is missing destination path: {path}: missing value");
        error = Insert(parent, key, value);
        if (error is not null) throw PatchException.GenericInvalid($"error in move for path: '{path}': {error}");
        return doc;
    }

    private static JsonNode Copy(JsonNode doc, JsonObject op)
    {
        var from = StringMember(op, "from") ?? throw PatchException.GenericInvalid("copy operation failed to decode from: operation, missing from field: missing value");
        var (source, sourceKey) = FindParent(doc, from);
        if (source is null) throw PatchException.GenericInvalid($"copy operation does not apply: doc is missing from path: {from}: missing value");
        if (!TryGet(source, sourceKey, out var value, out var error))
        {
            throw PatchException.GenericInvalid(error is null
                ? $"copy operation does not apply: doc is missing from path: {from}: missing value"
                : $"error in copy for from: '{from}': {error}");
        }
        var path = StringMember(op, "path") ?? throw PatchException.GenericInvalid("copy operation failed to decode path: missing value");
        var (parent, key) = FindParent(doc, path);
        if (parent is null) throw PatchException.GenericInvalid($"copy operation does not apply: doc is missing destination path: {path}: missing value");
        error = Insert(parent, key, value?.DeepClone());
        if (error is not null) throw PatchException.GenericInvalid($"error while adding value during copy: {error}");
        return doc;
    }

    private static JsonNode Test(JsonNode doc, JsonObject op)
    {
        var path = StringMember(op, "path") ?? throw PatchException.GenericInvalid("test operation failed to decode path: operation missing path field: missing value");
        var hasValue = op.TryGetPropertyValue("value", out var expected);
        if (path.Length == 0)
        {
            if (hasValue && JsonEquality.DeepEquals(doc, expected, numbersByValue: false)) return doc;
            throw PatchException.GenericInvalid($"testing value {path} failed: test failed");
        }
        var (parent, key) = FindParent(doc, path);
        if (parent is null) throw PatchException.GenericInvalid($"test operation does not apply: is missing path: {path}: missing value");
        if (!TryGet(parent, key, out var actual, out var error))
        {
            if (error is not null) throw PatchException.GenericInvalid($"error in test for path: '{path}': {error}");
            throw PatchException.GenericInvalid($"testing value {path} failed: test failed");
        }
        if (!hasValue || !JsonEquality.DeepEquals(actual, expected, numbersByValue: false))
            throw PatchException.GenericInvalid($"testing value {path} failed: test failed");
        return doc;
    }

    /// <summary>The container holding the location <paramref name="path"/> points to, and the last token; null when absent.</summary>
    private static (JsonNode? Parent, string Key) FindParent(JsonNode doc, string path)
    {
        if (path.Length == 0 || !JsonPointer.TryParse(path, out var tokens) || tokens.Length == 0) return (null, "");
        var current = doc;
        for (var i = 0; i < tokens.Length - 1; i++)
        {
            current = current switch
            {
                JsonObject o => o.TryGetPropertyValue(tokens[i], out var child) ? child : null,
                JsonArray a => JsonPointer.TryParseIndex(tokens[i], out var index) && index < a.Count ? a[index] : null,
                _ => null,
            };
            if (current is not (JsonObject or JsonArray)) return (null, "");
        }
        return current is JsonObject or JsonArray ? (current, tokens[^1]) : (null, "");
    }

    /// <summary>Reads a member or element; false with a null error when an object member is missing.</summary>
    private static bool TryGet(JsonNode parent, string key, out JsonNode? value, out string? error)
    {
        value = null;
        error = null;
        if (parent is JsonObject o) return o.TryGetPropertyValue(key, out value);
        var array = (JsonArray)parent;
        error = IndexError(key, array.Count, allowEnd: false, out var index);
        if (error is not null) return false;
        value = array[index];
        return true;
    }

    private static string? Insert(JsonNode parent, string key, JsonNode? value)
    {
        if (parent is JsonObject o)
        {
            o[key] = value;
            return null;
        }
        var array = (JsonArray)parent;
        if (key == "-")
        {
            array.Add(value);
            return null;
        }
        if (!IsInteger(key)) return $"value was not a proper array index: '{key}': {AtoiError(key)}";
        var error = IndexError(key, array.Count, allowEnd: true, out var index);
        if (error is not null) return error;
        array.Insert(index, value);
        return null;
    }

    private static string? Delete(JsonNode parent, string key, out JsonNode? removed)
    {
        removed = null;
        if (parent is JsonObject o)
        {
            if (!o.TryGetPropertyValue(key, out removed)) return $"Unable to remove nonexistent key: {key}: missing value";
            o.Remove(key);
            return null;
        }
        var array = (JsonArray)parent;
        var error = IndexError(key, array.Count, allowEnd: false, out var index);
        if (error is not null) return error;
        removed = array[index];
        array.RemoveAt(index);
        return null;
    }

    private static string? IndexError(string key, int count, bool allowEnd, out int index)
    {
        if (!IsInteger(key))
        {
            index = -1;
            return AtoiError(key);
        }
        if (JsonPointer.TryParseIndex(key, out index) && (index < count || (allowEnd && index == count))) return null;
        return $"Unable to access invalid index: {key}: invalid index referenced";
    }

    private static bool IsInteger(string key) =>
        long.TryParse(key, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _);

    private static string AtoiError(string key) => $"strconv.Atoi: parsing {Strconv.Quote(key)}: invalid syntax";

    private static string? StringMember(JsonObject? op, string name) =>
        op is not null && op.TryGetPropertyValue(name, out var v) && JsonEquality.Kind(v) == JsonValueKind.String
            ? v!.GetValue<string>()
            : null;
}
