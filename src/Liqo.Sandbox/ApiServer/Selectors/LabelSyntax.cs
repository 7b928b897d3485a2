using System.Text;
using System.Text.RegularExpressions;

namespace Liqo.Sandbox.ApiServer.Selectors;

/// <summary>
/// The API server's rules for label keys (qualified names with an optional DNS-1123 subdomain prefix) and label values,
/// with the exact messages of Kubernetes 1.32 (apimachinery util/validation).
/// </summary>
internal static partial class LabelSyntax
{
    private const string QualifiedNameFormat = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
    private const string QualifiedNameMessage =
        "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
    private const int QualifiedNameMaxLength = 63;

    private const string LabelValueFormat = "(" + QualifiedNameFormat + ")?";
    private const string LabelValueMessage =
        "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
    private const int LabelValueMaxLength = 63;

    private const string Dns1123LabelFormat = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
    private const string Dns1123SubdomainFormat = Dns1123LabelFormat + "(\\." + Dns1123LabelFormat + ")*";
    private const string Dns1123SubdomainMessage =
        "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";
    private const int Dns1123SubdomainMaxLength = 253;

    [GeneratedRegex(@"\A([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]\z", RegexOptions.CultureInvariant)]
    private static partial Regex QualifiedName();

    [GeneratedRegex(@"\A(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?\z", RegexOptions.CultureInvariant)]
    private static partial Regex LabelValue();

    [GeneratedRegex(@"\A[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\z", RegexOptions.CultureInvariant)]
    private static partial Regex Dns1123Subdomain();

    /// <summary>The problems with a label key (IsQualifiedName); empty when valid.</summary>
    public static List<string> LabelKeyErrors(string value)
    {
        var errors = new List<string>();
        var parts = value.Split('/');
        string name;
        switch (parts.Length)
        {
            case 1:
                name = parts[0];
                break;
            case 2:
                var prefix = parts[0];
                name = parts[1];
                if (prefix.Length == 0)
                    errors.Add("prefix part " + EmptyError);
                else
                    errors.AddRange(Dns1123SubdomainErrors(prefix).Select(m => "prefix part " + m));
                break;
            default:
                errors.Add("a qualified name " + RegexError(QualifiedNameMessage, QualifiedNameFormat, "MyName", "my.name", "123-abc")
                    + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')");
                return errors;
        }

        if (name.Length == 0)
            errors.Add("name part " + EmptyError);
        else if (GoLength(name) > QualifiedNameMaxLength)
            errors.Add("name part " + MaxLengthError(QualifiedNameMaxLength));
        if (!QualifiedName().IsMatch(name))
            errors.Add("name part " + RegexError(QualifiedNameMessage, QualifiedNameFormat, "MyName", "my.name", "123-abc"));
        return errors;
    }

    /// <summary>The problems with a label value (IsValidLabelValue); empty when valid.</summary>
    public static List<string> LabelValueErrors(string value)
    {
        var errors = new List<string>();
        if (GoLength(value) > LabelValueMaxLength)
            errors.Add(MaxLengthError(LabelValueMaxLength));
        if (!LabelValue().IsMatch(value))
            errors.Add(RegexError(LabelValueMessage, LabelValueFormat, "MyValue", "my_value", "12345"));
        return errors;
    }

    private static List<string> Dns1123SubdomainErrors(string value)
    {
        var errors = new List<string>();
        if (GoLength(value) > Dns1123SubdomainMaxLength)
            errors.Add(MaxLengthError(Dns1123SubdomainMaxLength));
        if (!Dns1123Subdomain().IsMatch(value))
            errors.Add(RegexError(Dns1123SubdomainMessage, Dns1123SubdomainFormat, "example.com"));
        return errors;
    }

    private const string EmptyError = "must be non-empty";

    private static string MaxLengthError(int length) => $"must be no more than {length} characters";

    // Kubernetes' RegexError, including its double space before each " or ".
    private static string RegexError(string message, string format, params string[] examples)
    {
        if (examples.Length == 0)
            return message + " (regex used for validation is '" + format + "')";
        var text = message + " (e.g. ";
        for (var i = 0; i < examples.Length; i++)
        {
            if (i > 0)
                text += " or ";
            text += "'" + examples[i] + "', ";
        }
        return text + "regex used for validation is '" + format + "')";
    }

    // Go's len() of a string, which the limits are checked with: its UTF-8 bytes.
    private static int GoLength(string value) => Encoding.UTF8.GetByteCount(value);
}
