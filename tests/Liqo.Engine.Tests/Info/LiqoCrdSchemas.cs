using System.Globalization;
using System.Text.Json.Nodes;
using YamlDotNet.RepresentationModel;

namespace Liqo.Engine.Tests.Info;

/// <summary>
/// The openAPIV3Schema of Liqo's real v1.2.0 CRDs, by kind, read from ../shared/liqo-crds/v1.2.0/ beside the repository
/// (never copied into it), and a check of an object against one: unknown fields (which the API server would prune),
/// types, enums and required fields.
/// </summary>
internal static class LiqoCrdSchemas
{
    public static string? Directory { get; } = RepositoryPaths.Shared is { } shared && System.IO.Directory.Exists(Path.Combine(shared, "liqo-crds", "v1.2.0"))
        ? Path.Combine(shared, "liqo-crds", "v1.2.0")
        : null;

    private static readonly Lazy<IReadOnlyDictionary<string, JsonObject>> ByKind = new(Load);

    public static JsonObject? For(string kind) => ByKind.Value.TryGetValue(kind, out var s) ? s : null;

    public static IEnumerable<string> Problems(JsonObject obj, JsonObject schema)
    {
        var problems = new List<string>();
        foreach (var (key, value) in obj)
        {
            if (key is "apiVersion" or "kind" or "metadata") continue;
            if (schema["properties"]?[key] is JsonObject property) Check(value, property, key, problems);
            else problems.Add($"{key}: unknown field");
        }
        return problems;
    }

    private static void Check(JsonNode? value, JsonObject schema, string path, List<string> problems)
    {
        if (value is null)
        {
            if (!Truthy(schema["nullable"])) problems.Add($"{path}: null");
            return;
        }
        if (Truthy(schema["x-kubernetes-int-or-string"])) return;
        if (schema["enum"] is JsonArray allowed && value is JsonValue ev && !allowed.Any(a => a?.ToString() == ev.ToString()))
            problems.Add($"{path}: {ev} is not one of {allowed.ToJsonString()}");
        switch (schema["type"]?.ToString())
        {
            case "object":
                if (value is not JsonObject o)
                {
                    problems.Add($"{path}: not an object");
                    return;
                }
                foreach (var r in (schema["required"] as JsonArray ?? []).Select(r => r!.ToString()))
                    if (!o.ContainsKey(r)) problems.Add($"{path}.{r}: required");
                foreach (var (k, v) in o)
                {
                    if (schema["properties"]?[k] is JsonObject p) Check(v, p, $"{path}.{k}", problems);
                    else if (schema["additionalProperties"] is JsonObject ap) Check(v, ap, $"{path}.{k}", problems);
                    else if (!Truthy(schema["x-kubernetes-preserve-unknown-fields"]) && !Truthy(schema["additionalProperties"]))
                        problems.Add($"{path}.{k}: unknown field");
                }
                break;
            case "array":
                if (value is not JsonArray a) problems.Add($"{path}: not an array");
                else if (schema["items"] is JsonObject items)
                    for (var i = 0; i < a.Count; i++) Check(a[i], items, $"{path}[{i}]", problems);
                break;
            case "string":
                if (value is not JsonValue s || !s.TryGetValue<string>(out _)) problems.Add($"{path}: not a string");
                break;
            case "integer":
                if (value is not JsonValue n || !(n.TryGetValue<long>(out _) || n.TryGetValue<int>(out _))) problems.Add($"{path}: not an integer");
                break;
            case "boolean":
                if (value is not JsonValue b || !b.TryGetValue<bool>(out _)) problems.Add($"{path}: not a boolean");
                break;
        }
    }

    private static bool Truthy(JsonNode? n) => n is JsonValue v && (v.TryGetValue<bool>(out var b) ? b : v.ToString() == "true");

    private static IReadOnlyDictionary<string, JsonObject> Load()
    {
        var result = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        if (Directory is null) return result;
        foreach (var file in System.IO.Directory.GetFiles(Directory, "*.yaml"))
        {
            var stream = new YamlStream();
            using (var reader = new StreamReader(file)) stream.Load(reader);
            var crd = (JsonObject)ToJson(stream.Documents[0].RootNode)!;
            var kind = crd["spec"]!["names"]!["kind"]!.ToString();
            result[kind] = crd["spec"]!["versions"]![0]!["schema"]!["openAPIV3Schema"]!.AsObject();
        }
        return result;
    }

    private static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(p => KeyValuePair.Create(((YamlScalarNode)p.Key).Value ?? "", ToJson(p.Value)))),
        YamlSequenceNode seq => new JsonArray(seq.Children.Select(ToJson).ToArray()),
        YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain, Value: "true" or "false" } s => JsonValue.Create(s.Value == "true"),
        YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain } s when long.TryParse(s.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l) =>
            JsonValue.Create(l),
        YamlScalarNode s => JsonValue.Create(s.Value ?? ""),
        _ => null,
    };
}

/// <summary>A fact skipped, with the reason shown, when the shared Liqo CRD folder is absent.</summary>
public sealed class LiqoCrdFactAttribute : FactAttribute
{
    public LiqoCrdFactAttribute()
    {
        if (LiqoCrdSchemas.Directory is null)
            Skip = "Liqo's CRDs are not available: ../shared/liqo-crds/v1.2.0/ beside the repository is absent.";
    }
}
