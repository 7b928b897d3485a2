using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Liqo.Sandbox.ApiServer.Go;

namespace Liqo.Sandbox.ApiServer.Types;

/// <summary>The API server's ObjectMeta validation (names, labels, annotations, finalizers) with its messages.</summary>
internal static partial class MetadataValidation
{
    private const string SubdomainMsg = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
    private const string LabelMsg = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
    private const string Dns1035Msg = "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";
    private const string QualifiedNameMsg = "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
    private const string LabelValueMsg = "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex Subdomain();
    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex Label();
    [GeneratedRegex("^[a-z]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex Dns1035();
    [GeneratedRegex("^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$")]
    private static partial Regex QualifiedName();
    [GeneratedRegex("^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$")]
    private static partial Regex LabelValue();
    [GeneratedRegex("^[-._a-zA-Z0-9]+$")]
    private static partial Regex ConfigKey();

    public static bool IsSubdomain(string s) => s.Length <= 253 && Subdomain().IsMatch(s);
    public static bool IsLabel(string s) => s.Length <= 63 && Label().IsMatch(s);

    /// <summary>Errors for a name under a rule (empty when valid).</summary>
    public static IEnumerable<string> NameErrors(string name, NameRule rule)
    {
        switch (rule)
        {
            case NameRule.Subdomain:
                if (name.Length > 253) yield return "must be no more than 253 characters";
                if (!Subdomain().IsMatch(name)) yield return SubdomainMsg;
                break;
            case NameRule.Label:
                if (name.Length > 63) yield return "must be no more than 63 characters";
                if (!Label().IsMatch(name)) yield return LabelMsg;
                break;
            case NameRule.Dns1035Label:
                if (name.Length > 63) yield return "must be no more than 63 characters";
                if (!Dns1035().IsMatch(name)) yield return Dns1035Msg;
                break;
            case NameRule.PathSegment:
                if (name is "." or "..") yield return $"may not be '{name}'";
                else
                {
                    if (name.Contains('/')) yield return "may not contain '/'";
                    if (name.Contains('%')) yield return "may not contain '%'";
                }
                break;
        }
    }

    /// <summary>Errors of a qualified name (label and annotation keys, finalizers): [prefix/]name.</summary>
    public static IEnumerable<string> QualifiedNameErrors(string value)
    {
        var parts = value.Split('/');
        string name;
        if (parts.Length == 1) name = parts[0];
        else if (parts.Length == 2)
        {
            var prefix = parts[0];
            name = parts[1];
            if (prefix.Length == 0) yield return "prefix part must be non-empty";
            else if (!IsSubdomain(prefix)) yield return "prefix part " + SubdomainMsg;
        }
        else
        {
            yield return "a qualified name " + QualifiedNameMsg.Replace("name part ", "") + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')";
            yield break;
        }
        if (name.Length == 0) yield return "name part must be non-empty";
        else
        {
            if (name.Length > 63) yield return "name part must be no more than 63 characters";
            if (!QualifiedName().IsMatch(name)) yield return QualifiedNameMsg;
        }
    }

    /// <summary>Validates the metadata common to every kind (name, labels, annotations, finalizers).</summary>
    public static void Validate(JsonObject obj, NameRule rule, List<FieldError> errors)
    {
        var meta = ServerJson.Obj(obj, "metadata");
        var name = ServerJson.Str(meta, "name") ?? "";
        if (name.Length == 0)
            errors.Add(new FieldError(FieldErrorType.Required, "metadata.name", null, "name or generateName is required"));
        else
            foreach (var e in NameErrors(name, rule))
                errors.Add(new FieldError(FieldErrorType.Invalid, "metadata.name", Strconv.Quote(name), e));

        if (ServerJson.Obj(meta, "labels") is { } labels)
            foreach (var (k, v) in labels)
            {
                foreach (var e in QualifiedNameErrors(k))
                    errors.Add(new FieldError(FieldErrorType.Invalid, "metadata.labels", Strconv.Quote(k), e));
                var value = v is JsonValue jv && jv.TryGetValue<string>(out var s) ? s : "";
                if (value.Length > 63)
                    errors.Add(new FieldError(FieldErrorType.Invalid, "metadata.labels", Strconv.Quote(value), "must be no more than 63 characters"));
                if (!LabelValue().IsMatch(value))
                    errors.Add(new FieldError(FieldErrorType.Invalid, "metadata.labels", Strconv.Quote(value), LabelValueMsg));
            }

        if (ServerJson.Obj(meta, "annotations") is { } annotations)
        {
            long total = 0;
            foreach (var (k, v) in annotations)
            {
                foreach (var e in QualifiedNameErrors(k.ToLowerInvariant()))
                    errors.Add(new FieldError(FieldErrorType.Invalid, "metadata.annotations", Strconv.Quote(k), e));
                total += k.Length + (v is JsonValue jv && jv.TryGetValue<string>(out var s) ? s.Length : 0);
            }
            if (total > 256 * 1024)
                errors.Add(new FieldError(FieldErrorType.TooLong, "metadata.annotations", null, "may not be more than 262144 bytes"));
        }

        var finalizers = ServerJson.Arr(meta, "finalizers");
        if (finalizers is not null)
            for (var i = 0; i < finalizers.Count; i++)
            {
                var f = finalizers[i] is JsonValue fv && fv.TryGetValue<string>(out var fs) ? fs : "";
                foreach (var e in QualifiedNameErrors(f))
                    errors.Add(new FieldError(FieldErrorType.Invalid, $"metadata.finalizers[{i}]", Strconv.Quote(f), e));
            }
    }

    /// <summary>ConfigMap and Secret keys.</summary>
    public static void ValidateConfigKeys(JsonObject? map, string field, List<FieldError> errors)
    {
        if (map is null) return;
        foreach (var (k, _) in map)
        {
            if (k.Length > 253)
                errors.Add(new FieldError(FieldErrorType.Invalid, $"{field}[{k}]", Strconv.Quote(k), "must be no more than 253 characters"));
            if (!ConfigKey().IsMatch(k) || k is "." or "..")
                errors.Add(new FieldError(FieldErrorType.Invalid, $"{field}[{k}]", Strconv.Quote(k),
                    "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')"));
        }
    }
}
