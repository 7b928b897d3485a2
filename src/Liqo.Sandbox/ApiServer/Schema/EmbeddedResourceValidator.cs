using System.Text.Json.Nodes;
using Liqo.Sandbox.ApiServer.Go;

namespace Liqo.Sandbox.ApiServer.Schema;

/// <summary>The TypeMeta checks the API server applies to x-kubernetes-embedded-resource objects.</summary>
internal static class EmbeddedResourceValidator
{
    public static void ValidateResource(JsonObject obj, StructuralSchemaNode root, List<FieldError> errors)
    {
        foreach (var (key, value) in obj)
        {
            if (key == "metadata") continue;
            Walk(root, key, value, null, errors);
        }
    }

    private static void Walk(StructuralSchemaNode parent, string key, JsonNode? value, string? path, List<FieldError> errors)
    {
        if (parent.Properties is { } props && props.TryGetValue(key, out var prop))
            Validate(value, prop, ValidationFieldPath.Child(path, key), errors);
        else if (parent.AdditionalProperties is { } ap)
            Validate(value, ap, ValidationFieldPath.Key(path, key), errors);
    }

    private static void Validate(JsonNode? value, StructuralSchemaNode s, string path, List<FieldError> errors)
    {
        switch (value)
        {
            case JsonObject obj:
                if (s.EmbeddedResource) CheckTypeMeta(obj, path, errors);
                foreach (var (k, v) in obj) Walk(s, k, v, path, errors);
                return;
            case JsonArray arr when s.Items is { } items:
                for (var i = 0; i < arr.Count; i++) Validate(arr[i], items, ValidationFieldPath.Index(path, i), errors);
                return;
        }
    }

    private static void CheckTypeMeta(JsonObject obj, string path, List<FieldError> errors)
    {
        foreach (var field in new[] { "apiVersion", "kind" })
        {
            var fieldPath = ValidationFieldPath.Child(path, field);
            if (!obj.TryGetPropertyValue(field, out var v))
            {
                errors.Add(new FieldError(FieldErrorType.Required, fieldPath, null, ""));
            }
            else if (UnstructuredJson.KindOf(v) != JsonKind.String)
            {
                errors.Add(new FieldError(FieldErrorType.Invalid, fieldPath, FieldError.ValueText(v), "must be a string"));
            }
            else if (UnstructuredJson.GetString(v!).Length == 0)
            {
                errors.Add(new FieldError(FieldErrorType.Required, fieldPath, null, ""));
            }
        }
    }
}
