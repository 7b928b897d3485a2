using YamlDotNet.RepresentationModel;

namespace Liqo.Sandbox.Tests.Patch;

/// <summary>
/// Liqo v1.2 CRDs, read from <c>../shared/liqo-crds/v1.2.0/</c> next to the repository (never copied into it).
/// </summary>
internal static class LiqoCrds
{
    /// <summary>The CRD folder, or null when it is not there.</summary>
    public static string? Folder { get; } = Find();

    private static string? Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (!File.Exists(Path.Combine(dir.FullName, "Liqo.sln"))) continue;
            var folder = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "liqo-crds", "v1.2.0"));
            return Directory.Exists(folder) ? folder : null;
        }
        return null;
    }

    /// <summary>
    /// The x-kubernetes-list-map-keys of the served version's schema, by dotted path with array levels skipped
    /// (what StructuralSchema.ListMapKeys gives the managedFields engine).
    /// </summary>
    public static Func<string, IReadOnlyList<string>?> ListMapKeys(string fileName)
    {
        var stream = new YamlStream();
        using (var reader = new StreamReader(Path.Combine(Folder!, fileName))) stream.Load(reader);
        var root = (YamlMappingNode)stream.Documents[0].RootNode;
        var version = (YamlMappingNode)((YamlSequenceNode)Child(Child(root, "spec")!, "versions")!).Children[0];
        var schema = (YamlMappingNode)Child(Child(version, "schema")!, "openAPIV3Schema")!;
        return path =>
        {
            var node = schema;
            foreach (var part in path.Split('.'))
            {
                if (Child(node, "items") is YamlMappingNode items) node = items;
                node = Child(node!, "properties") is YamlMappingNode props ? Child(props, part) as YamlMappingNode : null;
                if (node is null) return null;
            }
            return Child(node, "x-kubernetes-list-map-keys") is YamlSequenceNode keys
                ? keys.Children.Select(k => ((YamlScalarNode)k).Value!).ToList()
                : null;
        };
    }

    private static YamlNode? Child(YamlNode node, string key) =>
        node is YamlMappingNode map && map.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;
}

/// <summary>A fact that is skipped, with the reason, when the Liqo CRDs are not next to the repository.</summary>
public sealed class LiqoCrdFactAttribute : FactAttribute
{
    public LiqoCrdFactAttribute()
    {
        if (LiqoCrds.Folder is null) Skip = "Liqo CRDs not found at ../shared/liqo-crds/v1.2.0/ beside the repository";
    }
}
