using System.Globalization;
using System.Text.RegularExpressions;

namespace Liqo.Engine.GoFormat;

/// <summary>How go-yaml v2 writes a string scalar.</summary>
internal enum YamlScalarStyle
{
    Plain,
    SingleQuoted,
    DoubleQuoted,
    Literal,
}

/// <summary>
/// go-yaml v2's choice of style for a string: plain unless the plain text would read back as another type (null, a
/// YAML 1.1 bool, a number, a timestamp, a base-60 float: then double-quoted), literal when it has line breaks; then
/// libyaml's emitter downgrades what the characters forbid (indicators, leading or trailing spaces → single-quoted;
/// control characters → double-quoted).
/// </summary>
internal static partial class YamlV2ScalarStyle
{
    public static YamlScalarStyle Choose(string s, bool simpleKey)
    {
        var requested = s.Contains('\n') ? YamlScalarStyle.Literal
            : ResolvesToString(s) && !Base60Float().IsMatch(s) ? YamlScalarStyle.Plain
            : YamlScalarStyle.DoubleQuoted;
        var a = Analyze(s);
        if (simpleKey && a.Multiline) return YamlScalarStyle.DoubleQuoted;
        var style = requested;
        if (style == YamlScalarStyle.Plain && (!a.BlockPlainAllowed || s.Length == 0 && simpleKey)) style = YamlScalarStyle.SingleQuoted;
        if (style == YamlScalarStyle.SingleQuoted && !a.SingleQuotedAllowed) style = YamlScalarStyle.DoubleQuoted;
        if (style == YamlScalarStyle.Literal && (!a.BlockAllowed || simpleKey)) style = YamlScalarStyle.DoubleQuoted;
        return style;
    }

    /// <summary>go-yaml v2's resolve(): true when the plain text reads back as a string.</summary>
    public static bool ResolvesToString(string s)
    {
        if (s.Length == 0) return false; // null
        var c = s[0];
        var hint = c is '+' or '-' ? 'S' : c is >= '0' and <= '9' ? 'D' : "yYnNtTfFoO~".Contains(c) ? 'M' : c == '.' ? '.' : '\0';
        if (hint == '\0') return true;
        if (ResolveMap.Contains(s)) return false;
        switch (hint)
        {
            case 'M':
                return true;
            case '.':
                return !GoParsesFloat(s);
            default:
                if (hint == 'D' && IsTimestamp(s)) return false;
                var plain = s.Replace("_", "", StringComparison.Ordinal);
                if (GoParsesInt(plain)) return false;
                if (YamlStyleFloat().IsMatch(plain) && GoParsesFloat(plain)) return false;
                if (plain.StartsWith("0b", StringComparison.Ordinal) && IsBinary(plain[2..])) return false;
                if (plain.StartsWith("-0b", StringComparison.Ordinal) && IsBinary(plain[3..])) return false;
                return true;
        }
    }

    private static readonly HashSet<string> ResolveMap = new(StringComparer.Ordinal)
    {
        "y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON",
        "n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF",
        "", "~", "null", "Null", "NULL",
        ".nan", ".NaN", ".NAN", ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF",
        "<<",
    };

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex YamlStyleFloat();

    [GeneratedRegex(@"^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$")]
    private static partial Regex Base60Float();

    [GeneratedRegex(@"^(\d{4})-(\d{1,2})-(\d{1,2})(?:(?:[Tt](\d{1,2}):(\d{1,2}):(\d{1,2})(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2}))|(?: (\d{1,2}):(\d{1,2}):(\d{1,2})(?:\.\d{1,9})?))?$")]
    private static partial Regex Timestamp();

    /// <summary>The layouts go-yaml v2 tries with time.Parse (date, RFC 3339 with short fields, space-separated).</summary>
    private static bool IsTimestamp(string s)
    {
        var m = Timestamp().Match(s);
        if (!m.Success) return false;
        int G(int i) => int.Parse(m.Groups[i].Value, CultureInfo.InvariantCulture);
        var (y, mo, d) = (G(1), G(2), G(3));
        if (mo is < 1 or > 12 || d < 1 || d > DateTime.DaysInMonth(Math.Max(y, 1), mo)) return false;
        for (var g = 4; g <= 9; g += 3)
        {
            if (!m.Groups[g].Success) continue;
            if (G(g) > 23 || G(g + 1) > 59 || G(g + 2) > 59) return false;
        }
        return true;
    }

    /// <summary>strconv.ParseInt(s, 0, 64) or strconv.ParseUint(s, 0, 64) succeeds.</summary>
    private static bool GoParsesInt(string s)
    {
        var neg = false;
        var body = s;
        var signed = false;
        if (body.StartsWith('+') || body.StartsWith('-'))
        {
            neg = body[0] == '-';
            signed = true;
            body = body[1..];
        }
        if (body.Length == 0) return false;
        int radix;
        string digits;
        if (body.Length > 2 && body[0] == '0' && (body[1] is 'x' or 'X')) (radix, digits) = (16, body[2..]);
        else if (body.Length > 2 && body[0] == '0' && (body[1] is 'o' or 'O')) (radix, digits) = (8, body[2..]);
        else if (body.Length > 2 && body[0] == '0' && (body[1] is 'b' or 'B')) (radix, digits) = (2, body[2..]);
        else if (body.Length > 1 && body[0] == '0') (radix, digits) = (8, body[1..]);
        else (radix, digits) = (10, body);
        if (digits.Length == 0) return false;
        System.Numerics.BigInteger value = 0;
        foreach (var ch in digits)
        {
            var d = ch is >= '0' and <= '9' ? ch - '0' : ch is >= 'a' and <= 'f' ? ch - 'a' + 10 : ch is >= 'A' and <= 'F' ? ch - 'A' + 10 : 99;
            if (d >= radix) return false;
            value = value * radix + d;
        }
        if (neg) return value <= new System.Numerics.BigInteger(long.MaxValue) + 1;
        return signed ? value <= long.MaxValue : value <= ulong.MaxValue;
    }

    /// <summary>strconv.ParseFloat(s, 64) succeeds on the decimal forms YAML can hold (overflow is an error in Go).</summary>
    private static bool GoParsesFloat(string s)
    {
        var lower = s.ToLowerInvariant().TrimStart('+', '-');
        if (lower is "inf" or "infinity" or "nan") return true;
        if (!Regex.IsMatch(s, @"^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$")) return false;
        return double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && !double.IsInfinity(v);
    }

    private static bool IsBinary(string s) => s.Length > 0 && s.All(c => c is '0' or '1');

    /// <summary>What libyaml's yaml_emitter_analyze_scalar allows for the text.</summary>
    private static ScalarAnalysis Analyze(string value)
    {
        if (value.Length == 0) return new ScalarAnalysis(false, false, true, false);
        bool flowIndicators = false, blockIndicators = false, lineBreaks = false, specialCharacters = false;
        bool leadingSpace = false, leadingBreak = false, trailingSpace = false, trailingBreak = false, breakSpace = false, spaceBreak = false;
        bool previousSpace = false, previousBreak = false;
        if (value.StartsWith("---", StringComparison.Ordinal) || value.StartsWith("...", StringComparison.Ordinal))
        {
            blockIndicators = true;
            flowIndicators = true;
        }
        var precededByWhitespace = true;
        var runes = value.EnumerateRunes().ToArray();
        for (var i = 0; i < runes.Length; i++)
        {
            var c = runes[i].Value;
            var followedByWhitespace = i + 1 >= runes.Length || IsBlankOrBreak(runes[i + 1].Value);
            if (i == 0)
            {
                switch (c)
                {
                    case '#' or ',' or '[' or ']' or '{' or '}' or '&' or '*' or '!' or '|' or '>' or '\'' or '"' or '%' or '@' or '`':
                        flowIndicators = true;
                        blockIndicators = true;
                        break;
                    case '?' or ':':
                        flowIndicators = true;
                        if (followedByWhitespace) blockIndicators = true;
                        break;
                    case '-':
                        if (followedByWhitespace)
                        {
                            flowIndicators = true;
                            blockIndicators = true;
                        }
                        break;
                }
            }
            else
            {
                switch (c)
                {
                    case ',' or '?' or '[' or ']' or '{' or '}':
                        flowIndicators = true;
                        break;
                    case ':':
                        flowIndicators = true;
                        if (followedByWhitespace) blockIndicators = true;
                        break;
                    case '#':
                        if (precededByWhitespace)
                        {
                            flowIndicators = true;
                            blockIndicators = true;
                        }
                        break;
                }
            }
            if (!IsPrintable(c)) specialCharacters = true;
            if (c == ' ')
            {
                if (i == 0) leadingSpace = true;
                if (i == runes.Length - 1) trailingSpace = true;
                if (previousBreak) breakSpace = true;
                previousSpace = true;
                previousBreak = false;
            }
            else if (IsBreak(c))
            {
                lineBreaks = true;
                if (i == 0) leadingBreak = true;
                if (i == runes.Length - 1) trailingBreak = true;
                if (previousSpace) spaceBreak = true;
                previousSpace = false;
                previousBreak = true;
            }
            else
            {
                previousSpace = false;
                previousBreak = false;
            }
            precededByWhitespace = IsBlankOrBreak(c);
        }
        bool blockPlain = true, single = true, block = true;
        if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) blockPlain = false;
        if (trailingSpace) block = false;
        if (breakSpace)
        {
            blockPlain = false;
            single = false;
        }
        if (spaceBreak || specialCharacters)
        {
            blockPlain = false;
            single = false;
            block = false;
        }
        if (lineBreaks) blockPlain = false;
        if (blockIndicators) blockPlain = false;
        _ = flowIndicators; // only flow collections care, and none are written here
        return new ScalarAnalysis(lineBreaks, blockPlain, single, block);
    }

    internal static bool IsBreak(int c) => c is '\r' or '\n' or 0x85 or 0x2028 or 0x2029;

    private static bool IsBlankOrBreak(int c) => c is ' ' or '\t' or 0 || IsBreak(c);

    /// <summary>libyaml's is_printable.</summary>
    internal static bool IsPrintable(int c) =>
        c == 0x0A || c is >= 0x20 and <= 0x7E || c == 0x85 || c is >= 0xA0 and <= 0xD7FF || c is >= 0xE000 and <= 0xFFFD && c != 0xFEFF ||
        c is >= 0x10000 and <= 0x10FFFF;

    private readonly record struct ScalarAnalysis(bool Multiline, bool BlockPlainAllowed, bool SingleQuotedAllowed, bool BlockAllowed);
}
