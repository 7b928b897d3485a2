using System.Globalization;
using System.Text.Json.Nodes;
using YamlDotNet.RepresentationModel;

namespace Liqo.Sandbox.Tests.Printing;

/// <summary>
/// Liqo's real v1.2.0 CRDs, read from the shared folder beside the repository (../shared/liqo-crds/v1.2.0/, found by
/// walking up from the test binaries to the directory holding Liqo.sln). They are never copied into the repository.
/// </summary>
internal static class LiqoCrds
{
    public static string? Directory { get; } = Locate();

    private static string? Locate()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Liqo.sln")))
            {
                var crds = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "liqo-crds", "v1.2.0"));
                return System.IO.Directory.Exists(crds) ? crds : null;
            }
        }
        return null;
    }

    /// <summary>The CRD as JSON (plain YAML scalars typed as JSON would be: integers, booleans, null).</summary>
    public static JsonObject Load(string fileName)
    {
        if (Directory is null)
            throw new InvalidOperationException("the shared Liqo CRD folder is absent");
        var stream = new YamlStream();
        using (var reader = new StreamReader(Path.Combine(Directory, fileName)))
            stream.Load(reader);
        return (JsonObject)ToJson(stream.Documents[0].RootNode)!;
    }

    /// <summary>spec.versions[name=<paramref name="version"/>].additionalPrinterColumns.</summary>
    public static JsonArray? PrinterColumns(JsonObject crd, string version) =>
        crd["spec"]!["versions"]!.AsArray().OfType<JsonObject>()
            .First(v => (string?)v["name"] == version)["additionalPrinterColumns"] as JsonArray;

    private static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(p =>
            KeyValuePair.Create(((YamlScalarNode)p.Key).Value ?? "", ToJson(p.Value)))),
        YamlSequenceNode seq => new JsonArray(seq.Children.Select(ToJson).ToArray()),
        YamlScalarNode scalar => Scalar(scalar),
        _ => null,
    };

    private static JsonNode? Scalar(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? "";
        if (scalar.Style != YamlDotNet.Core.ScalarStyle.Plain)
            return JsonValue.Create(text);
        if (text is "null" or "~" or "")
            return null;
        if (text is "true" or "false")
            return JsonValue.Create(text == "true");
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
            return JsonValue.Create(integer);
        return JsonValue.Create(text);
    }
}

/// <summary>A fact that is skipped, with the reason shown, when the shared Liqo CRD folder is absent.</summary>
public sealed class LiqoCrdFactAttribute : FactAttribute
{
    public LiqoCrdFactAttribute()
    {
        if (LiqoCrds.Directory is null)
            Skip = "Liqo's CRDs are not available: ../shared/liqo-crds/v1.2.0/ beside the repository is absent.";
    }
}
