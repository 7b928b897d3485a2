using System.Text.Json.Nodes;
using Liqo.Sandbox.ApiServer.Schema;

namespace Liqo.Sandbox.ApiServer.Types;

/// <summary>Turns an established CustomResourceDefinition object into the resource types it serves (one per served version).</summary>
internal static class CrdTypes
{
    public static bool IsEstablished(JsonObject crd) =>
        (Json.Arr(Json.Obj(crd, "status"), "conditions") ?? []).OfType<JsonObject>()
            .Any(c => Json.Str(c, "type") == "Established" && Json.Str(c, "status") == "True");

    public static List<ResourceType> FromCrd(JsonObject crd)
    {
        var spec = Json.Obj(crd, "spec")!;
        var names = Json.Obj(spec, "names")!;
        var group = Json.Str(spec, "group")!;
        var kind = Json.Str(names, "kind")!;
        var plural = Json.Str(names, "plural")!;
        var result = new List<ResourceType>();
        foreach (var v in (Json.Arr(spec, "versions") ?? []).OfType<JsonObject>())
        {
            if (v["served"] is JsonValue sv && sv.TryGetValue<bool>(out var served) && !served) continue;
            var schema = Json.Obj(Json.Obj(v, "schema"), "openAPIV3Schema");
            var fieldLabels = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var sf in (Json.Arr(v, "selectableFields") ?? []).OfType<JsonObject>())
                if (Json.Str(sf, "jsonPath") is { } jp)
                {
                    var label = jp.TrimStart('.');
                    fieldLabels[label] = label;
                }
            result.Add(new ResourceType
            {
                Group = group,
                Version = Json.Str(v, "name")!,
                Kind = kind,
                Plural = plural,
                Singular = Json.Str(names, "singular") ?? kind.ToLowerInvariant(),
                Namespaced = Json.Str(spec, "scope") == "Namespaced",
                ShortNames = Strings(Json.Arr(names, "shortNames")),
                Categories = Strings(Json.Arr(names, "categories")),
                HasStatus = Json.Obj(Json.Obj(v, "subresources"), "status") is not null,
                BumpsGeneration = true,
                AllowUnconditionalUpdate = false,
                IsCustom = true,
                Schema = schema is null ? null : StructuralSchema.FromOpenApiV3(schema),
                PrinterColumns = Json.Arr(v, "additionalPrinterColumns")?.DeepClone().AsArray(),
                FieldLabels = fieldLabels,
            });
        }
        return result;
    }

    private static List<string> Strings(JsonArray? arr) =>
        arr?.Select(n => n is JsonValue jv && jv.TryGetValue<string>(out var s) ? s : "").Where(s => s.Length > 0).ToList() ?? [];
}
