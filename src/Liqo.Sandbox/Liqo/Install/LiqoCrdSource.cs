using System.Text.Json.Nodes;
using Liqo.Sandbox.ApiServer.Http;

namespace Liqo.Sandbox.Liqo.Install;

/// <summary>
/// Where the installed CRDs come from: Liqo's real v1.2.0 CRDs (../shared/liqo-crds/v1.2.0/ beside the repository,
/// full schemas) when that folder exists, otherwise the project's own minimal definitions of the kinds the simulation
/// needs (<see cref="LiqoCrdDefinitions"/>).
/// </summary>
public static class LiqoCrdSource
{
    /// <summary>The folder of Liqo's v1.2.0 CRDs found from the running program (walking up to Liqo.sln, then ../shared), or null.</summary>
    public static string? FindRealCrdDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (!File.Exists(Path.Combine(dir.FullName, "Liqo.sln"))) continue;
            var candidate = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "liqo-crds", "v1.2.0"));
            return Directory.Exists(candidate) && Directory.EnumerateFiles(candidate, "*.yaml").Any() ? candidate : null;
        }
        return null;
    }

    /// <summary>The CRD objects to install: the YAML files of <paramref name="directory"/>, or the own definitions when null.</summary>
    internal static List<JsonObject> Load(string? directory)
    {
        if (directory is null) return LiqoCrdDefinitions.All();
        var result = new List<JsonObject>();
        foreach (var file in Directory.EnumerateFiles(directory, "*.yaml").Order(StringComparer.Ordinal))
            if (YamlToJson.Convert(File.ReadAllText(file)) is JsonObject crd && crd["kind"]?.GetValue<string>() == "CustomResourceDefinition")
                result.Add(crd);
        return result;
    }
}
