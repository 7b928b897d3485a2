namespace Liqo.Sandbox.Tests.ApiServer;

/// <summary>Liqo v1.2.0's CRDs, read from ../shared/liqo-crds/v1.2.0 beside the repository (never copied into it).</summary>
public static class LiqoCrds
{
    public static readonly string? Directory = Find();

    private static string? Find()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Liqo.sln"))) dir = dir.Parent;
        if (dir?.Parent is null) return null;
        var crds = Path.Combine(dir.Parent.FullName, "shared", "liqo-crds", "v1.2.0");
        return System.IO.Directory.Exists(crds) ? crds : null;
    }

    public static IEnumerable<string> Files() => System.IO.Directory.GetFiles(Directory!, "*.yaml").Order(StringComparer.Ordinal);
}

/// <summary>A fact skipped, with the reason, when the Liqo CRDs are not beside the repository.</summary>
public sealed class LiqoCrdsFactAttribute : FactAttribute
{
    public LiqoCrdsFactAttribute(bool needsKubectl = false)
    {
        if (LiqoCrds.Directory is null) Skip = "../shared/liqo-crds/v1.2.0 not found beside the repository";
        else if (needsKubectl && Kubectl.BinaryPath is null) Skip = "kubectl 1.32 not found (kubectl.1.32 beside the gcloud kubectl dispatcher on PATH, or LIQO_KUBECTL)";
    }
}
