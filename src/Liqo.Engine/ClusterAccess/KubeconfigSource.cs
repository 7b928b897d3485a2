namespace Liqo.Engine.ClusterAccess;

/// <summary>
/// Where a cluster's access comes from, as the user gave it: an explicit kubeconfig file, kubeconfig content (a runbook
/// reading a secret: never written to disk), or neither (then $KUBECONFIG, else ~/.kube/config, as kubectl does);
/// optionally a context; kubectl's access flags on top of it (<see cref="Overrides"/>); and the namespace Liqo is installed in.
/// </summary>
/// <param name="KubeconfigPath">An explicit file (kubectl's --kubeconfig), already resolved to a full path; null when not given.</param>
/// <param name="KubeconfigContent">The kubeconfig YAML itself; null when not given.</param>
/// <param name="Context">The context to use; null for the kubeconfig's current-context.</param>
/// <param name="LiqoNamespace">The namespace Liqo is installed in.</param>
/// <param name="Scope">How this cluster is named in messages: "local" or "remote".</param>
public sealed record KubeconfigSource(
    string? KubeconfigPath,
    string? KubeconfigContent,
    string? Context,
    string LiqoNamespace = KubeconfigSource.DefaultLiqoNamespace,
    string Scope = "local")
{
    /// <summary>liqoctl's default Liqo namespace.</summary>
    public const string DefaultLiqoNamespace = "liqo";

    /// <summary>The environment variable kubectl reads (a path list).</summary>
    public const string EnvironmentVariable = "KUBECONFIG";

    /// <summary>
    /// Overrides for the process environment and home directory (tests); null means the real ones.
    /// </summary>
    public string? EnvironmentKubeconfig { get; init; }

    public string? HomeDirectory { get; init; }

    /// <summary>kubectl's access flags given on the command line, applied on top of the kubeconfig (<see cref="ClusterAccessOverrides"/>).</summary>
    public ClusterAccessOverrides Overrides { get; init; } = ClusterAccessOverrides.None;
}
