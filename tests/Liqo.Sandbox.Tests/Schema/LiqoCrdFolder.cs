namespace Liqo.Sandbox.Tests.Schema;

/// <summary>
/// Finds Liqo's CRDs, which the repository never contains: <c>../shared/liqo-crds/</c> next to the checkout
/// (the directory holding Liqo.sln), found by walking up from the test binaries.
/// </summary>
internal static class LiqoCrdFolder
{
    /// <summary>The v1.2.0 release CRDs, or null when absent.</summary>
    public static string? V120 => Find("v1.2.0");

    /// <summary>The master snapshot (adds GatewayServer port/ports CEL rules), or null when absent.</summary>
    public static string? Master => Find(null);

    private static string? Find(string? sub)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (!File.Exists(Path.Combine(dir.FullName, "Liqo.sln"))) continue;
            var crds = Path.Combine(dir.FullName, "..", "shared", "liqo-crds");
            if (sub is not null) crds = Path.Combine(crds, sub);
            crds = Path.GetFullPath(crds);
            return Directory.Exists(crds) && Directory.EnumerateFiles(crds, "*.yaml").Any() ? crds : null;
        }
        return null;
    }
}

/// <summary>
/// A fact that is skipped, with the reason, when ../shared/liqo-crds/v1.2.0/ (or, with <see cref="NeedsMaster"/>,
/// the master snapshot in ../shared/liqo-crds/) is not next to the checkout.
/// </summary>
public sealed class LiqoCrdFactAttribute : FactAttribute
{
    public LiqoCrdFactAttribute()
    {
        if (LiqoCrdFolder.V120 is null)
            Skip = "Liqo CRDs not found: ../shared/liqo-crds/v1.2.0/ must sit next to the directory holding Liqo.sln";
    }

    /// <summary>The test also reads the master snapshot of the CRDs.</summary>
    public bool NeedsMaster
    {
        get => false;
        init
        {
            if (value && Skip is null && LiqoCrdFolder.Master is null)
                Skip = "Liqo master CRDs not found: ../shared/liqo-crds/*.yaml must sit next to the directory holding Liqo.sln";
        }
    }
}
