using System.Collections;
using System.Management.Automation;

namespace Liqo.PowerShell;

/// <summary>
/// Lets a namespace parameter take namespaces as people have them: names, or objects that carry the name, such as
/// kubectl's JSON converted with ConvertFrom-Json (metadata.name), Kubernetes client objects (Metadata.Name) or objects
/// with a Name or Namespace property (Get-LiqoNamespaceOffloading's output). Anything else is left to PowerShell's own
/// conversion.
/// </summary>
public sealed class NamespaceNameTransformationAttribute : ArgumentTransformationAttribute
{
    public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
    {
        var value = inputData is PSObject pso ? pso.BaseObject : inputData;
        if (value is string) return value;
        if (value is IEnumerable items and not IDictionary)
        {
            var names = new List<object>();
            foreach (var item in items) names.Add(NameOf(item) ?? item);
            return names.ToArray();
        }
        return NameOf(inputData) ?? inputData;
    }

    private static string? NameOf(object? item)
    {
        if (item is null) return null;
        var o = item as PSObject ?? PSObject.AsPSObject(item);
        if (o.BaseObject is string s) return s;
        if (Property(o, "metadata") is { } meta && Property(PSObject.AsPSObject(meta), "name") is string metaName) return metaName;
        foreach (var name in new[] { "Namespace", "Name" })
            if (Property(o, name) is string text && text.Length > 0) return text;
        return null;
    }

    private static object? Property(PSObject o, string name)
    {
        if (o.BaseObject is IDictionary d)
            foreach (DictionaryEntry e in d)
                if (string.Equals(e.Key?.ToString(), name, StringComparison.OrdinalIgnoreCase)) return Unwrap(e.Value);
        return Unwrap(o.Properties[name]?.Value);
    }

    private static object? Unwrap(object? v) => v is PSObject p ? p.BaseObject is PSCustomObject ? p : p.BaseObject : v;
}
