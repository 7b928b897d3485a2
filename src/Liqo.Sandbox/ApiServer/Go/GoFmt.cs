using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Liqo.Sandbox.ApiServer.Go;

/// <summary>
/// fmt's <c>%v</c> and <c>%#v</c> of a JSON value decoded into Go's <c>interface{}</c> (maps, slices, strings, bools,
/// numbers as the decoding made them, nil), as the API server prints such values in its messages. Map keys are sorted
/// the Go way (<see cref="GoStringOrder"/>).
/// </summary>
internal static class GoFmt
{
    /// <summary>
    /// <c>%v</c>: <c>map[a:1 b:x]</c>, <c>[x 1]</c>, strings bare, <c>true</c>, numbers as int64 or float64 print
    /// (<c>80</c>, <c>1e+06</c>), nil as <c>&lt;nil&gt;</c>.
    /// </summary>
    public static string V(JsonNode? value, NumberDecoding numbers) =>
        new GoSyntax("map[", "]", "[", "]", " ", key => key, scalar => Scalar(scalar, numbers, "<nil>", quote: false)).Print(value);

    /// <summary>
    /// <c>%#v</c>: <c>map[string]interface {}{"a":1, "b":"x"}</c>, <c>[]interface {}{true, interface {}(nil)}</c>, strings
    /// quoted; a nil at the top (an empty interface) prints <c>&lt;nil&gt;</c>.
    /// </summary>
    public static string SharpV(JsonNode? value, NumberDecoding numbers) => IsNil(value)
        ? "<nil>"
        : new GoSyntax("map[string]interface {}{", "}", "[]interface {}{", "}", ", ", Strconv.Quote,
            scalar => Scalar(scalar, numbers, "interface {}(nil)", quote: true)).Print(value);

    /// <summary>
    /// <c>%#v</c> of a typed <c>map[string]string</c> (labels, annotations): <c>map[string]string{"a":"x", "b":"y"}</c>,
    /// and <c>map[string]string(nil)</c> for an absent (nil) map.
    /// </summary>
    public static string SharpV(IReadOnlyDictionary<string, string>? map) => map is null
        ? "map[string]string(nil)"
        : "map[string]string{" + string.Join(", ", map.OrderBy(p => p.Key, GoStringOrder.Instance)
            .Select(p => Strconv.Quote(p.Key) + ":" + Strconv.Quote(p.Value))) + "}";

    /// <summary><c>%v</c> of a number: decimal for an int64, <see cref="GoFloat.FormatV"/> for a float64.</summary>
    public static string Number(JsonValue number, NumberDecoding numbers) => GoNumber.Decode(number, numbers) switch
    {
        long l => l.ToString(CultureInfo.InvariantCulture),
        var d => GoFloat.FormatV((double)d),
    };

    private static string Scalar(JsonValue? value, NumberDecoding numbers, string nil, bool quote) => IsNil(value)
        ? nil
        : value!.GetValueKind() switch
        {
            JsonValueKind.String => quote ? Strconv.Quote(value.GetValue<string>()) : value.GetValue<string>(),
            JsonValueKind.Number => Number(value, numbers),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            var kind => throw new System.Diagnostics.UnreachableException("a JSON value of kind " + kind),
        };

    private static bool IsNil(JsonNode? value) => value is null || value.GetValueKind() == JsonValueKind.Null;
}
