using System.Text.Json.Nodes;
using Liqo.Sandbox.ApiServer.Go;

namespace Liqo.Sandbox.ApiServer.Types;

/// <summary>ConfigMap: key validation and immutability.</summary>
internal sealed class ConfigMapStrategy : IResourceStrategy
{
    public void Validate(JsonObject obj, JsonObject? old, List<FieldError> errors)
    {
        MetadataValidation.ValidateConfigKeys(ServerJson.Obj(obj, "data"), "data", errors);
        MetadataValidation.ValidateConfigKeys(ServerJson.Obj(obj, "binaryData"), "binaryData", errors);
        if (ServerJson.Obj(obj, "data") is { } data && ServerJson.Obj(obj, "binaryData") is { } bin)
            foreach (var (k, _) in data)
                if (bin.ContainsKey(k))
                    errors.Add(new FieldError(FieldErrorType.Invalid, $"data[{k}]", Strconv.Quote(k), "duplicate of key present in binaryData"));
        ImmutableData.Check(obj, old, errors);
    }
}

/// <summary>The immutable flag of ConfigMaps and Secrets.</summary>
internal static class ImmutableData
{
    public static void Check(JsonObject obj, JsonObject? old, List<FieldError> errors)
    {
        if (old is null || old["immutable"] is not JsonValue v || !v.TryGetValue<bool>(out var immutable) || !immutable) return;
        if (obj["immutable"] is not JsonValue nv || !nv.TryGetValue<bool>(out var stillImmutable) || !stillImmutable)
            errors.Add(new FieldError(FieldErrorType.Forbidden, "immutable", null, "field is immutable when `immutable` is set"));
        foreach (var field in new[] { "data", "binaryData" })
            if (!JsonNode.DeepEquals(obj[field], old[field]))
                errors.Add(new FieldError(FieldErrorType.Forbidden, field, null, "field is immutable when `immutable` is set"));
    }
}
