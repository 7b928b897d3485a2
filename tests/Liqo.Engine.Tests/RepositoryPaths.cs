namespace Liqo.Engine.Tests;

/// <summary>Where the repository and ../shared are, found from the test binaries' folder.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>../shared beside the repository (Liqo's CRDs, references); null where it is absent.</summary>
    public static string? Shared => Directory.Exists(Path.Combine(Root, "..", "shared")) ? Path.GetFullPath(Path.Combine(Root, "..", "shared")) : null;

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Liqo.sln"))) return dir.FullName;
        throw new InvalidOperationException("Liqo.sln not found above " + AppContext.BaseDirectory);
    }
}
