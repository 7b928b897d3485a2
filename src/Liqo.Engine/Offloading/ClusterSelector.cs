using System.Text.Json.Nodes;
using Liqo.Engine.Resources;

namespace Liqo.Engine.Offloading;

/// <summary>
/// liqoctl offload namespace's --selector (-l): each selector is parsed as a label selector (metav1.ParseToLabelSelector:
/// = and == become matchLabels; in, notin, exists and ! match expressions; != , gt and lt are refused), its matchLabels are
/// turned into In expressions after the others, and each selector becomes one NodeSelectorTerm of the
/// NamespaceOffloading's clusterSelector (terms are ORed, the expressions of a term ANDed). liqoctl appends the matchLabels
/// in Go's map order, which varies from run to run; here they come in key order.
/// </summary>
public static class ClusterSelector
{
    /// <summary>The NodeSelector liqoctl writes for the selectors (nodeSelectorTerms: [] when there are none, matching every cluster).</summary>
    public static JsonObject ToNodeSelector(IReadOnlyList<string> selectors)
    {
        var terms = new JsonArray();
        foreach (var selector in selectors) terms.Add(Term(selector));
        return new JsonObject { ["nodeSelectorTerms"] = terms };
    }

    private static JsonObject Term(string selector)
    {
        IReadOnlyList<LabelRequirement> requirements;
        try
        {
            requirements = LabelSelector.Parse(selector);
        }
        catch (FormatException e)
        {
            throw Invalid(selector, $"couldn't parse the selector string \"{selector}\": {e.Message}");
        }
        var expressions = new List<(string Key, string Operator, IReadOnlyList<string> Values)>();
        var matchLabels = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var r in requirements)
        {
            switch (r.Operator)
            {
                case "=" or "==":
                    matchLabels[r.Key] = r.Values[0];
                    break;
                case "in":
                    expressions.Add((r.Key, "In", r.Values));
                    break;
                case "notin":
                    expressions.Add((r.Key, "NotIn", r.Values));
                    break;
                case LabelSelector.Exists:
                    expressions.Add((r.Key, "Exists", r.Values));
                    break;
                case LabelSelector.DoesNotExist:
                    expressions.Add((r.Key, "DoesNotExist", r.Values));
                    break;
                default:
                    throw Invalid(selector, $"\"{r.Operator}\" isn't supported in label selectors");
            }
        }
        foreach (var (key, value) in matchLabels) expressions.Add((key, "In", [value]));
        var term = new JsonObject();
        if (expressions.Count == 0) return term;
        var array = new JsonArray();
        foreach (var (key, op, values) in expressions)
        {
            var requirement = new JsonObject { ["key"] = key, ["operator"] = op };
            if (values.Count > 0) requirement["values"] = Json.Strings(values);
            array.Add(requirement);
        }
        term["matchExpressions"] = array;
        return term;
    }

    private static LiqoException Invalid(string selector, string message) =>
        new(ErrorIds.ClusterSelectorInvalid, LiqoErrorCategory.InvalidArgument, selector, message,
            "Give each -ClusterSelector as a label selector of the virtual nodes' labels, e.g. 'region in (europe,us-west)' or '!staging'.");
}
