using System.Globalization;
using System.Management.Automation;
using System.Text.RegularExpressions;

namespace Liqo.PowerShell;

/// <summary>
/// Lets a TimeSpan parameter take what people type: liqoctl's durations ("10m", "2m30s", "1h"), a number of seconds
/// (90), or any TimeSpan PowerShell understands ("00:10:00", [TimeSpan]::FromMinutes(5)). A duration must be longer than
/// zero (a zero or negative bound would fail the first wait after writing); [System.Threading.Timeout]::InfiniteTimeSpan
/// means no bound.
/// </summary>
public sealed class DurationTransformationAttribute : ArgumentTransformationAttribute
{
    private static readonly Regex GoDuration = new(@"^(?:(?<h>\d+(?:\.\d+)?)h)?(?:(?<m>\d+(?:\.\d+)?)m(?!s))?(?:(?<s>\d+(?:\.\d+)?)s)?(?:(?<ms>\d+)ms)?$",
        RegexOptions.Compiled | RegexOptions.CultureInvariant);

    public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
    {
        var result = Convert(inputData);
        if (result is TimeSpan t && t <= TimeSpan.Zero && t != System.Threading.Timeout.InfiniteTimeSpan)
            throw new ArgumentTransformationMetadataException(
                $"The duration must be longer than zero, not '{inputData}'. Give for example 30s or 10m; [System.Threading.Timeout]::InfiniteTimeSpan waits without a bound.");
        return result;
    }

    private static object Convert(object inputData)
    {
        var value = inputData is PSObject pso ? pso.BaseObject : inputData;
        switch (value)
        {
            case TimeSpan t:
                return t;
            case int or long or short or byte:
                return TimeSpan.FromSeconds(System.Convert.ToDouble(value, CultureInfo.InvariantCulture));
            case double or float or decimal:
                return TimeSpan.FromSeconds(System.Convert.ToDouble(value, CultureInfo.InvariantCulture));
            case string s:
                s = s.Trim();
                if (double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)) return TimeSpan.FromSeconds(seconds);
                var m = GoDuration.Match(s);
                if (s.Length > 0 && m.Success)
                {
                    double Part(string g) => m.Groups[g].Success ? double.Parse(m.Groups[g].Value, CultureInfo.InvariantCulture) : 0;
                    return TimeSpan.FromHours(Part("h")) + TimeSpan.FromMinutes(Part("m")) + TimeSpan.FromSeconds(Part("s")) + TimeSpan.FromMilliseconds(Part("ms"));
                }
                if (TimeSpan.TryParse(s, CultureInfo.InvariantCulture, out var ts)) return ts;
                throw new ArgumentTransformationMetadataException(
                    $"'{s}' is not a duration. Use liqoctl's form (10m, 2m30s, 1h), a number of seconds, or a TimeSpan (00:10:00).");
            default:
                return inputData;
        }
    }
}
