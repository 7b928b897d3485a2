using System.Text.Json.Nodes;
using Liqo.Sandbox.ApiServer.Go;

namespace Liqo.Sandbox.ApiServer.Schema;

/// <summary>The TypeMeta checks the API server applies to x-kubernetes-embedded-resource objects.</summary>
internal static class EmbeddedResourceValidator
{
    public static void ValidateResource(JsonObject obj, StructuralSchemaNode root, List<FieldError> errors) =>
        SchemaWalker.WalkResource(obj, root, (value, s, path) =>
        {
            if (value is JsonObject o && s.EmbeddedResource) CheckTypeMeta(o, path, errors);
        });

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
                errors.Add(new FieldError(FieldErrorType.Invalid, fieldPath, FieldError.ValueText(v),
                    "must be a string"));
            }
            else if (UnstructuredJson.GetString(v!).Length == 0)
            {
                errors.Add(new FieldError(FieldErrorType.Required, fieldPath, null, ""));
            }
        }
    }
}
