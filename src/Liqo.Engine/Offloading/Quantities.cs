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
            if (!GoQuantity.TryCanonical(value, out var canonical))
                throw new LiqoException(ErrorIds.InvalidQuantity, LiqoErrorCategory.InvalidArgument, value,
                    $"unable to parse {name} quantity: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$' (got '{value}')",
                    "Give amounts such as 2, 500m, 4Gi or 110.");
            result[name] = canonical;
        }
        return result;
    }
}
