using Liqo.Engine.GoFormat;

namespace Liqo.Engine.Offloading;

/// <summary>
/// Resource amounts as liqoctl takes them: each one parsed as a Kubernetes quantity (an error names the resource, as
/// liqoctl's "unable to parse cpu quantity") and written as Go writes a Quantity ("1000m" becomes "1"); empty values
/// are left out.
/// </summary>
public static class Quantities
{
    /// <summary>The amounts in canonical form, ordered by name; throws InvalidQuantity for one that does not parse.</summary>
    public static SortedDictionary<string, string> Canonical(IEnumerable<KeyValuePair<string, string>> amounts)
    {
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in amounts)
        {
            if (string.IsNullOrEmpty(value)) continue;
            InputRules.ResourceName(name);
            if (!GoQuantity.TryCanonical(value, out var canonical))
                throw new LiqoException(ErrorIds.InvalidQuantity, LiqoErrorCategory.InvalidArgument, value,
                    $"unable to parse {name} quantity: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$' (got '{value}')",
                    "Give amounts such as 2, 500m, 4Gi or 110.");
            var parameter = name switch { "cpu" => "Cpu", "memory" => "Memory", "pods" => "Pods", _ => "Resource" };
            if (canonical.StartsWith('-'))
                throw InputRules.Invalid(parameter, value, $"must not be negative (the amount of {name})");
            if (WholeOnly(name) && canonical[^1] is 'm' or 'u' or 'n')
                throw InputRules.Invalid(parameter, value, $"must be a whole number: Kubernetes counts {name} in whole units");
            result[name] = canonical;
        }
        return result;
    }

    /// <summary>Resources counted in whole units: pods, and extended resources (a prefixed name such as nvidia.com/gpu).</summary>
    private static bool WholeOnly(string name) =>
        name == "pods" || name.Contains('/', StringComparison.Ordinal) && !name.StartsWith("kubernetes.io/", StringComparison.Ordinal);
}
