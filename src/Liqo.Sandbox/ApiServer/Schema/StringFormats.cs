using System.Collections.Frozen;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Liqo.Sandbox.ApiServer.Schema;

/// <summary>
/// The string formats CRD schemas may use and their checks (kube-openapi's strfmt registry as the API server
/// configures it). Formats outside this list are ignored by the server, so they are ignored here too.
/// </summary>
internal static partial class StringFormats
{
    private static readonly FrozenSet<string> Supported = new[] {
        "bsonobjectid", "uri", "email", "hostname", "ipv4", "ipv6", "cidr", "mac", "uuid", "uuid3", "uuid4", "uuid5",
        "isbn", "isbn10", "isbn13", "creditcard", "ssn", "hexcolor", "rgbcolor", "byte", "password", "date", "duration",
        "datetime",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Format names are compared without dashes (date-time = datetime), as go-openapi does.</summary>
    public static string Normalize(string format) => format.Replace("-", "", StringComparison.Ordinal).ToLowerInvariant();

    public static bool IsSupported(string format) => Supported.Contains(Normalize(format));

    public static bool IsValid(string format, string value) => Normalize(format) switch
    {
        "ipv4" => IsIPv4(value),
        "ipv6" => IsIPv6(value),
        "cidr" => IsCidr(value),
        "byte" => IsBase64(value),
        "datetime" => IsDateTime(value),
        "date" => DateTime.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
        "uri" => IsRequestUri(value),
        "email" => EmailRegex().IsMatch(value),
        "hostname" => IsHostname(value),
        "mac" => IsMac(value),
        "uuid" => UuidRegex().IsMatch(value),
        "uuid3" => Uuid3Regex().IsMatch(value),
        "uuid4" => Uuid4Regex().IsMatch(value),
        "uuid5" => Uuid5Regex().IsMatch(value),
        "duration" => DurationRegex().IsMatch(value),
        "hexcolor" => HexColorRegex().IsMatch(value),
        "rgbcolor" => RgbColorRegex().IsMatch(value),
        "bsonobjectid" => BsonRegex().IsMatch(value),
        "ssn" => SsnRegex().IsMatch(value),
        "isbn" => IsIsbn10(value) || IsIsbn13(value),
        "isbn10" => IsIsbn10(value),
        "isbn13" => IsIsbn13(value),
        "creditcard" => IsCreditCard(value),
        _ => true,
    };

    /// <summary>Go's net.ParseIP succeeds and the text has a dot.</summary>
    public static bool IsIPv4(string s) => (ParseIPv4(s) || ParseIPv6(s)) && s.Contains('.');

    /// <summary>Go's net.ParseIP succeeds and the text has a colon.</summary>
    public static bool IsIPv6(string s) => (ParseIPv4(s) || ParseIPv6(s)) && s.Contains(':');

    public static bool IsCidr(string s)
    {
        var slash = s.IndexOf('/');
        if (slash < 0) return false;
        var addr = s[..slash];
        var mask = s[(slash + 1)..];
        int bits;
        if (ParseIPv4(addr)) bits = 32;
        else if (ParseIPv6(addr)) bits = 128;
        else return false;
        if (mask.Length == 0 || mask.Length > 3 || !mask.All(char.IsAsciiDigit)) return false;
        var n = int.Parse(mask, CultureInfo.InvariantCulture);
        return n <= bits;
    }

    /// <summary>A dotted-quad IPv4 address: four decimal fields 0-255, no leading zeros.</summary>
    public static bool ParseIPv4(string s)
    {
        var parts = s.Split('.');
        if (parts.Length != 4) return false;
        foreach (var p in parts)
        {
            if (p.Length == 0 || p.Length > 3 || !p.All(char.IsAsciiDigit)) return false;
            if (p.Length > 1 && p[0] == '0') return false;
            if (int.Parse(p, CultureInfo.InvariantCulture) > 255) return false;
        }
        return true;
    }

    /// <summary>An IPv6 address as Go parses it: hex groups, at most one <c>::</c>, optional trailing dotted quad, no zone.</summary>
    public static bool ParseIPv6(string s)
    {
        if (s.Length < 2) return false;
        var groups = 0;
        var ellipsis = false;
        var i = 0;
        if (s.StartsWith("::", StringComparison.Ordinal))
        {
            ellipsis = true;
            i = 2;
            if (i == s.Length) return true;
        }
        while (i < s.Length)
        {
            // Trailing IPv4.
            var rest = s[i..];
            var nextColon = rest.IndexOf(':');
            if (nextColon < 0 && rest.Contains('.'))
            {
                if (!ParseIPv4(rest)) return false;
                groups += 2;
                i = s.Length;
                break;
            }
            var j = i;
            while (j < s.Length && j - i < 5 && char.IsAsciiHexDigit(s[j])) j++;
            var len = j - i;
            if (len == 0 || len > 4) return false;
            groups++;
            i = j;
            if (i == s.Length) break;
            if (s[i] != ':') return false;
            i++;
            if (i < s.Length && s[i] == ':')
            {
                if (ellipsis) return false;
                ellipsis = true;
                i++;
                if (i == s.Length) break;
            }
            else if (i == s.Length)
            {
                return false;
            }
        }
        return ellipsis ? groups < 8 : groups == 8;
    }

    /// <summary>Standard base64 with padding (govalidator's IsBase64).</summary>
    public static bool IsBase64(string s)
    {
        if (s.Length == 0 || s.Length % 4 != 0) return false;
        var pad = 0;
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (c == '=')
            {
                pad++;
                continue;
            }
            if (pad > 0) return false;
            if (!(char.IsAsciiLetterOrDigit(c) || c is '+' or '/')) return false;
        }
        return pad <= 2;
    }

    /// <summary>
    /// go-openapi's date-time check: a full date, a <c>T</c> (either case), then <c>hh:mm:ss</c>, an optional
    /// fraction and a mandatory zone (<c>Z</c> or <c>±hh:mm</c>).
    /// </summary>
    public static bool IsDateTime(string s)
    {
        if (s.Length < 4) return false;
        var parts = s.ToLowerInvariant().Split('t');
        if (parts.Length < 2) return false;
        if (!DateTime.TryParseExact(parts[0], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
            return false;
        var m = TimeRegex().Match(parts[1]);
        if (!m.Success) return false;
        return string.CompareOrdinal(m.Groups[1].Value, "23") <= 0
            && string.CompareOrdinal(m.Groups[2].Value, "59") <= 0
            && string.CompareOrdinal(m.Groups[3].Value, "59") <= 0;
    }

    /// <summary>Go's url.ParseRequestURI: an absolute URI or an absolute path, without spaces or control characters.</summary>
    public static bool IsRequestUri(string s)
    {
        if (s.Length == 0) return false;
        if (s.Any(c => char.IsControl(c) || c == ' ')) return false;
        if (s[0] == '/') return true;
        return SchemeRegex().IsMatch(s);
    }

    public static bool IsHostname(string s)
    {
        if (s.Length == 0 || s.Length > 255) return false;
        foreach (var label in s.Split('.'))
        {
            if (label.Length == 0 || label.Length > 63) return false;
            if (label[0] == '-' || label[^1] == '-') return false;
            if (!label.All(c => char.IsLetterOrDigit(c) || c == '-' || char.GetUnicodeCategory(c) is UnicodeCategory.MathSymbol or UnicodeCategory.OtherSymbol or UnicodeCategory.CurrencySymbol or UnicodeCategory.ModifierSymbol))
                return false;
        }
        return true;
    }

    public static bool IsMac(string s) => MacColonRegex().IsMatch(s) || MacDotRegex().IsMatch(s);

    private static bool IsIsbn10(string s)
    {
        var d = s.Replace("-", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal);
        if (!Isbn10Regex().IsMatch(d)) return false;
        var sum = 0;
        for (var i = 0; i < 9; i++) sum += (i + 1) * (d[i] - '0');
        sum += 10 * (d[9] == 'X' ? 10 : d[9] - '0');
        return sum % 11 == 0;
    }

    private static bool IsIsbn13(string s)
    {
        var d = s.Replace("-", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal);
        if (d.Length != 13 || !d.All(char.IsAsciiDigit)) return false;
        var sum = 0;
        for (var i = 0; i < 12; i++) sum += (i % 2 == 0 ? 1 : 3) * (d[i] - '0');
        return (10 - (sum % 10)) % 10 == d[12] - '0';
    }

    private static bool IsCreditCard(string s)
    {
        var d = new string(s.Where(char.IsAsciiDigit).ToArray());
        if (d.Length is < 12 or > 19) return false;
        var sum = 0;
        var dbl = false;
        for (var i = d.Length - 1; i >= 0; i--)
        {
            var v = d[i] - '0';
            if (dbl)
            {
                v *= 2;
                if (v > 9) v -= 9;
            }
            sum += v;
            dbl = !dbl;
        }
        return sum % 10 == 0;
    }

    [GeneratedRegex(@"^([0-9]{2}):([0-9]{2}):([0-9]{2})(.[0-9]+)?(z|([+-][0-9]{2}:[0-9]{2}))\z")]
    private static partial Regex TimeRegex();

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9+.\-]*:")]
    private static partial Regex SchemeRegex();

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\z")]
    private static partial Regex EmailRegex();

    [GeneratedRegex(@"^[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}\z")]
    private static partial Regex UuidRegex();

    [GeneratedRegex(@"^[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?3[0-9a-fA-F]{3}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}\z")]
    private static partial Regex Uuid3Regex();

    [GeneratedRegex(@"^[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?4[0-9a-fA-F]{3}-?[89abAB][0-9a-fA-F]{3}-?[0-9a-fA-F]{12}\z")]
    private static partial Regex Uuid4Regex();

    [GeneratedRegex(@"^[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?5[0-9a-fA-F]{3}-?[89abAB][0-9a-fA-F]{3}-?[0-9a-fA-F]{12}\z")]
    private static partial Regex Uuid5Regex();

    [GeneratedRegex(@"^\s*([-+]?[0-9]+(\.[0-9]+)?\s*(ns|us|µs|ms|s|m|h|d|w|nanoseconds?|microseconds?|milliseconds?|seconds?|minutes?|hours?|days?|weeks?)\s*)+\z")]
    private static partial Regex DurationRegex();

    [GeneratedRegex(@"^#?([0-9a-fA-F]{3}|[0-9a-fA-F]{6})\z")]
    private static partial Regex HexColorRegex();

    [GeneratedRegex(@"^rgb\(\s*(0|[1-9][0-9]{0,1}|1[0-9]{2}|2[0-4][0-9]|25[0-5])\s*,\s*(0|[1-9][0-9]{0,1}|1[0-9]{2}|2[0-4][0-9]|25[0-5])\s*,\s*(0|[1-9][0-9]{0,1}|1[0-9]{2}|2[0-4][0-9]|25[0-5])\s*\)\z")]
    private static partial Regex RgbColorRegex();

    [GeneratedRegex(@"^[0-9a-fA-F]{24}\z")]
    private static partial Regex BsonRegex();

    [GeneratedRegex(@"^[0-9]{3}[- ]?[0-9]{2}[- ]?[0-9]{4}\z")]
    private static partial Regex SsnRegex();

    [GeneratedRegex(@"^[0-9]{9}[0-9X]\z")]
    private static partial Regex Isbn10Regex();

    [GeneratedRegex(@"^[0-9a-fA-F]{2}([:-])[0-9a-fA-F]{2}(\1[0-9a-fA-F]{2}){4}((\1[0-9a-fA-F]{2}){2})?((\1[0-9a-fA-F]{2}){12})?\z")]
    private static partial Regex MacColonRegex();

    [GeneratedRegex(@"^[0-9a-fA-F]{4}\.[0-9a-fA-F]{4}\.[0-9a-fA-F]{4}((\.[0-9a-fA-F]{4}){1})?((\.[0-9a-fA-F]{4}){6})?\z")]
    private static partial Regex MacDotRegex();
}
