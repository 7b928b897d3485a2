using System.Globalization;
using System.Text;

namespace Liqo.Sandbox.ApiServer.Selectors;

/// <summary>One field selector requirement: field, operator (=, ==, !=) and value (escapes already undone).
/// "=" and "==" mean the same; the operator is kept as written.</summary>
public sealed record FieldRequirement(string Field, string Operator, string Value);

/// <summary>
/// A parsed field selector (k=v, k==v, k!=v, comma-ANDed), following apimachinery's fields.ParseSelector: terms are split
/// at unescaped commas and sorted, each term is split at its first operator, and the value's backslash escapes
/// (<c>\\</c>, <c>\,</c>, <c>\=</c>) are undone. Whitespace is not trimmed: it belongs to the field or value.
/// Whether a field is supported for a resource is not decided here (the caller answers
/// <c>field label not supported: …</c>).
/// </summary>
public sealed class FieldSelector
{
    private static readonly string[] TermOperators = ["!=", "==", "="];

    private readonly IReadOnlyList<FieldRequirement> _requirements;

    private FieldSelector(IReadOnlyList<FieldRequirement> requirements) => _requirements = requirements;

    /// <summary>Parses the query form; null or empty selects everything. Throws <see cref="SelectorParseException"/> with the server's message.</summary>
    public static FieldSelector Parse(string? text)
    {
        if (string.IsNullOrEmpty(text))
            return new FieldSelector([]);

        var parts = SplitTerms(text);
        parts.Sort(CompareGoStrings);
        var requirements = new List<FieldRequirement>();
        foreach (var part in parts)
        {
            if (part.Length == 0)
                continue;
            if (!TrySplitTerm(part, out var field, out var op, out var rawValue))
                throw new SelectorParseException($"invalid selector: '{text}'; can't understand '{part}'");
            requirements.Add(new FieldRequirement(field, op, Unescape(rawValue)));
        }
        return new FieldSelector(requirements);
    }

    public IReadOnlyList<FieldRequirement> Requirements => _requirements;

    /// <summary>Whether the object is selected; <paramref name="fieldValue"/> returns the value of a field label (null when absent).</summary>
    public bool Matches(Func<string, string?> fieldValue)
    {
        foreach (var requirement in _requirements)
        {
            // fields.Set.Get returns "" for an absent field, so "f!=x" selects objects without f and "f=" selects them too.
            var actual = fieldValue(requirement.Field) ?? "";
            var equal = string.Equals(actual, requirement.Value, StringComparison.Ordinal);
            if (requirement.Operator == "!=" ? equal : !equal)
                return false;
        }
        return true;
    }

    private static List<string> SplitTerms(string selector)
    {
        var terms = new List<string>();
        var start = 0;
        var inSlash = false;
        for (var i = 0; i < selector.Length; i++)
        {
            var c = selector[i];
            if (inSlash)
                inSlash = false;
            else if (c == '\\')
                inSlash = true;
            else if (c == ',')
            {
                terms.Add(selector[start..i]);
                start = i + 1;
            }
        }
        terms.Add(selector[start..]);
        return terms;
    }

    private static bool TrySplitTerm(string term, out string field, out string op, out string value)
    {
        for (var i = 0; i < term.Length; i++)
        {
            foreach (var candidate in TermOperators)
            {
                if (string.CompareOrdinal(term, i, candidate, 0, candidate.Length) == 0)
                {
                    field = term[..i];
                    op = candidate;
                    value = term[(i + candidate.Length)..];
                    return true;
                }
            }
        }
        field = op = value = "";
        return false;
    }

    private static string Unescape(string value)
    {
        if (value.IndexOfAny(['\\', ',', '=']) < 0)
            return value;
        var sb = new StringBuilder(value.Length);
        var inSlash = false;
        foreach (var rune in value.EnumerateRunes())
        {
            if (inSlash)
            {
                if (rune.Value is '\\' or ',' or '=')
                    sb.Append(rune.ToString());
                else
                    throw new SelectorParseException("invalid field selector: invalid escape sequence: \\" + rune);
                inSlash = false;
                continue;
            }
            switch (rune.Value)
            {
                case '\\':
                    inSlash = true;
                    break;
                case ',' or '=':
                    // Go prints the rune with %v, i.e. as its number.
                    throw new SelectorParseException("invalid field selector: unescaped character in value: "
                        + rune.Value.ToString(CultureInfo.InvariantCulture));
                default:
                    sb.Append(rune.ToString());
                    break;
            }
        }
        if (inSlash)
            throw new SelectorParseException("invalid field selector: invalid escape sequence: \\");
        return sb.ToString();
    }

    // Go compares strings byte-wise (UTF-8), which ordinal UTF-16 comparison matches outside the surrogate range.
    private static int CompareGoStrings(string a, string b) =>
        Encoding.UTF8.GetBytes(a).AsSpan().SequenceCompareTo(Encoding.UTF8.GetBytes(b));
}
