using System.Text;
using System.Text.RegularExpressions;

namespace Liqo.Sandbox.ApiServer.Schema;

/// <summary>
/// Compiles Go (RE2) regular expressions with .NET, translating the constructs whose meaning differs:
/// <c>$</c> (end of text only in Go), the ASCII-only <c>\d \w \s</c>, <c>\pL</c>, <c>(?P&lt;name&gt;</c>,
/// <c>\Q…\E</c> and POSIX classes.
/// </summary>
internal static class GoRegex
{
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromSeconds(2);

    public static Regex? TryCompile(string pattern, out string? error)
    {
        try
        {
            var regex = new Regex(Translate(pattern), RegexOptions.CultureInvariant, MatchTimeout);
            error = null;
            return regex;
        }
        catch (ArgumentException e)
        {
            error = e.Message;
            return null;
        }
    }

    internal static string Translate(string p)
    {
        var multiline = p.Contains("(?m", StringComparison.Ordinal) || p.Contains("(?sm", StringComparison.Ordinal) || p.Contains("(?im", StringComparison.Ordinal);
        var sb = new StringBuilder(p.Length + 16);
        var inClass = false;
        for (var i = 0; i < p.Length; i++)
        {
            var c = p[i];
            if (c == '\\' && i + 1 < p.Length)
            {
                var n = p[i + 1];
                if (n == 'Q')
                {
                    var end = p.IndexOf("\\E", i + 2, StringComparison.Ordinal);
                    var literal = end < 0 ? p[(i + 2)..] : p[(i + 2)..end];
                    sb.Append(Regex.Escape(literal));
                    i = end < 0 ? p.Length : end + 1;
                    continue;
                }
                if (n is 'p' or 'P' && i + 2 < p.Length && p[i + 2] != '{')
                {
                    sb.Append('\\').Append(n).Append('{').Append(p[i + 2]).Append('}');
                    i += 2;
                    continue;
                }
                var replacement = (n, inClass) switch
                {
                    ('d', false) => "[0-9]",
                    ('D', false) => "[^0-9]",
                    ('w', false) => "[0-9A-Za-z_]",
                    ('W', false) => "[^0-9A-Za-z_]",
                    ('s', false) => "[\\t\\n\\f\\r ]",
                    ('S', false) => "[^\\t\\n\\f\\r ]",
                    ('d', true) => "0-9",
                    ('w', true) => "0-9A-Za-z_",
                    ('s', true) => "\\t\\n\\f\\r ",
                    _ => null,
                };
                if (replacement is not null)
                {
                    sb.Append(replacement);
                }
                else
                {
                    sb.Append(c).Append(n);
                }
                i++;
                continue;
            }
            if (inClass)
            {
                if (c == '[' && i + 1 < p.Length && p[i + 1] == ':')
                {
                    var end = p.IndexOf(":]", i + 2, StringComparison.Ordinal);
                    if (end > 0)
                    {
                        var name = p[(i + 2)..end];
                        var negated = name.StartsWith('^');
                        var cls = PosixClass(negated ? name[1..] : name);
                        if (cls is not null && !negated)
                        {
                            sb.Append(cls);
                            i = end + 1;
                            continue;
                        }
                    }
                }
                if (c == ']') inClass = false;
                sb.Append(c);
                continue;
            }
            if (c == '[')
            {
                inClass = true;
                sb.Append(c);
                if (i + 1 < p.Length && p[i + 1] == '^')
                {
                    sb.Append('^');
                    i++;
                }
                if (i + 1 < p.Length && p[i + 1] == ']')
                {
                    sb.Append("\\]");
                    i++;
                }
                continue;
            }
            if (c == '$' && !multiline)
            {
                sb.Append("\\z");
                continue;
            }
            if (c == '(' && i + 3 < p.Length && p[i + 1] == '?' && p[i + 2] == 'P' && p[i + 3] == '<')
            {
                sb.Append("(?<");
                i += 3;
                continue;
            }
            sb.Append(c);
        }
        return sb.ToString();
    }

    private static string? PosixClass(string name) => name switch
    {
        "alnum" => "0-9A-Za-z",
        "alpha" => "A-Za-z",
        "ascii" => "\\x00-\\x7F",
        "blank" => "\\t ",
        "cntrl" => "\\x00-\\x1F\\x7F",
        "digit" => "0-9",
        "graph" => "!-~",
        "lower" => "a-z",
        "print" => " -~",
        "punct" => "!-/:-@\\[-`{-~",
        "space" => "\\t\\n\\v\\f\\r ",
        "upper" => "A-Z",
        "word" => "0-9A-Za-z_",
        "xdigit" => "0-9A-Fa-f",
        _ => null,
    };
}
