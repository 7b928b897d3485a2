using System.Text.RegularExpressions;

namespace Liqo.Engine.Resources;

/// <summary>One requirement of a label selector: a key, an operator (=, ==, !=, in, notin, exists, !, gt, lt) and its values.</summary>
public sealed record LabelRequirement(string Key, string Operator, IReadOnlyList<string> Values);

/// <summary>
/// Kubernetes' label selector syntax (apimachinery's labels.Parse): requirements separated by commas, each <c>key</c>,
/// <c>!key</c>, <c>key=value</c>, <c>key==value</c>, <c>key!=value</c>, <c>key in (a,b)</c>, <c>key notin (a,b)</c>,
/// <c>key&gt;1</c> or <c>key&lt;1</c>; keys are qualified names, values label values. Like labels.Parse, the
/// requirements come back sorted by key and each requirement's values sorted.
/// </summary>
public static partial class LabelSelector
{
    public const string Exists = "exists";
    public const string DoesNotExist = "!";

    /// <summary>Parses <paramref name="selector"/>; a <see cref="FormatException"/> says what is wrong.</summary>
    public static IReadOnlyList<LabelRequirement> Parse(string selector)
    {
        var requirements = new List<LabelRequirement>();
        var p = 0;
        var s = selector;
        void SkipSpace() { while (p < s.Length && char.IsWhiteSpace(s[p])) p++; }
        string Word()
        {
            SkipSpace();
            var start = p;
            while (p < s.Length && !char.IsWhiteSpace(s[p]) && "!=<>,()".IndexOf(s[p]) < 0) p++;
            return s[start..p];
        }
        SkipSpace();
        if (p == s.Length) return requirements;
        while (true)
        {
            SkipSpace();
            var negated = p < s.Length && s[p] == '!';
            if (negated) p++;
            var key = Word();
            if (key.Length == 0) throw new FormatException($"found '{Rest(s, p)}', expected: identifier");
            CheckKey(key);
            SkipSpace();
            string op;
            var values = new List<string>();
            if (negated)
            {
                op = DoesNotExist;
            }
            else if (p == s.Length || s[p] == ',')
            {
                op = Exists;
            }
            else if (s[p] is '=' or '!' or '<' or '>')
            {
                if (Starts(s, p, "==")) { op = "=="; p += 2; }
                else if (Starts(s, p, "!=")) { op = "!="; p += 2; }
                else if (s[p] == '=') { op = "="; p++; }
                else if (s[p] == '<') { op = "lt"; p++; }
                else if (s[p] == '>') { op = "gt"; p++; }
                else throw new FormatException($"found '{Rest(s, p)}', expected: '=', '!=', '==', 'in', notin'");
                var value = Word();
                if (op is "lt" or "gt" && !long.TryParse(value, out _))
                    throw new FormatException($"for 'Gt', 'Lt' operators, the value must be an integer: '{value}'");
                CheckValue(value);
                values.Add(value);
            }
            else
            {
                var word = Word();
                op = word switch
                {
                    "in" => "in",
                    "notin" => "notin",
                    _ => throw new FormatException($"found '{word}', expected: in, notin, =, ==, !=, gt, lt"),
                };
                SkipSpace();
                if (p == s.Length || s[p] != '(') throw new FormatException($"found '{Rest(s, p)}', expected: '('");
                p++;
                while (true)
                {
                    var value = Word();
                    CheckValue(value);
                    values.Add(value);
                    SkipSpace();
                    if (p < s.Length && s[p] == ',') { p++; continue; }
                    if (p < s.Length && s[p] == ')') { p++; break; }
                    throw new FormatException($"found '{Rest(s, p)}', expected: ',' or ')'");
                }
                if (values.All(v => v.Length == 0)) throw new FormatException("for 'in', 'notin' operators, values set can't be empty");
            }
            requirements.Add(new LabelRequirement(key, op, values.Distinct(StringComparer.Ordinal).OrderBy(v => v, StringComparer.Ordinal).ToList()));
            SkipSpace();
            if (p == s.Length) break;
            if (s[p] != ',') throw new FormatException($"found '{Rest(s, p)}', expected: ',' or 'end of string'");
            p++;
        }
        return requirements.OrderBy(r => r.Key, StringComparer.Ordinal).ToList();
    }

    private static bool Starts(string s, int p, string token) => string.CompareOrdinal(s, p, token, 0, token.Length) == 0;

    private static string Rest(string s, int p) => p >= s.Length ? "end of string" : s[p..];

    private static void CheckKey(string key)
    {
        var slash = key.IndexOf('/');
        var name = slash < 0 ? key : key[(slash + 1)..];
        if (slash >= 0 && (slash == 0 || slash > 253 || !DnsSubdomain().IsMatch(key[..slash])))
            throw new FormatException($"invalid label key \"{key}\": prefix part must be a DNS subdomain");
        if (name.Length is 0 or > 63 || !Name().IsMatch(name))
            throw new FormatException($"invalid label key \"{key}\": name part must consist of alphanumeric characters, '-', '_' or '.', " +
                                      "and must start and end with an alphanumeric character, at most 63 characters");
    }

    private static void CheckValue(string value)
    {
        if (value.Length > 63 || (value.Length > 0 && !Name().IsMatch(value)))
            throw new FormatException($"invalid label value: \"{value}\": a valid label must be an empty string or consist of alphanumeric " +
                                      "characters, '-', '_' or '.', and must start and end with an alphanumeric character, at most 63 characters");
    }

    [GeneratedRegex("^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$")]
    private static partial Regex Name();

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex DnsSubdomain();
}
