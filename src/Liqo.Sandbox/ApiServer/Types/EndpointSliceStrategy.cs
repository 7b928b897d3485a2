using System.Text.Json.Nodes;

namespace Liqo.Sandbox.ApiServer.Types;

/// <summary>
/// discovery.k8s.io/v1 EndpointSlice: addressType required (IPv4, IPv6 or FQDN) and immutable; every endpoint has 1 to
/// 100 addresses.
/// </summary>
internal sealed class EndpointSliceStrategy : IResourceStrategy
{
    private static readonly string[] AddressTypes = ["IPv4", "IPv6", "FQDN"];

    public void Validate(JsonObject obj, JsonObject? old, List<FieldError> errors)
    {
        var addressType = ServerJson.Str(obj, "addressType");
        if (string.IsNullOrEmpty(addressType))
            errors.Add(new FieldError(FieldErrorType.Required, "addressType", null, ""));
        else if (!AddressTypes.Contains(addressType))
            errors.Add(new FieldError(FieldErrorType.NotSupported, "addressType", FieldError.ValueText(JsonValue.Create(addressType)), "supported values: \"FQDN\", \"IPv4\", \"IPv6\""));
        else if (old is not null && ServerJson.Str(old, "addressType") is { } was && was != addressType)
            errors.Add(new FieldError(FieldErrorType.Invalid, "addressType", FieldError.ValueText(JsonValue.Create(addressType)), "field is immutable"));
        var endpoints = ServerJson.Arr(obj, "endpoints") ?? [];
        for (var i = 0; i < endpoints.Count; i++)
        {
            var count = ServerJson.Arr(endpoints[i] as JsonObject, "addresses")?.Count ?? 0;
            if (count == 0)
                errors.Add(new FieldError(FieldErrorType.Required, $"endpoints[{i}].addresses", null, "must contain at least 1 address"));
            else if (count > 100)
                errors.Add(new FieldError(FieldErrorType.TooMany, $"endpoints[{i}].addresses", count.ToString(System.Globalization.CultureInfo.InvariantCulture), "must have at most 100 items"));
        }
    }
}
