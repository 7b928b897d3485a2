using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Liqo.Sandbox.ApiServer.Patch;

/// <summary>
/// Structural equality of JSON nodes, with the two number rules the engines need: by text (evanphx/json-patch's
/// <c>test</c> compares compacted bytes) or by value (structured-merge-diff compares ints and floats numerically).
/// </summary>
internal static class JsonEquality
{
    /// <summary>The JSON kind of a node; a C# null is JSON null.</summary>
    public static JsonValueKind Kind(JsonNode? node) => node switch
    {
        null => JsonValueKind.Null,
        JsonObject => JsonValueKind.Object,
        JsonArray => JsonValueKind.Array,
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.True or JsonValueKind.False => JsonValueKind.True,
            var k => k,
        },
        _ => JsonValueKind.Undefined,
    };

    /// <summary>True for objects and arrays.</summary>
    public static bool IsContainer(JsonNode? node) => node is JsonObject or JsonArray;

    /// <summary>Deep equality; object member order is ignored, array order is not.</summary>
    public static bool DeepEquals(JsonNode? a, JsonNode? b, bool numbersByValue)
    {
        switch (a)
        {
            case null:
                return b is null;
            case JsonObject oa:
                if (b is not JsonObject ob || oa.Count != ob.Count) return false;
                foreach (var (key, value) in oa)
                {
                    if (!ob.TryGetPropertyValue(key, out var other)) return false;
                    if (!DeepEquals(value, other, numbersByValue)) return false;
                }
                return true;
            case JsonArray aa:
                if (b is not JsonArray ab || aa.Count != ab.Count) return false;
                for (var i = 0; i < aa.Count; i++)
                    if (!DeepEquals(aa[i], ab[i], numbersByValue)) return false;
                return true;
            default:
                return b is JsonValue && ScalarEquals(a, b, numbersByValue);
        }
    }

    /// <summary>Equality of two scalars (strings by value, booleans, numbers by text or by value, nulls).</summary>
    public static bool ScalarEquals(JsonNode? a, JsonNode? b, bool numbersByValue)
    {
        var ka = Kind(a);
        if (ka != Kind(b)) return false;
        switch (ka)
        {
            case JsonValueKind.Null:
                return true;
            case JsonValueKind.String:
                return string.Equals(a!.GetValue<string>(), b!.GetValue<string>(), StringComparison.Ordinal);
            case JsonValueKind.True:
                return a!.GetValue<bool>() == b!.GetValue<bool>();
            case JsonValueKind.Number:
                var ta = a!.ToJsonString();
                var tb = b!.ToJsonString();
                if (string.Equals(ta, tb, StringComparison.Ordinal)) return true;
                if (!numbersByValue) return false;
                return TryNumber(ta, out var da) && TryNumber(tb, out var db) && da == db;
            default:
                return false;
        }
    }

    /// <summary>Orders two scalars: null, booleans, numbers, strings, then containers (by their JSON text).</summary>
    public static int CompareScalars(JsonNode? a, JsonNode? b)
    {
        var ra = Rank(a);
        var rb = Rank(b);
        if (ra != rb) return ra.CompareTo(rb);
        switch (ra)
        {
            case 0:
                return 0;
            case 1:
                return a!.GetValue<bool>().CompareTo(b!.GetValue<bool>());
            case 2:
                var ta = a!.ToJsonString();
                var tb = b!.ToJsonString();
                if (TryNumber(ta, out var da) && TryNumber(tb, out var db) && da != db) return da.CompareTo(db);
                return string.CompareOrdinal(ta, tb);
            case 3:
                return string.CompareOrdinal(a!.GetValue<string>(), b!.GetValue<string>());
            default:
                return string.CompareOrdinal(a!.ToJsonString(), b!.ToJsonString());
        }
    }

    private static int Rank(JsonNode? node) => Kind(node) switch
    {
        JsonValueKind.Null => 0,
        JsonValueKind.True => 1,
        JsonValueKind.Number => 2,
        JsonValueKind.String => 3,
        _ => 4,
    };

    private static bool TryNumber(string text, out decimal value) =>
        decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
}
