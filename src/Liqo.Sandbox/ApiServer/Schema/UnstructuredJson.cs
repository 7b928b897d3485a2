using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Liqo.Sandbox.ApiServer.Go;

namespace Liqo.Sandbox.ApiServer.Schema;

/// <summary>
/// <see cref="JsonNode"/> values as unstructured Go values: classified (<see cref="JsonKind"/>), compared and
/// serialized with Go semantics.
/// </summary>
internal static class UnstructuredJson
{
    public static JsonKind KindOf(JsonNode? node)
    {
        switch (node)
        {
            case null: return JsonKind.Null;
            case JsonObject: return JsonKind.Object;
            case JsonArray: return JsonKind.Array;
        }
        var v = (JsonValue)node;
        switch (v.GetValueKind())
        {
            case JsonValueKind.String: return JsonKind.String;
            case JsonValueKind.True:
            case JsonValueKind.False: return JsonKind.Boolean;
            case JsonValueKind.Null:
            case JsonValueKind.Undefined: return JsonKind.Null;
            case JsonValueKind.Number: return GoNumber.Unstructured(v) is long ? JsonKind.Integer : JsonKind.Number;
            default: return JsonKind.Null;
        }
    }

    public static bool IsNull(JsonNode? node) => KindOf(node) == JsonKind.Null;

    public static string GetString(JsonNode node) => node.GetValue<string>();

    public static bool GetBool(JsonNode node) => node.GetValueKind() == JsonValueKind.True;

    public static long GetLong(JsonNode node) =>
        GoNumber.Unstructured(node.AsValue()) is long l ? l : (long)GetDouble(node);

    public static double GetDouble(JsonNode node) => (double)GoNumber.Decode(node.AsValue(), NumberDecoding.Float64);

    /// <summary>Whether a float64 holds an integral value (go-openapi's IsFloat64AJSONInteger).</summary>
    public static bool IsIntegral(double d)
    {
        if (double.IsNaN(d) || double.IsInfinity(d)) return false;
        return Math.Floor(d) == d && Math.Abs(d) <= 9007199254740992d;
    }

    /// <summary>Semantic equality: numbers by value, objects by key set, arrays element-wise.</summary>
    public static bool DeepEquals(JsonNode? a, JsonNode? b)
    {
        var ka = KindOf(a);
        var kb = KindOf(b);
        if (ka is JsonKind.Integer or JsonKind.Number && kb is JsonKind.Integer or JsonKind.Number)
        {
            if (ka == JsonKind.Integer && kb == JsonKind.Integer) return GetLong(a!) == GetLong(b!);
            return GetDouble(a!) == GetDouble(b!);
        }
        if (ka != kb) return false;
        switch (ka)
        {
            case JsonKind.Null: return true;
            case JsonKind.Boolean: return GetBool(a!) == GetBool(b!);
            case JsonKind.String: return string.Equals(GetString(a!), GetString(b!), StringComparison.Ordinal);
            case JsonKind.Array:
            {
                var x = (JsonArray)a!;
                var y = (JsonArray)b!;
                if (x.Count != y.Count) return false;
                for (var i = 0; i < x.Count; i++)
                    if (!DeepEquals(x[i], y[i])) return false;
                return true;
            }
            case JsonKind.Object:
            {
                var x = (JsonObject)a!;
                var y = (JsonObject)b!;
                if (x.Count != y.Count) return false;
                foreach (var (k, v) in x)
                {
                    if (!y.TryGetPropertyValue(k, out var w)) return false;
                    if (!DeepEquals(v, w)) return false;
                }
                return true;
            }
            default: return false;
        }
    }

    /// <summary>
    /// A canonical serialization (object keys sorted, as Go's json.Marshal does for maps), used to compare
    /// compound values for uniqueness.
    /// </summary>
    public static string Canonical(JsonNode? node)
    {
        var sb = new StringBuilder();
        WriteCanonical(sb, node);
        return sb.ToString();
    }

    private static void WriteCanonical(StringBuilder sb, JsonNode? node)
    {
        switch (KindOf(node))
        {
            case JsonKind.Null: sb.Append("null"); break;
            case JsonKind.Boolean: sb.Append(GetBool(node!) ? "true" : "false"); break;
            case JsonKind.Integer: sb.Append(GetLong(node!).ToString(CultureInfo.InvariantCulture)); break;
            case JsonKind.Number:
            {
                var d = GetDouble(node!);
                sb.Append(IsIntegral(d) && Math.Abs(d) < 1e21
                    ? ((decimal)d).ToString(CultureInfo.InvariantCulture)
                    : d.ToString("R", CultureInfo.InvariantCulture));
                break;
            }
            case JsonKind.String: sb.Append(JsonSerializer.Serialize(GetString(node!))); break;
            case JsonKind.Array:
                sb.Append('[');
                var first = true;
                foreach (var item in (JsonArray)node!)
                {
                    if (!first) sb.Append(',');
                    first = false;
                    WriteCanonical(sb, item);
                }
                sb.Append(']');
                break;
            case JsonKind.Object:
                sb.Append('{');
                var firstKey = true;
                foreach (var (k, v) in ((JsonObject)node!).OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    if (!firstKey) sb.Append(',');
                    firstKey = false;
                    sb.Append(JsonSerializer.Serialize(k)).Append(':');
                    WriteCanonical(sb, v);
                }
                sb.Append('}');
                break;
        }
    }

    /// <summary>The JSON type name of a value, as go-openapi reports it in type errors.</summary>
    public static string TypeName(JsonKind kind) => kind switch
    {
        JsonKind.Null => "null",
        JsonKind.Boolean => "boolean",
        JsonKind.Integer => "integer",
        JsonKind.Number => "number",
        JsonKind.String => "string",
        JsonKind.Array => "array",
        _ => "object",
    };
}
