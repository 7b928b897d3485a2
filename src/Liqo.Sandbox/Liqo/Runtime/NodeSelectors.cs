using System.Globalization;
using System.Text.Json.Nodes;

namespace Liqo.Sandbox.Liqo.Runtime;

/// <summary>
/// A core/v1 NodeSelector matched against a node's name and labels as k8s.io/component-helpers MatchNodeSelectorTerms
/// does: the terms are ORed, a term's requirements ANDed, a term with no requirement matches nothing, and a malformed
/// requirement (unknown operator, values that do not fit it) is an error.
/// </summary>
internal static class NodeSelectors
{
    /// <summary>Whether the node matches; throws <see cref="FormatException"/> for an invalid selector.</summary>
    public static bool Matches(JsonObject? selector, string nodeName, IReadOnlyDictionary<string, string> labels)
    {
        var terms = Obj.Array(selector, "nodeSelectorTerms") ?? [];
        var errors = new List<string>();
        foreach (var term in terms.OfType<JsonObject>())
        {
            var expressions = Obj.Array(term, "matchExpressions") ?? [];
            var fields = Obj.Array(term, "matchFields") ?? [];
            if (expressions.Count == 0 && fields.Count == 0) continue;
            try
            {
                if (expressions.OfType<JsonObject>().All(r => Requirement(r, labels.TryGetValue(Key(r), out var v) ? v : null, isField: false))
                    && fields.OfType<JsonObject>().All(r => Requirement(r, Key(r) == "metadata.name" ? nodeName : null, isField: true)))
                    return true;
            }
            catch (FormatException e)
            {
                errors.Add(e.Message);
            }
        }
        if (errors.Count > 0) throw new FormatException(string.Join(", ", errors));
        return false;
    }

    private static string Key(JsonObject requirement) => Obj.Str(requirement, "key") ?? "";

    private static bool Requirement(JsonObject requirement, string? value, bool isField)
    {
        var key = Key(requirement);
        var op = Obj.Str(requirement, "operator") ?? "";
        var values = (Obj.Array(requirement, "values") ?? []).Select(v => v?.GetValue<string>() ?? "").ToList();
        if (isField && key != "metadata.name") throw new FormatException($"not a valid field selector key: {key}");
        if (isField && op is not ("In" or "NotIn")) throw new FormatException($"\"{op}\" is not a valid field selector operator");
        switch (op)
        {
            case "In":
            case "NotIn":
                if (values.Count == 0) throw new FormatException($"values: Invalid value: []string(nil): for 'in', 'notin' operators, values set can't be empty");
                if (isField && values.Count != 1) throw new FormatException("must be only one value when `operator` is 'In' or 'NotIn' for node field selector");
                var found = value is not null && values.Contains(value);
                return op == "In" ? found : !found;
            case "Exists":
            case "DoesNotExist":
                if (values.Count > 0) throw new FormatException("values: Invalid value: values set must be empty for exists and does not exist");
                return (value is not null) == (op == "Exists");
            case "Gt":
            case "Lt":
                if (values.Count != 1 || !long.TryParse(values[0], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var bound))
                    throw new FormatException($"values: Invalid value: for 'Gt', 'Lt' operators, exactly one integer value is required");
                if (value is null || !long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var actual)) return false;
                return op == "Gt" ? actual > bound : actual < bound;
            default:
                throw new FormatException($"\"{op}\" is not a valid label selector operator");
        }
    }

    /// <summary>The labels of an object as a dictionary.</summary>
    public static IReadOnlyDictionary<string, string> LabelsOf(JsonObject? obj) =>
        (Obj.Object(obj, "metadata", "labels") ?? []).Where(p => p.Value is JsonValue)
            .ToDictionary(p => p.Key, p => p.Value!.GetValue<string>(), StringComparer.Ordinal);
}
