namespace Liqo.Sandbox;

/// <summary>How to start one sandbox cluster.</summary>
public sealed record SandboxClusterOptions
{
    /// <summary>The cluster name ("consumer", "provider"): kubeconfig context and file names.</summary>
    public required string Name { get; init; }
    /// <summary>Where &lt;Name&gt;.kubeconfig and &lt;Name&gt;.audit.jsonl go.</summary>
    public required string Directory { get; init; }
    /// <summary>The version /version reports (kubectl's dispatcher picks the kubectl minor from it).</summary>
    public string ServerVersion { get; init; } = "v1.32.4";
    /// <summary>How many changes the watch history keeps (older watch RVs get 410 Expired).</summary>
    internal int WatchHistory { get; init; } = 10_000;
}
