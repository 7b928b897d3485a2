using System.Text.Json.Nodes;
using Liqo.Sandbox.ApiServer.Go;

namespace Liqo.Sandbox.ApiServer.Schema;

/// <summary>
/// The uniqueness invariants of <c>x-kubernetes-list-type: set</c> (whole items) and <c>map</c> (the
/// x-kubernetes-list-map-keys), reported as <c>Duplicate value</c> errors on the second occurrence.
/// </summary>
internal static class ListTypeValidator
{
    public static void ValidateResource(JsonObject obj, StructuralSchemaNode root, List<FieldError> errors) =>
        SchemaWalker.WalkResource(obj, root, (value, s, path) =>
        {
            if (value is JsonArray arr) ValidateList(arr, s, path, errors);
        });

    private static void ValidateList(JsonArray arr, StructuralSchemaNode s, string path, List<FieldError> errors)
    {
        if (s.ListType == "set")
        {
            foreach (var i in NonUnique(arr.Select(ScalarOrCompoundKey).ToList()))
            {
                errors.Add(new FieldError(FieldErrorType.Duplicate, ValidationFieldPath.Index(path, i),
                    FieldError.ValueText(arr[i]), ""));
            }
        }
        else if (s.ListType == "map")
        {
            ValidateListMap(arr, s, path, errors);
        }
    }

    private static void ValidateListMap(JsonArray arr, StructuralSchemaNode s, string path, List<FieldError> errors)
    {
        for (var i = 0; i < arr.Count; i++)
        {
            if (!UnstructuredJson.IsNull(arr[i]) && arr[i] is not JsonObject)
            {
                errors.Add(new FieldError(FieldErrorType.Invalid, ValidationFieldPath.Index(path, i),
                    FieldError.ValueText(arr[i]), "must be an object for an array of list-type map"));
                return;
            }
        }
        if (arr.Count <= 1) return;
        var keyFields = s.ListMapKeys ?? [];
        var keyObjects = new List<JsonObject>(arr.Count);
        var keyStrings = new List<string>(arr.Count);
        foreach (var item in arr)
        {
            var key = new JsonObject();
            if (item is JsonObject o)
            {
                foreach (var k in keyFields)
                {
                    if (o.TryGetPropertyValue(k, out var kv)) key[k] = kv?.DeepClone();
                }
            }
            keyObjects.Add(key);
            keyStrings.Add(keyFields.Count == 1
                ? (key.Count == 0 ? "\u0000unspecified" : ScalarOrCompoundKey(key[keyFields[0]]))
                : "c:" + UnstructuredJson.Canonical(key));
        }
        foreach (var i in NonUnique(keyStrings))
        {
            errors.Add(new FieldError(FieldErrorType.Duplicate, ValidationFieldPath.Index(path, i),
                GoFmt.SharpV(keyObjects[i], NumberDecoding.Unstructured), ""));
        }
    }

    /// <summary>Indexes of the second appearance of each repeated key.</summary>
    private static IEnumerable<int> NonUnique(List<string> keys)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < keys.Count; i++)
        {
            seen.TryGetValue(keys[i], out var times);
            seen[keys[i]] = times + 1;
            if (times == 1) yield return i;
        }
    }

    /// <summary>
    /// Go compares scalars by dynamic type and value (int64 1 differs from float64 1) and compounds by their JSON.
    /// </summary>
    private static string ScalarOrCompoundKey(JsonNode? node)
    {
        var kind = UnstructuredJson.KindOf(node);
        return kind switch
        {
            JsonKind.Array or JsonKind.Object => "c:" + UnstructuredJson.Canonical(node),
            _ => kind + ":" + UnstructuredJson.Canonical(node),
        };
    }
}
