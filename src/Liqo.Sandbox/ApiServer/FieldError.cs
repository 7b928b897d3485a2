using System.Text.Json;
using System.Text.Json.Nodes;
using Liqo.Sandbox.ApiServer.Go;

namespace Liqo.Sandbox.ApiServer;

/// <summary>The kind of a field error, with the words the API server prints for it (apimachinery field.ErrorType).</summary>
public enum FieldErrorType
{
    NotFound,
    Required,
    Duplicate,
    Invalid,
    NotSupported,
    Forbidden,
    TooLong,
    TooMany,
    Internal,
    TypeInvalid,
}

/// <summary>
/// One field validation error, rendered exactly as the API server renders it in a 422 message and in
/// status.details.causes, e.g. <c>spec.clusterID: Invalid value: "string": ClusterID field is immutable</c>.
/// </summary>
/// <param name="Type">What is wrong.</param>
/// <param name="Field">The field path, e.g. <c>spec.clusterID</c> or <c>metadata.labels</c>.</param>
/// <param name="BadValue">The value as the server prints it, already rendered (quoted string, number, type name...), or null for none.</param>
/// <param name="Detail">The detail text, or empty.</param>
public sealed record FieldError(FieldErrorType Type, string Field, string? BadValue, string Detail)
{
    /// <summary>
    /// An unstructured value as field.Error prints it after the type words: <c>%q</c> for a string, <c>%v</c> for an
    /// int64, float64 or bool (<c>42</c>, <c>1e+06</c>, <c>true</c>), <c>%#v</c> for a map or slice
    /// (<c>map[string]interface {}{...}</c>); a nil value is replaced by the string "null" first, so it prints <c>"null"</c>.
    /// </summary>
    internal static string ValueText(JsonNode? value) => value switch
    {
        null => Strconv.Quote("null"),
        JsonObject or JsonArray => GoFmt.SharpV(value, NumberDecoding.Unstructured),
        _ => value.GetValueKind() switch
        {
            JsonValueKind.Null => Strconv.Quote("null"),
            JsonValueKind.String => Strconv.Quote(value.GetValue<string>()),
            _ => GoFmt.V(value, NumberDecoding.Unstructured),
        },
    };

    /// <summary>The words for <see cref="Type"/>, as apimachinery prints them.</summary>
    public string TypeText => Type switch
    {
        FieldErrorType.NotFound => "Not found",
        FieldErrorType.Required => "Required value",
        FieldErrorType.Duplicate => "Duplicate value",
        FieldErrorType.Invalid => "Invalid value",
        FieldErrorType.NotSupported => "Unsupported value",
        FieldErrorType.Forbidden => "Forbidden",
        FieldErrorType.TooLong => "Too long",
        FieldErrorType.TooMany => "Too many",
        FieldErrorType.Internal => "Internal error",
        FieldErrorType.TypeInvalid => "Invalid value",
        _ => "Invalid value",
    };

    /// <summary>The reason string used in status.details.causes[].reason (FieldValueInvalid, FieldValueRequired, ...).</summary>
    public string CauseReason => Type switch
    {
        FieldErrorType.NotFound => "FieldValueNotFound",
        FieldErrorType.Required => "FieldValueRequired",
        FieldErrorType.Duplicate => "FieldValueDuplicate",
        FieldErrorType.Invalid => "FieldValueInvalid",
        FieldErrorType.NotSupported => "FieldValueNotSupported",
        FieldErrorType.Forbidden => "FieldValueForbidden",
        FieldErrorType.TooLong => "FieldValueTooLong",
        FieldErrorType.TooMany => "FieldValueTooMany",
        FieldErrorType.Internal => "InternalError",
        FieldErrorType.TypeInvalid => "FieldValueTypeInvalid",
        _ => "FieldValueInvalid",
    };

    /// <summary>The message part without the field path: <c>Invalid value: "x": detail</c>.</summary>
    public string MessageWithoutField
    {
        get
        {
            var s = TypeText;
            // apimachinery omits the value for Required, Forbidden, TooLong and Internal; TooMany prints the count.
            if (BadValue is not null && Type is not (FieldErrorType.Required or FieldErrorType.Forbidden or FieldErrorType.TooLong or FieldErrorType.Internal))
                s += ": " + BadValue;
            if (!string.IsNullOrEmpty(Detail)) s += ": " + Detail;
            return s;
        }
    }

    /// <summary><c>field: Type: value: detail</c>, as in the 422 message.</summary>
    public override string ToString() => string.IsNullOrEmpty(Field) ? MessageWithoutField : $"{Field}: {MessageWithoutField}";
}
