using System.Globalization;
using System.Text;

namespace Liqo.Sandbox.ApiServer.Go;

/// <summary>
/// How Go writes a float64, from its shortest round-trip digits (strconv's precision -1): with fmt's <c>%v</c>
/// (strconv 'g') and with encoding/json (which json-iterator copies).
/// </summary>
internal static class GoFloat
{
    /// <summary>
    /// fmt's <c>%v</c> (= strconv.FormatFloat(f, 'g', -1, 64)): %e form when the decimal exponent is below -4 or from 6
    /// on (the shortest-digits rule uses precision 6), with at least two exponent digits (<c>1e+06</c>, <c>1e-05</c>);
    /// %f form otherwise (<c>123456</c>, <c>0.0001</c>). <c>-0</c> keeps its sign; infinities print <c>+Inf</c>/<c>-Inf</c>.
    /// </summary>
    public static string FormatV(double value)
    {
        if (double.IsNaN(value)) return "NaN";
        if (double.IsInfinity(value)) return value > 0 ? "+Inf" : "-Inf";
        var (negative, digits, point) = ShortestDigits(value);
        var exponent = point - 1;
        var body = digits.Length > 0 && (exponent < -4 || exponent >= 6) ? FormatE(digits, point) : FormatF(digits, point);
        return negative ? "-" + body : body;
    }

    /// <summary>
    /// encoding/json's float64 (floatEncoder, and json-iterator's WriteFloat64): %f form, but %e below 1e-6 and from 1e21
    /// on, where an exponent <c>e-07</c> is shortened to <c>e-7</c> (positive exponents keep two digits: <c>1e+21</c>).
    /// Infinities and NaN are errors there (json: unsupported value).
    /// </summary>
    public static string FormatJson(double value)
    {
        if (!double.IsFinite(value))
            throw new ArgumentOutOfRangeException(nameof(value), value, "json: unsupported value");
        var (negative, digits, point) = ShortestDigits(value);
        var abs = Math.Abs(value);
        string body;
        if (abs != 0 && (abs < 1e-6 || abs >= 1e21))
        {
            body = FormatE(digits, point);
            var n = body.Length;
            if (body[n - 4] == 'e' && body[n - 3] == '-' && body[n - 2] == '0')
                body = body[..(n - 2)] + body[n - 1];
        }
        else
            body = FormatF(digits, point);
        return negative ? "-" + body : body;
    }

    // The shortest digits that read back as |value| (no leading or trailing zeros, empty for zero) and the decimal point
    // position: |value| = 0.digits × 10^point. .NET's "R" gives the same shortest digits as Go's strconv.
    private static (bool Negative, string Digits, int Point) ShortestDigits(double value)
    {
        var text = Math.Abs(value).ToString("R", CultureInfo.InvariantCulture);
        var exponent = 0;
        var e = text.IndexOfAny(['E', 'e']);
        if (e >= 0)
        {
            exponent = int.Parse(text.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            text = text[..e];
        }
        var dot = text.IndexOf('.');
        var integerPart = dot >= 0 ? text[..dot] : text;
        var all = dot >= 0 ? integerPart + text[(dot + 1)..] : integerPart;
        var point = integerPart.Length + exponent;
        var significant = all.TrimStart('0');
        point -= all.Length - significant.Length;
        significant = significant.TrimEnd('0');
        return (double.IsNegative(value), significant, significant.Length == 0 ? 0 : point);
    }

    // d.ddde±XX: strconv's %e with the shortest precision.
    private static string FormatE(string digits, int point)
    {
        var sb = new StringBuilder(digits.Length + 6);
        sb.Append(digits[0]);
        if (digits.Length > 1)
            sb.Append('.').Append(digits, 1, digits.Length - 1);
        var exponent = point - 1;
        sb.Append('e').Append(exponent < 0 ? '-' : '+');
        exponent = Math.Abs(exponent);
        if (exponent < 10)
            sb.Append('0');
        return sb.Append(exponent.ToString(CultureInfo.InvariantCulture)).ToString();
    }

    // ddd.ddd: strconv's %f with the shortest precision (no trailing zeros after the point, none at all for integers).
    private static string FormatF(string digits, int point)
    {
        var sb = new StringBuilder(digits.Length + Math.Abs(point) + 2);
        if (point <= 0)
            sb.Append('0');
        else
            for (var i = 0; i < point; i++)
                sb.Append(i < digits.Length ? digits[i] : '0');
        if (digits.Length > point)
        {
            sb.Append('.');
            for (var i = point; i < digits.Length; i++)
                sb.Append(i < 0 ? '0' : digits[i]);
        }
        return sb.ToString();
    }
}
