using System.Globalization;
using System.Text;

namespace Liqo.Sandbox.ApiServer.Selectors;

/// <summary>
/// One requirement of a label selector: a key, an operator and a (sorted, de-duplicated) value set.
/// Created through <see cref="Create"/>, which validates like Kubernetes' labels.NewRequirement.
/// </summary>
internal sealed class LabelRequirement
{
    private LabelRequirement(string key, LabelOperator op, IReadOnlyList<string> values)
    {
        Key = key;
        Operator = op;
        Values = values;
    }

    public string Key { get; }

    public LabelOperator Operator { get; }

    /// <summary>The values, sorted ordinally and without duplicates.</summary>
    public IReadOnlyList<string> Values { get; }

    /// <summary>
    /// Validates key, operator arity and values; on failure throws <see cref="SelectorParseException"/> whose message is the
    /// aggregated field errors exactly as Kubernetes prints them (e.g. <c>values[0][app]: Invalid value: "a b": …</c>).
    /// </summary>
    public static LabelRequirement Create(string key, LabelOperator op, IEnumerable<string> values)
    {
        var sorted = values.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var errors = new List<string>();

        var keyErrors = LabelSyntax.LabelKeyErrors(key);
        if (keyErrors.Count > 0)
            errors.Add(FieldErrors.Invalid("key", key, string.Join("; ", keyErrors)));

        switch (op)
        {
            case LabelOperator.In or LabelOperator.NotIn:
                if (sorted.Count == 0)
                    errors.Add(FieldErrors.Invalid("values", sorted, "for 'in', 'notin' operators, values set can't be empty"));
                break;
            case LabelOperator.Equals or LabelOperator.DoubleEquals or LabelOperator.NotEquals:
                if (sorted.Count != 1)
                    errors.Add(FieldErrors.Invalid("values", sorted, "exact-match compatibility requires one single value"));
                break;
            case LabelOperator.Exists or LabelOperator.DoesNotExist:
                if (sorted.Count != 0)
                    errors.Add(FieldErrors.Invalid("values", sorted, "values set must be empty for exists and does not exist"));
                break;
            case LabelOperator.GreaterThan or LabelOperator.LessThan:
                if (sorted.Count != 1)
                    errors.Add(FieldErrors.Invalid("values", sorted, "for 'Gt', 'Lt' operators, exactly one value is required"));
                for (var i = 0; i < sorted.Count; i++)
                {
                    if (!TryParseGoInt64(sorted[i], out _))
                        errors.Add(FieldErrors.Invalid($"values[{i}]", sorted[i], "for 'Gt', 'Lt' operators, the value must be an integer"));
                }
                break;
        }

        for (var i = 0; i < sorted.Count; i++)
        {
            var valueErrors = LabelSyntax.LabelValueErrors(sorted[i]);
            if (valueErrors.Count > 0)
                errors.Add(FieldErrors.Invalid($"values[{i}][{key}]", sorted[i], string.Join("; ", valueErrors)));
        }

        if (errors.Count > 0)
            throw new SelectorParseException(FieldErrors.Aggregate(errors));
        return new LabelRequirement(key, op, sorted);
    }

    public bool Matches(IReadOnlyDictionary<string, string>? labels)
    {
        string? value = null;
        var has = labels is not null && labels.TryGetValue(Key, out value);
        switch (Operator)
        {
            case LabelOperator.In or LabelOperator.Equals or LabelOperator.DoubleEquals:
                return has && HasValue(value!);
            case LabelOperator.NotIn or LabelOperator.NotEquals:
                return !has || !HasValue(value!);
            case LabelOperator.Exists:
                return has;
            case LabelOperator.DoesNotExist:
                return !has;
            case LabelOperator.GreaterThan or LabelOperator.LessThan:
                if (!has || !TryParseGoInt64(value!, out var actual) || Values.Count != 1 || !TryParseGoInt64(Values[0], out var bound))
                    return false;
                return Operator == LabelOperator.GreaterThan ? actual > bound : actual < bound;
            default:
                return false;
        }
    }

    /// <summary>The canonical text of the requirement, as Kubernetes' Requirement.String() writes it.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        if (Operator == LabelOperator.DoesNotExist)
            sb.Append('!');
        sb.Append(Key);
        switch (Operator)
        {
            case LabelOperator.Equals: sb.Append('='); break;
            case LabelOperator.DoubleEquals: sb.Append("=="); break;
            case LabelOperator.NotEquals: sb.Append("!="); break;
            case LabelOperator.In: sb.Append(" in "); break;
            case LabelOperator.NotIn: sb.Append(" notin "); break;
            case LabelOperator.GreaterThan: sb.Append('>'); break;
            case LabelOperator.LessThan: sb.Append('<'); break;
            default: return sb.ToString();
        }
        var set = Operator is LabelOperator.In or LabelOperator.NotIn;
        if (set)
            sb.Append('(');
        sb.Append(string.Join(",", Values));
        if (set)
            sb.Append(')');
        return sb.ToString();
    }

    private bool HasValue(string value)
    {
        foreach (var v in Values)
        {
            if (string.Equals(v, value, StringComparison.Ordinal))
                return true;
        }
        return false;
    }

    // strconv.ParseInt(s, 10, 64): optional sign, ASCII digits only, no spaces, range-checked.
    private static bool TryParseGoInt64(string text, out long value)
    {
        value = 0;
        if (text.Length == 0)
            return false;
        var digits = text[0] is '+' or '-' ? text.AsSpan(1) : text.AsSpan();
        if (digits.Length == 0)
            return false;
        foreach (var c in digits)
        {
            if (c is < '0' or > '9')
                return false;
        }
        return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }
}
