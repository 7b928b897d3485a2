using System.Globalization;
using System.Numerics;
using System.Text.RegularExpressions;

namespace Liqo.Engine.GoFormat;

/// <summary>
/// A Kubernetes resource quantity written the way Go's resource.Quantity writes it (liqoctl decodes ResourceLists into
/// Quantities and encodes them again): "1000" becomes "1k", "1000m" "1", "0.5" "500m", "1.5Gi" "1536Mi", "4096Mi"
/// "4Gi"; binary amounts under 1024 or with a fraction are written in decimal SI. Text that is no quantity is kept.
/// </summary>
internal static partial class GoQuantity
{
    [GeneratedRegex(@"^([+-]?)([0-9]*)(?:\.([0-9]*))?(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE]|[eE][+-]?[0-9]+)?$")]
    private static partial Regex Syntax();

    private enum Format
    {
        DecimalSI,
        BinarySI,
        DecimalExponent,
    }

    /// <summary>Whether <paramref name="text"/> parses as a quantity (Go's resource.ParseQuantity), and its canonical form.</summary>
    public static bool TryCanonical(string text, out string canonical)
    {
        canonical = text;
        var m = Syntax().Match(text.Trim());
        if (!m.Success || text.Trim().Length == 0 || (m.Groups[2].Value.Length == 0 && m.Groups[3].Value.Length == 0)) return false;
        canonical = Canonical(text.Trim());
        return true;
    }

    public static string Canonical(string text)
    {
        var m = Syntax().Match(text);
        if (!m.Success) return text;
        var whole = m.Groups[2].Value;
        var fraction = m.Groups[3].Success ? m.Groups[3].Value : "";
        if (whole.Length == 0 && fraction.Length == 0) return text;
        var negative = m.Groups[1].Value == "-";
        var suffix = m.Groups[4].Success ? m.Groups[4].Value : "";

        // value = mantissa * 10^exponent, exactly
        var mantissa = BigInteger.Parse("0" + whole + fraction, CultureInfo.InvariantCulture);
        var exponent = -fraction.Length;
        Format format;
        switch (suffix)
        {
            case "":
                format = Format.DecimalSI;
                break;
            case "Ki" or "Mi" or "Gi" or "Ti" or "Pi" or "Ei":
                format = Format.BinarySI;
                mantissa *= BigInteger.Pow(1024, "KMGTPE".IndexOf(suffix[0], StringComparison.Ordinal) + 1);
                break;
            case "n" or "u" or "m" or "k" or "M" or "G" or "T" or "P" or "E":
                format = Format.DecimalSI;
                exponent += suffix switch { "n" => -9, "u" => -6, "m" => -3, "k" => 3, "M" => 6, "G" => 9, "T" => 12, "P" => 15, _ => 18 };
                break;
            default:
                format = Format.DecimalExponent;
                exponent += int.Parse(suffix[1..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
                break;
        }

        // Quantities keep nano precision at most, rounding up
        if (exponent < -9)
        {
            var divisor = BigInteger.Pow(10, -9 - exponent);
            var q = BigInteger.DivRem(mantissa, divisor, out var rest);
            mantissa = rest.IsZero ? q : q + 1;
            exponent = -9;
        }
        if (mantissa.IsZero) return "0";
        (mantissa, exponent) = Normalize(mantissa, exponent);

        if (format == Format.BinarySI)
        {
            var magnitude = exponent >= 0 ? mantissa * BigInteger.Pow(10, exponent) : BigInteger.Zero;
            if (exponent < 0 || magnitude < 1024)
            {
                format = Format.DecimalSI;
            }
            else
            {
                var power = 0;
                while (magnitude % 1024 == 0 && !magnitude.IsZero)
                {
                    magnitude /= 1024;
                    power++;
                }
                var binary = power == 0 ? "" : power <= 6 ? "KMGTPE"[power - 1] + "i" : null;
                if (binary is not null) return Sign(negative) + magnitude.ToString(CultureInfo.InvariantCulture) + binary;
                format = Format.DecimalSI;
            }
        }

        // a multiple-of-3 exponent
        switch (((exponent % 3) + 3) % 3)
        {
            case 1:
                mantissa *= 10;
                exponent -= 1;
                break;
            case 2:
                mantissa *= 100;
                exponent -= 2;
                break;
        }
        var number = Sign(negative) + mantissa.ToString(CultureInfo.InvariantCulture);
        if (format == Format.DecimalExponent) return exponent == 0 ? number : number + "e" + exponent.ToString(CultureInfo.InvariantCulture);
        return number + exponent switch
        {
            -9 => "n",
            -6 => "u",
            -3 => "m",
            0 => "",
            3 => "k",
            6 => "M",
            9 => "G",
            12 => "T",
            15 => "P",
            18 => "E",
            _ => "e" + exponent.ToString(CultureInfo.InvariantCulture),
        };
    }

    private static string Sign(bool negative) => negative ? "-" : "";

    /// <summary>Moves every factor of 10 of the mantissa into the exponent.</summary>
    private static (BigInteger, int) Normalize(BigInteger mantissa, int exponent)
    {
        while (!mantissa.IsZero && mantissa % 10 == 0)
        {
            mantissa /= 10;
            exponent++;
        }
        return (mantissa, exponent);
    }
}
