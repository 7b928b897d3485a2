using System.Text.Json.Nodes;
using Liqo.Sandbox.ApiServer.Go;
using Liqo.Sandbox.ApiServer.Schema;

namespace Liqo.Sandbox.ApiServer.Types;

/// <summary>CustomResourceDefinition: name defaults, the naming rules, one storage version, structural schemas.</summary>
internal sealed class CrdStrategy : IResourceStrategy
{
    public void PrepareForCreate(JsonObject obj, StrategyContext ctx)
    {
        Defaults(obj);
        var storage = (ServerJson.Arr(ServerJson.Obj(obj, "spec"), "versions") ?? []).OfType<JsonObject>()
            .Where(v => v["storage"] is JsonValue s && s.TryGetValue<bool>(out var b) && b)
            .Select(v => ServerJson.Str(v, "name")).FirstOrDefault();
        obj["status"] = new JsonObject
        {
            ["conditions"] = null,
            ["acceptedNames"] = new JsonObject { ["plural"] = "", ["kind"] = "" },
            ["storedVersions"] = storage is null ? new JsonArray() : new JsonArray(storage),
        };
    }

    public void PrepareForUpdate(JsonObject obj, JsonObject old, StrategyContext ctx) => Defaults(obj);

    private static void Defaults(JsonObject obj)
    {
        var spec = ServerJson.Ensure(obj, "spec");
        var names = ServerJson.Ensure(spec, "names");
        var kind = ServerJson.Str(names, "kind") ?? "";
        if (string.IsNullOrEmpty(ServerJson.Str(names, "singular")) && kind.Length > 0)
            names["singular"] = kind.ToLowerInvariant();
        if (string.IsNullOrEmpty(ServerJson.Str(names, "listKind")) && kind.Length > 0)
            names["listKind"] = kind + "List";
        spec["conversion"] ??= new JsonObject { ["strategy"] = "None" };
    }

    public void Validate(JsonObject obj, JsonObject? old, List<FieldError> errors)
    {
        var spec = ServerJson.Obj(obj, "spec");
        var group = ServerJson.Str(spec, "group") ?? "";
        var names = ServerJson.Obj(spec, "names");
        var plural = ServerJson.Str(names, "plural") ?? "";
        var name = ObjectMeta.Name(obj);
        if (name != plural + "." + group)
            errors.Add(new FieldError(FieldErrorType.Invalid, "metadata.name", Strconv.Quote(name), "must be spec.names.plural+\".\"+spec.group"));
        if (group.Length == 0) errors.Add(new FieldError(FieldErrorType.Required, "spec.group", null, ""));
        else if (!group.Contains('.')) errors.Add(new FieldError(FieldErrorType.Invalid, "spec.group", Strconv.Quote(group), "should be a domain with at least one dot"));
        if (plural.Length == 0) errors.Add(new FieldError(FieldErrorType.Required, "spec.names.plural", null, ""));
        else if (!MetadataValidation.IsLabel(plural))
            errors.Add(new FieldError(FieldErrorType.Invalid, "spec.names.plural", Strconv.Quote(plural), "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')"));
        if (string.IsNullOrEmpty(ServerJson.Str(names, "kind")))
            errors.Add(new FieldError(FieldErrorType.Required, "spec.names.kind", null, ""));
        var scope = ServerJson.Str(spec, "scope") ?? "";
        if (scope is not ("Cluster" or "Namespaced"))
            errors.Add(new FieldError(FieldErrorType.NotSupported, "spec.scope", Strconv.Quote(scope), "supported values: \"Cluster\", \"Namespaced\""));
        var versions = ServerJson.Arr(spec, "versions");
        if (versions is not { Count: > 0 })
        {
            errors.Add(new FieldError(FieldErrorType.Invalid, "spec.versions", "[]apiextensions.CustomResourceDefinitionVersion(nil)", "must have exactly one version marked as storage version"));
            return;
        }
        var storageCount = versions.OfType<JsonObject>().Count(v => v["storage"] is JsonValue s && s.TryGetValue<bool>(out var b) && b);
        if (storageCount != 1)
            errors.Add(new FieldError(FieldErrorType.Invalid, "spec.versions", "[]apiextensions.CustomResourceDefinitionVersion{...}", "must have exactly one version marked as storage version"));
        for (var i = 0; i < versions.Count; i++)
        {
            var v = versions[i] as JsonObject;
            if (string.IsNullOrEmpty(ServerJson.Str(v, "name")))
                errors.Add(new FieldError(FieldErrorType.Required, $"spec.versions[{i}].name", null, ""));
            var schema = ServerJson.Obj(ServerJson.Obj(v, "schema"), "openAPIV3Schema");
            if (schema is null)
            {
                errors.Add(new FieldError(FieldErrorType.Required, $"spec.versions[{i}].schema.openAPIV3Schema", null, "schemas are required"));
                continue;
            }
            try
            {
                StructuralSchema.FromOpenApiV3(schema);
            }
            catch (ArgumentException e)
            {
                errors.Add(new FieldError(FieldErrorType.Invalid, $"spec.versions[{i}].schema.openAPIV3Schema", null, e.Message));
            }
        }
        if (old is not null)
        {
            var oldSpec = ServerJson.Obj(old, "spec");
            if (ServerJson.Str(oldSpec, "scope") is { } oldScope && oldScope != scope)
                errors.Add(new FieldError(FieldErrorType.Invalid, "spec.scope", Strconv.Quote(scope), "field is immutable"));
            if (ServerJson.Str(oldSpec, "group") is { } oldGroup && oldGroup != group)
                errors.Add(new FieldError(FieldErrorType.Invalid, "spec.group", Strconv.Quote(group), "field is immutable"));
        }
    }
}
