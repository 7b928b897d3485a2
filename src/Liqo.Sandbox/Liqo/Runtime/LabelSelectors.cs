using System.Globalization;
using System.Text.Json.Nodes;

namespace Liqo.Sandbox.Liqo.Runtime;

/// <summary>
/// Label matching as the controllers and the scheduler do it: a metav1.LabelSelector (matchLabels and matchExpressions
/// In, NotIn, Exists, DoesNotExist; an empty selector matches everything, a null one nothing), a plain map selector
/// (Service spec.selector, nodeSelector) and a NodeSelectorTerm (matchExpressions plus Gt and Lt, and matchFields on
/// metadata.name).
/// </summary>
internal static class LabelSelectors
{
    public static Dictionary<string, string> Labels(JsonObject o) =>
        (Obj.Object(o, "metadata", "labels") ?? []).Where(p => p.Value is JsonValue)
            .ToDictionary(p => p.Key, p => p.Value!.ToString(), StringComparer.Ordinal);

    /// <summary>Whether every key=value of the map is among the labels (an empty map matches all).</summary>
    public static bool MatchesMap(JsonObject? map, IReadOnlyDictionary<string, string> labels) =>
        (map ?? []).All(p => labels.TryGetValue(p.Key, out var v) && v == p.Value?.ToString());

    public static bool Matches(JsonObject? selector, IReadOnlyDictionary<string, string> labels)
    {
        if (selector is null) return false;
        if (!MatchesMap(Obj.Object(selector, "matchLabels"), labels)) return false;
        return (Obj.Array(selector, "matchExpressions") ?? []).OfType<JsonObject>().All(e => Expression(e, labels));
    }

    /// <summary>One NodeSelectorTerm against a node: all its expressions and fields hold (an empty term matches nothing).</summary>
    public static bool MatchesTerm(JsonObject term, JsonObject node)
    {
        var expressions = (Obj.Array(term, "matchExpressions") ?? []).OfType<JsonObject>().ToList();
        var fields = (Obj.Array(term, "matchFields") ?? []).OfType<JsonObject>().ToList();
        if (expressions.Count == 0 && fields.Count == 0) return false;
        var labels = Labels(node);
        var nodeFields = new Dictionary<string, string>(StringComparer.Ordinal) { ["metadata.name"] = Obj.Name(node) };
        return expressions.All(e => Expression(e, labels)) && fields.All(f => Expression(f, nodeFields));
    }

    private static bool Expression(JsonObject e, IReadOnlyDictionary<string, string> labels)
    {
        var key = Obj.Str(e, "key") ?? "";
        var values = (Obj.Array(e, "values") ?? []).Select(v => v?.ToString() ?? "").ToList();
        var has = labels.TryGetValue(key, out var value);
        return Obj.Str(e, "operator") switch
        {
            "In" => has && values.Contains(value!),
            "NotIn" => !has || !values.Contains(value!),
            "Exists" => has,
            "DoesNotExist" => !has,
            "Gt" => has && Compare(value!, values) is > 0,
            "Lt" => has && Compare(value!, values) is < 0,
            _ => false,
        };
    }

    private static int? Compare(string value, List<string> values) =>
        values.Count == 1 && long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var a)
            && long.TryParse(values[0], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var b)
            ? a.CompareTo(b) : null;
}
