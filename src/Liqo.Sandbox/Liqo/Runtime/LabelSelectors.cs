using System.Text.Json.Nodes;

namespace Liqo.Sandbox.Liqo.Runtime;

/// <summary>
/// A plain map selector (a Service's spec.selector, a pod's spec.nodeSelector) against labels: every key=value of the
/// map is among the labels; an empty or missing map matches everything. Node selector terms are <see cref="NodeSelectors"/>.
/// </summary>
internal static class LabelSelectors
{
    public static bool MatchesMap(JsonObject? map, IReadOnlyDictionary<string, string> labels) =>
        (map ?? []).All(p => labels.TryGetValue(p.Key, out var v) && v == p.Value?.ToString());
}
