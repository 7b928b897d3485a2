using System.Globalization;
using System.Text.RegularExpressions;

namespace Liqo.Engine.Lifecycle;

/// <summary>A Kubernetes quantity (100m, 2, 512Mi, 1G, 1e3) as a number, for adding up pods' requests against nodes' allocatable.</summary>
internal static partial class ResourceAmount
{
    [GeneratedRegex(@"^([+-]?[0-9.]+(?:[eE][+-]?[0-9]+)?)(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E)?$")]
    private static partial Regex Syntax();

    /// <summary>The amount; 0 for text that is no quantity.</summary>
    public static decimal Parse(string? text)
    {
        if (text is null || Syntax().Match(text.Trim()) is not { Success: true } m) return 0;
        if (!double.TryParse(m.Groups[1].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)) return 0;
        var factor = m.Groups[2].Value switch
        {
            "Ki" => 1024d, "Mi" => Math.Pow(1024, 2), "Gi" => Math.Pow(1024, 3), "Ti" => Math.Pow(1024, 4), "Pi" => Math.Pow(1024, 5), "Ei" => Math.Pow(1024, 6),
            "n" => 1e-9, "u" => 1e-6, "m" => 1e-3, "k" => 1e3, "M" => 1e6, "G" => 1e9, "T" => 1e12, "P" => 1e15, "E" => 1e18,
            _ => 1d,
        };
        return (decimal)(number * factor);
    }
}
