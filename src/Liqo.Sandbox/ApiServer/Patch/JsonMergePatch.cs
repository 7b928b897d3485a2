using System.Text.Json.Nodes;

namespace Liqo.Sandbox.ApiServer.Patch;

/// <summary>
/// RFC 7386 JSON merge patch, as the API server applies <c>application/merge-patch+json</c>.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>A <c>null</c> member deletes the target member; a member whose target is not an object is replaced by the
/// patch value with its <c>null</c> members removed (RFC 7386 §2, so <c>{"a":{"b":null}}</c> on <c>{}</c> gives
/// <c>{"a":{}}</c>).</item>
/// <item>Arrays are replaced whole, element by element as sent.</item>
/// <item>The whole patch must be a JSON object or array: a <c>null</c> or scalar patch is refused with 400
/// <c>Invalid JSON Patch</c>, as evanphx/json-patch's <c>ErrBadJSONPatch</c> makes the API server answer. An array
/// patch replaces the document (the caller's decoding of the result then fails as on a real server).</item>
/// <item>Neither input is modified.</item>
/// </list>
/// </remarks>
public static class JsonMergePatch
{
    private const string BadPatch = "Invalid JSON Patch";

    /// <summary>Returns a new node: <paramref name="target"/> with <paramref name="patch"/> merged in (inputs are not modified).</summary>
    /// <exception cref="PatchException">400 BadRequest when <paramref name="patch"/> is null or a scalar.</exception>
    public static JsonNode? Apply(JsonNode? target, JsonNode? patch)
    {
        if (patch is null || patch is JsonValue) throw PatchException.BadRequest(BadPatch);
        return Merge(target, patch);
    }

    /// <summary>The RFC 7386 MergePatch function on clones.</summary>
    internal static JsonNode? Merge(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonObject patchObject) return patch?.DeepClone();
        var result = target is JsonObject targetObject ? (JsonObject)targetObject.DeepClone() : new JsonObject();
        foreach (var (key, value) in patchObject)
        {
            if (value is null)
            {
                result.Remove(key);
                continue;
            }
            result.TryGetPropertyValue(key, out var current);
            var merged = Merge(current, value);
            if (result.ContainsKey(key)) result[key] = merged;
            else result.Add(key, merged);
        }
        return result;
    }
}
