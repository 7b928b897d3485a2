using System.Diagnostics;
using System.Text.Json.Nodes;
using Liqo.Sandbox.ApiServer.Schema;

namespace Liqo.Sandbox.Tests.Schema;

/// <summary>Every CRD file of one folder, with the structural schema of each served version.</summary>
public sealed class LiqoCrdSet
{
    private readonly Dictionary<string, StructuralSchema> _byKind = new(StringComparer.Ordinal);

    private LiqoCrdSet() { }

    /// <summary>Files read, and (file, version) pairs whose schema was built.</summary>
    public List<string> Files { get; } = [];

    public List<string> BuiltVersions { get; } = [];

    public TimeSpan ParseTime { get; private set; }

    public TimeSpan BuildTime { get; private set; }

    /// <summary>Every <c>Kind/version</c> with a schema.</summary>
    public IEnumerable<string> KindVersions => _byKind.Keys;

    /// <summary>The schema of <c>Kind/version</c>, e.g. <c>ForeignCluster/v1beta1</c>.</summary>
    public StructuralSchema this[string kindAndVersion] => _byKind[kindAndVersion];

    public static LiqoCrdSet Load(string folder)
    {
        var set = new LiqoCrdSet();
        var parse = new Stopwatch();
        var build = new Stopwatch();
        foreach (var file in Directory.EnumerateFiles(folder, "*.yaml").Order(StringComparer.Ordinal))
        {
            parse.Start();
            var crd = YamlJson.LoadObject(File.ReadAllText(file));
            parse.Stop();
            set.Files.Add(Path.GetFileName(file));
            var kind = crd["spec"]!["names"]!["kind"]!.GetValue<string>();
            foreach (var version in crd["spec"]!["versions"]!.AsArray())
            {
                if (version!["served"]?.GetValue<bool>() != true) continue;
                var name = version["name"]!.GetValue<string>();
                var schema = version["schema"]!["openAPIV3Schema"]!.AsObject();
                build.Start();
                set._byKind[$"{kind}/{name}"] = StructuralSchema.FromOpenApiV3(schema);
                build.Stop();
                set.BuiltVersions.Add($"{Path.GetFileName(file)}#{name}");
            }
        }
        set.ParseTime = parse.Elapsed;
        set.BuildTime = build.Elapsed;
        return set;
    }
}

/// <summary>Loads the shared Liqo CRDs once per test class (null sets when the folder is absent).</summary>
public sealed class LiqoCrdFixture
{
    private readonly Lazy<LiqoCrdSet?> _v120 = new(() => LiqoCrdFolder.V120 is { } f ? LiqoCrdSet.Load(f) : null);
    private readonly Lazy<LiqoCrdSet?> _master = new(() => LiqoCrdFolder.Master is { } f ? LiqoCrdSet.Load(f) : null);

    public LiqoCrdSet V120 => _v120.Value ?? throw new InvalidOperationException("Liqo v1.2.0 CRDs are absent");

    public LiqoCrdSet? Master => _master.Value;
}

/// <summary>What the API server does to a custom resource on create or update, step by step.</summary>
internal static class Admission
{
    public sealed record Result(JsonObject Object, IReadOnlyList<string> Pruned, IReadOnlyList<string> Errors);

    /// <summary>Prunes, defaults and validates a copy of <paramref name="obj"/>.</summary>
    public static Result Run(StructuralSchema schema, JsonObject obj, JsonObject? old = null)
    {
        var copy = obj.DeepClone().AsObject();
        var pruned = schema.Prune(copy);
        schema.ApplyDefaults(copy);
        JsonObject? oldCopy = null;
        if (old is not null)
        {
            oldCopy = old.DeepClone().AsObject();
            schema.Prune(oldCopy);
            schema.ApplyDefaults(oldCopy);
        }
        var errors = schema.Validate(copy, oldCopy).Select(e => e.ToString()).ToList();
        return new Result(copy, pruned, errors);
    }
}
