using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Liqo.Engine.Resources;

/// <summary>
/// liqoctl's --global-labels and --global-annotations (-GlobalLabel, -GlobalAnnotation): labels and annotations added to
/// every object a command creates or updates through liqoctl's CreateOrUpdate (utils/resource/wrappers.go), on both
/// clusters, at each run (an existing object gets them too), after Liqo's own fields, so a global key replaces the value
/// a key of the same name had. A value may name ${namespace}, ${name}, ${kind} and ${group} of the object it is put on.
/// Checked once, when made (<see cref="Create"/>): keys as the API server checks them, label values as far as they are
/// known before the object is, and no key in Liqo's own domain (liqo.io and its subdomains), which liqoctl would let
/// overwrite the labels Liqo finds its objects by.
/// </summary>
public sealed partial class GlobalMetadata
{
    /// <summary>No global labels or annotations.</summary>
    public static readonly GlobalMetadata None = new(new Dictionary<string, string>(), new Dictionary<string, string>());

    /// <summary>The API server's bound on the size of all of an object's annotations (keys and values).</summary>
    private const int AnnotationBytesMax = 256 * 1024;

    private GlobalMetadata(IReadOnlyDictionary<string, string> labels, IReadOnlyDictionary<string, string> annotations)
    {
        Labels = labels;
        Annotations = annotations;
    }

    /// <summary>The labels as given (values may hold ${...} variables), by key.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; }

    /// <summary>The annotations as given (values may hold ${...} variables), by key.</summary>
    public IReadOnlyDictionary<string, string> Annotations { get; }

    public bool IsEmpty => Labels.Count == 0 && Annotations.Count == 0;

    [GeneratedRegex(@"\$\{(namespace|name|kind|group)\}")]
    private static partial Regex Variable();

    /// <summary>
    /// Checks and keeps the labels and annotations; a bad one is an InvalidArgument error naming -GlobalLabel or
    /// -GlobalAnnotation, thrown before anything is written.
    /// </summary>
    public static GlobalMetadata Create(IEnumerable<KeyValuePair<string, string>>? labels, IEnumerable<KeyValuePair<string, string>>? annotations)
    {
        var l = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in (labels ?? []).OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            NotLiqos(LabelParameter, key, value, "label");
            // the variables' values are not known yet: check the value with each variable as a letter
            var known = Variable().Replace(value, "a");
            if (known.Contains("${", StringComparison.Ordinal))
                throw InputRules.Invalid(LabelParameter, $"{key}={value}",
                    "names a variable other than ${namespace}, ${name}, ${kind} and ${group}, the ones replaced by the object's (as liqoctl does)");
            InputRules.Labels(LabelParameter, new Dictionary<string, string> { [key] = known });
            l[key] = value;
        }
        var a = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in (annotations ?? []).OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            NotLiqos(AnnotationParameter, key, value, "annotation");
            // the API server checks an annotation key as a qualified name in lower case
            try
            {
                InputRules.Labels(AnnotationParameter, new Dictionary<string, string> { [key.ToLowerInvariant()] = "" });
            }
            catch (LiqoException)
            {
                throw InputRules.Invalid(AnnotationParameter, key, "must be a qualified name, an annotation key such as note or example.com/ticket: " +
                    "an optional DNS prefix and '/', then at most 63 letters, digits, '-', '_' and '.', starting and ending with a letter or digit");
            }
            a[key] = value;
        }
        if (a.Sum(p => Encoding.UTF8.GetByteCount(p.Key) + Encoding.UTF8.GetByteCount(p.Value)) > AnnotationBytesMax)
            throw InputRules.Invalid(AnnotationParameter, string.Join(",", a.Keys), "holds more than the 256 KiB the API server allows for all of an object's annotations");
        return l.Count == 0 && a.Count == 0 ? None : new GlobalMetadata(l, a);
    }

    internal const string LabelParameter = "GlobalLabel", AnnotationParameter = "GlobalAnnotation";

    /// <summary>Liqo's own domain, whose labels and annotations Liqo finds and drives its objects by.</summary>
    private static void NotLiqos(string parameter, string key, string value, string what)
    {
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        var prefix = slash < 0 ? "" : key[..slash].ToLowerInvariant();
        if (prefix == "liqo.io" || prefix.EndsWith(".liqo.io", StringComparison.Ordinal))
            throw InputRules.Invalid(parameter, $"{key}={value}",
                $"is in Liqo's own domain ({prefix}): a global {what} would replace the {what} of that key that Liqo sets on its objects and finds them by " +
                $"(liqoctl lets it, the module does not); choose a key of your own domain, such as example.com/{key[(slash + 1)..]}");
    }

    /// <summary>
    /// Puts the labels and annotations on <paramref name="obj"/> (of <paramref name="kind"/>), replacing the values of keys
    /// it already has, with the variables replaced by the object's. A label value that the variables make invalid (e.g.
    /// longer than 63 characters) is an InvalidArgument error, thrown before the object is written.
    /// </summary>
    public void ApplyTo(JsonObject obj, ResourceKind kind)
    {
        if (IsEmpty) return;
        var meta = (JsonObject)(obj["metadata"] ??= new JsonObject());
        if (Labels.Count > 0)
        {
            var labels = meta["labels"] as JsonObject ?? (JsonObject)(meta["labels"] = new JsonObject());
            foreach (var (key, template) in Labels)
            {
                var value = Substitute(template, obj, kind);
                try
                {
                    InputRules.Labels(LabelParameter, new Dictionary<string, string> { [key] = value });
                }
                catch (LiqoException)
                {
                    throw InputRules.Invalid(LabelParameter, $"{key}={template}",
                        $"becomes '{value}' on {kind.Kind} {obj.Name()}, which is not a label value (at most 63 letters, digits, '-', '_' and '.', " +
                        "starting and ending with a letter or digit)");
                }
                labels[key] = value;
            }
        }
        if (Annotations.Count > 0)
        {
            var annotations = meta["annotations"] as JsonObject ?? (JsonObject)(meta["annotations"] = new JsonObject());
            foreach (var (key, template) in Annotations) annotations[key] = Substitute(template, obj, kind);
        }
    }

    /// <summary>What the object gets, for the -WhatIf line of its write: " with global labels a=b, c=d and global annotations e=f".</summary>
    public string Describe(JsonObject obj, ResourceKind kind)
    {
        if (IsEmpty) return "";
        var parts = new List<string>();
        if (Labels.Count > 0) parts.Add("global labels " + string.Join(", ", Labels.Select(p => $"{p.Key}={Substitute(p.Value, obj, kind)}")));
        if (Annotations.Count > 0) parts.Add("global annotations " + string.Join(", ", Annotations.Select(p => $"{p.Key}={Substitute(p.Value, obj, kind)}")));
        return " with " + string.Join(" and ", parts);
    }

    /// <summary>${namespace}, ${name}, ${kind} and ${group} of the object (empty when it has none), as liqoctl replaces them.</summary>
    private static string Substitute(string template, JsonObject obj, ResourceKind kind) =>
        Variable().Replace(template, m => m.Groups[1].Value switch
        {
            "namespace" => obj.Namespace() ?? "",
            "name" => obj.Name(),
            "kind" => kind.Kind,
            _ => kind.Group,
        });
}
