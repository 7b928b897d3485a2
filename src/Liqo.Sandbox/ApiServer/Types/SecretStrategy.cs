using System.Text;
using System.Text.Json.Nodes;
using Liqo.Sandbox.ApiServer.Go;

namespace Liqo.Sandbox.ApiServer.Types;

/// <summary>Secret: stringData merged into base64 data, type Opaque by default, base64 and key validation, immutable type.</summary>
internal sealed class SecretStrategy : IResourceStrategy
{
    public void PrepareForCreate(JsonObject obj, StrategyContext ctx) => Normalize(obj);

    public void PrepareForUpdate(JsonObject obj, JsonObject old, StrategyContext ctx) => Normalize(obj);

    /// <summary>Checks data values are base64 (the real server fails decoding with 400) and folds stringData into data.</summary>
    public static void Normalize(JsonObject obj)
    {
        if (ServerJson.Obj(obj, "data") is { } data)
            foreach (var (k, v) in data)
            {
                var s = v is JsonValue jv && jv.TryGetValue<string>(out var str) ? str : null;
                var badAt = 0;
                if (s is null || !IsBase64(s, out badAt))
                    throw ApiErrors.BadRequest($"Secret in version \"v1\" cannot be handled as a Secret: illegal base64 data at input byte {badAt}");
            }
        if (ServerJson.Obj(obj, "stringData") is { } sd)
        {
            var target = ServerJson.Ensure(obj, "data");
            foreach (var (k, v) in sd)
            {
                var text = v is JsonValue jv && jv.TryGetValue<string>(out var str) ? str : v?.ToJsonString() ?? "";
                target[k] = Convert.ToBase64String(Encoding.UTF8.GetBytes(text));
            }
            obj.Remove("stringData");
        }
        if (string.IsNullOrEmpty(ServerJson.Str(obj, "type"))) obj["type"] = "Opaque";
    }

    private static bool IsBase64(string s, out int badAt)
    {
        badAt = 0;
        if (s.Length % 4 != 0) { badAt = s.Length - s.Length % 4; return false; }
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            var ok = char.IsAsciiLetterOrDigit(c) || c is '+' or '/' || (c == '=' && i >= s.Length - 2);
            if (!ok) { badAt = i; return false; }
        }
        return true;
    }

    public void Validate(JsonObject obj, JsonObject? old, List<FieldError> errors)
    {
        MetadataValidation.ValidateConfigKeys(ServerJson.Obj(obj, "data"), "data", errors);
        if (old is not null && ServerJson.Str(old, "type") is { } oldType && ServerJson.Str(obj, "type") != oldType)
            errors.Add(new FieldError(FieldErrorType.Invalid, "type",
                Strconv.Quote(ServerJson.Str(obj, "type") ?? ""), "field is immutable"));
        ImmutableData.Check(obj, old, errors);
    }
}
