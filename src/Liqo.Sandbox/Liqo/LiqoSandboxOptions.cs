using System.Collections.Immutable;

namespace Liqo.Sandbox.Liqo;

/// <summary>How to start a set of sandbox clusters that share one simulated network.</summary>
public sealed record LiqoSandboxOptions
{
    /// <summary>The options of every cluster not listed in <see cref="Clusters"/>.</summary>
    public LiqoOptions Defaults { get; init; } = new();

    /// <summary>Per-cluster options, by cluster name.</summary>
    public ImmutableDictionary<string, LiqoOptions> Clusters { get; init; } = ImmutableDictionary<string, LiqoOptions>.Empty;

    /// <summary>Every cluster gets the same pod CIDR (10.244.0.0/16) and external CIDR (10.70.0.0/16), so peers are remapped.</summary>
    public bool OverlappingCidrs { get; init; }

    /// <summary>Install the project's own minimal CRD definitions even when Liqo's real CRDs are available.</summary>
    public bool OwnCrds { get; init; }

    /// <summary>
    /// Where Liqo's v1.2.0 Helm chart is read from (its files/*.yaml give the installed RBAC rules); null: found beside
    /// the repository (../shared/liqo-chart/v1.2.0). A folder without files/ runs the sandbox without Liqo's RBAC.
    /// </summary>
    public string? ChartDirectory { get; init; }

    /// <summary>The Kubernetes version /version reports.</summary>
    public string ServerVersion { get; init; } = "v1.32.4";

    /// <summary>The options of the named cluster.</summary>
    public LiqoOptions For(string name) => Clusters.TryGetValue(name, out var o) ? o : Defaults;
}
