using System.Text;
using System.Text.Json.Nodes;
using Liqo.Engine.Resources;

namespace Liqo.Engine.GoFormat;

/// <summary>
/// k8s.io/cli-runtime's JSONPrinter and YAMLPrinter as liqoctl's -o json|yaml use them on a typed Liqo object (create
/// resourceslice, create virtualnode, offload namespace). JSON is encoding/json's MarshalIndent with four spaces and a
/// newline after; YAML is sigs.k8s.io/yaml (keys sorted). encoding/json writes a struct's fields in declaration order:
/// TypeMeta (kind, apiVersion), the ObjectMeta fields forge sets (name, namespace, labels, annotations; creationTimestamp
/// is omitzero in apimachinery v0.35), spec, and status, a struct encoding/json never omits ({} when empty). Maps come
/// out with sorted keys.
/// </summary>
internal static class KubectlPrinter
{
    /// <summary>The ObjectMeta fields liqoctl's forge functions set, in Go's field order.</summary>
    private static readonly string[] MetadataFields = ["name", "namespace", "labels", "annotations"];

    /// <summary>The text the printer writes for <paramref name="typed"/>, an object laid out by <see cref="Typed"/>.</summary>
    public static string Print(JsonObject typed, MachineFormat format)
    {
        if (format == MachineFormat.Yaml) return GoYaml.Emit(typed);
        // GoJson writes two spaces per level and no string holds a raw newline: doubling each line's indentation gives Go's four
        var sb = new StringBuilder();
        foreach (var line in GoJson.Write(typed).Split('\n'))
        {
            var indent = line.Length - line.TrimStart(' ').Length;
            sb.Append(' ', indent * 2).Append(line, indent, line.Length - indent).Append('\n');
        }
        return sb.ToString();
    }

    /// <summary>
    /// The object as encoding/json lays out the Go struct: kind, apiVersion, metadata (the fields forge sets, maps sorted),
    /// <paramref name="spec"/> as given (see <see cref="Struct"/>), and an empty status.
    /// </summary>
    public static JsonObject Typed(ResourceKind kind, JsonObject forged, JsonObject spec)
    {
        var meta = new JsonObject();
        foreach (var field in MetadataFields)
        {
            if (forged["metadata"]?[field] is not { } v) continue;
            meta[field] = v is JsonObject map ? Map(map) : v.DeepClone();
        }
        return new JsonObject
        {
            ["kind"] = kind.Kind,
            ["apiVersion"] = kind.ApiVersion,
            ["metadata"] = meta,
            ["spec"] = spec,
            ["status"] = new JsonObject(),
        };
    }

    /// <summary>A Go struct: the members of <paramref name="o"/> in the struct's field order (members it lacks are omitted).</summary>
    public static JsonObject Struct(JsonNode? o, params string[] fieldOrder)
    {
        var result = new JsonObject();
        if (o is not JsonObject source) return result;
        foreach (var field in fieldOrder)
            if (source.TryGetPropertyValue(field, out var v)) result[field] = v?.DeepClone();
        var unknown = source.Select(p => p.Key).Except(fieldOrder, StringComparer.Ordinal).ToList();
        if (unknown.Count > 0) throw new ArgumentException($"not a field of the Go struct: {string.Join(", ", unknown)}", nameof(o));
        return result;
    }

    /// <summary>A Go map: its entries with keys sorted as encoding/json sorts them (byte order).</summary>
    public static JsonObject Map(JsonNode? o)
    {
        var result = new JsonObject();
        if (o is not JsonObject source) return result;
        foreach (var (k, v) in source.OrderBy(p => p.Key, Utf8Ordinal.Instance)) result[k] = v?.DeepClone();
        return result;
    }
}
