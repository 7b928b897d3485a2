using System.Text.Json.Nodes;
using Liqo.Sandbox.ApiServer;

namespace Liqo.Sandbox.Liqo.Runtime;

/// <summary>Small accessors for objects held as JSON (labels, annotations, owner references, nested fields, conditions).</summary>
internal static class Obj
{
    public static string Name(JsonObject o) => ObjectMeta.Name(o);
    public static string Ns(JsonObject o) => ObjectMeta.Namespace(o);
    public static string Uid(JsonObject o) => ObjectMeta.Uid(o);
    public static bool Deleting(JsonObject o) => ObjectMeta.IsDeleting(o);
    public static long Generation(JsonObject o) => ObjectMeta.Generation(o);

    public static string? Label(JsonObject o, string key) =>
        ServerJson.Str(ServerJson.Obj(ServerJson.Obj(o, "metadata"), "labels"), key);
    public static string? Annotation(JsonObject o, string key) =>
        ServerJson.Str(ServerJson.Obj(ServerJson.Obj(o, "metadata"), "annotations"), key);

    public static void SetLabel(JsonObject o, string key, string value) =>
        ServerJson.Ensure(ObjectMeta.Meta(o), "labels")[key] = value;

    public static void SetAnnotation(JsonObject o, string key, string value) =>
        ServerJson.Ensure(ObjectMeta.Meta(o), "annotations")[key] = value;

    public static void RemoveAnnotation(JsonObject o, string key)
    {
        var a = ServerJson.Obj(ObjectMeta.Meta(o), "annotations");
        if (a is null) return;
        a.Remove(key);
        if (a.Count == 0) ObjectMeta.Meta(o).Remove("annotations");
    }

    /// <summary>The node at a path of object keys, or null.</summary>
    public static JsonNode? At(JsonObject? o, params string[] path)
    {
        JsonNode? cur = o;
        foreach (var p in path)
        {
            if (cur is not JsonObject co || !co.TryGetPropertyValue(p, out cur)) return null;
        }
        return cur;
    }

    public static string? Str(JsonObject? o, params string[] path) =>
        At(o, path) is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    public static JsonObject? Object(JsonObject? o, params string[] path) => At(o, path) as JsonObject;

    public static JsonArray? Array(JsonObject? o, params string[] path) => At(o, path) as JsonArray;

    /// <summary>An integer field, whatever number type the node was built with; null when absent or not an integer.</summary>
    public static long? Long(JsonObject? o, params string[] path) =>
        At(o, path) is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.Number
            && long.TryParse(v.ToJsonString(), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var l) ? l : null;

    /// <summary>Sets a value at a path, creating intermediate objects.</summary>
    public static void Set(JsonObject o, JsonNode? value, params string[] path)
    {
        var cur = o;
        for (var i = 0; i < path.Length - 1; i++) cur = ServerJson.Ensure(cur, path[i]);
        cur[path[^1]] = value;
    }

    /// <summary>A base64 field (format: byte) decoded; null when absent or not base64.</summary>
    public static byte[]? Bytes(JsonObject? o, params string[] path)
    {
        var s = Str(o, path);
        if (s is null) return null;
        try
        {
            return Convert.FromBase64String(s);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>An owner reference to <paramref name="owner"/> (controller: also blockOwnerDeletion, as controllerutil sets them).</summary>
    public static JsonObject OwnerRef(JsonObject owner, bool controller)
    {
        var r = new JsonObject
        {
            ["apiVersion"] = ServerJson.Str(owner, "apiVersion"),
            ["kind"] = ServerJson.Str(owner, "kind"),
            ["name"] = Name(owner),
            ["uid"] = Uid(owner),
        };
        if (controller)
        {
            r["controller"] = true;
            r["blockOwnerDeletion"] = true;
        }
        return r;
    }

    public static bool OwnedBy(JsonObject o, string ownerUid) =>
        (ServerJson.Arr(ServerJson.Obj(o, "metadata"), "ownerReferences") ?? []).OfType<JsonObject>()
            .Any(r => ServerJson.Str(r, "uid") == ownerUid);

    /// <summary>The name of the controller owner of the given kind, or null.</summary>
    public static string? ControllerOwner(JsonObject o, string kind) =>
        (ServerJson.Arr(ServerJson.Obj(o, "metadata"), "ownerReferences") ?? []).OfType<JsonObject>()
            .FirstOrDefault(r => ServerJson.Str(r, "kind") == kind && r["controller"] is JsonValue v
                && v.TryGetValue<bool>(out var b) && b) is { } found
            ? ServerJson.Str(found, "name") : null;

    public static JsonObject Meta(string name, string? ns, IDictionary<string, string>? labels = null, IDictionary<string, string>? annotations = null)
    {
        var m = new JsonObject { ["name"] = name };
        if (ns is not null) m["namespace"] = ns;
        if (labels is { Count: > 0 }) m["labels"] = Map(labels);
        if (annotations is { Count: > 0 }) m["annotations"] = Map(annotations);
        return m;
    }

    public static JsonObject Map(IEnumerable<KeyValuePair<string, string>> pairs)
    {
        var o = new JsonObject();
        foreach (var (k, v) in pairs) o[k] = v;
        return o;
    }

    public static JsonArray Strings(IEnumerable<string> values) => new(values.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());

    /// <summary>The condition of a type in status.conditions (or another conditions array).</summary>
    public static JsonObject? Condition(JsonArray? conditions, string type) =>
        conditions?.OfType<JsonObject>().FirstOrDefault(c => ServerJson.Str(c, "type") == type);

    /// <summary>
    /// Sets a condition like meta.SetStatusCondition: lastTransitionTime changes only with the status; returns whether
    /// anything changed.
    /// </summary>
    public static bool SetCondition(JsonObject owner, string arrayField, string type, string status, string? reason, string? message, string now,
        long? observedGeneration = null)
    {
        var conditions = ServerJson.Arr(owner, arrayField);
        if (conditions is null)
        {
            conditions = [];
            owner[arrayField] = conditions;
        }
        var existing = Condition(conditions, type);
        var desired = new JsonObject { ["type"] = type, ["status"] = status };
        if (observedGeneration is { } g) desired["observedGeneration"] = g;
        desired["lastTransitionTime"] = existing is not null && ServerJson.Str(existing, "status") == status
            ? existing["lastTransitionTime"]?.DeepClone() ?? now : now;
        if (reason is not null) desired["reason"] = reason;
        if (message is not null) desired["message"] = message;
        if (existing is not null && JsonNode.DeepEquals(existing, desired)) return false;
        if (existing is not null)
        {
            var i = conditions.IndexOf(existing);
            conditions[i] = desired;
        }
        else conditions.Add(desired);
        return true;
    }
}
