using System.Reflection;
using System.Text.RegularExpressions;

namespace Liqo.Engine.Tests;

/// <summary>Scripts branch on ErrorIds: each must be unique, spelled as its name, and documented in about_Liqo.</summary>
public class ErrorIdsTests
{
    private static readonly IReadOnlyList<(string Name, string Value)> Ids = typeof(ErrorIds)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral && f.FieldType == typeof(string))
        .Select(f => (f.Name, (string)f.GetRawConstantValue()!))
        .ToList();

    [Fact]
    public void Every_id_is_its_own_name_and_unique()
    {
        Assert.True(Ids.Count > 40, $"only {Ids.Count} ids found");
        Assert.All(Ids, id => Assert.Equal(id.Name, id.Value));
        Assert.Equal(Ids.Count, Ids.Select(i => i.Value).Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }

    [Fact]
    public void Every_id_is_listed_in_about_Liqo()
    {
        var help = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "module", "en-US", "about_Liqo.help.txt"));
        var errors = help[help.IndexOf("\nERRORS\n", StringComparison.Ordinal)..];
        var missing = Ids.Where(id => !Regex.IsMatch(errors, $@"^\s+{id.Value}\b", RegexOptions.Multiline)).Select(id => id.Value).ToList();
        Assert.True(missing.Count == 0, "not in about_Liqo's ERRORS section: " + string.Join(", ", missing));
    }

    [Fact]
    public void The_engine_raises_errors_only_with_registered_ids()
    {
        // A literal id would escape the registry (and about_Liqo): every LiqoException names an ErrorIds constant.
        var engine = Path.Combine(RepositoryPaths.Root, "src", "Liqo.Engine");
        var literal = new Regex(@"(?:LiqoException|KubeApiException)\(\s*""|new\(\s*""[A-Za-z]+"",\s*LiqoErrorCategory");
        var offenders = Directory.EnumerateFiles(engine, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(f => literal.IsMatch(File.ReadAllText(f)))
            .Select(f => Path.GetRelativePath(RepositoryPaths.Root, f))
            .ToList();
        Assert.True(offenders.Count == 0, "literal error ids in: " + string.Join(", ", offenders));
    }
}
