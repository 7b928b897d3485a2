using System.Text.Json.Nodes;
using Liqo.Sandbox.ApiServer.Schema;

namespace Liqo.Sandbox.ApiServer.Types;

/// <summary>Turns an established CustomResourceDefinition object into the resource types it serves (one per served version).</summary>
internal static class CrdTypes
{
    public static bool IsEstablished(JsonObject crd) =>
        (ServerJson.Arr(ServerJson.Obj(crd, "status"), "conditions") ?? []).OfType<JsonObject>()
            .Any(c => ServerJson.Str(c, "type") == "Established" && ServerJson.Str(c, "status") == "True");

    public static List<ResourceType> FromCrd(JsonObject crd)
    {
        var spec = ServerJson.Obj(crd, "spec")!;
        var names = ServerJson.Obj(spec, "names")!;
        var group = ServerJson.Str(spec, "group")!;
        var kind = ServerJson.Str(names, "kind")!;
        var plural = ServerJson.Str(names, "plural")!;
        var result = new List<ResourceType>();
        foreach (var v in (ServerJson.Arr(spec, "versions") ?? []).OfType<JsonObject>())
        {
            if (v["served"] is JsonValue sv && sv.TryGetValue<bool>(out var served) && !served) continue;
            var schema = ServerJson.Obj(ServerJson.Obj(v, "schema"), "openAPIV3Schema");
            var fieldLabels = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var sf in (ServerJson.Arr(v, "selectableFields") ?? []).OfType<JsonObject>())
                if (ServerJson.Str(sf, "jsonPath") is { } jp)
                {
                    var label = jp.TrimStart('.');
                    fieldLabels[label] = label;
                }
            result.Add(new ResourceType
            {
                Group = group,
                Version = ServerJson.Str(v, "name")!,
                Kind = kind,
                Plural = plural,
                Singular = ServerJson.Str(names, "singular") ?? kind.ToLowerInvariant(),
                Namespaced = ServerJson.Str(spec, "scope") == "Namespaced",
                ShortNames = Strings(ServerJson.Arr(names, "shortNames")),
                Categories = Strings(ServerJson.Arr(names, "categories")),
                HasStatus = ServerJson.Obj(ServerJson.Obj(v, "subresources"), "status") is not null,
                BumpsGeneration = true,
                AllowUnconditionalUpdate = false,
                IsCustom = true,
                Schema = schema is null ? null : StructuralSchema.FromOpenApiV3(schema),
                PrinterColumns = ServerJson.Arr(v, "additionalPrinterColumns")?.DeepClone().AsArray(),
                FieldLabels = fieldLabels,
            });
        }
        return result;
    }

    private static List<string> Strings(JsonArray? arr) =>
        arr?.Select(n => n is JsonValue jv && jv.TryGetValue<string>(out var s) ? s : "").Where(s => s.Length > 0).ToList() ?? [];
}
