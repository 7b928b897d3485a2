namespace Liqo.Engine.Offloading;

/// <summary>liqoctl offload namespace's options (the namespaces are given apart, one run of the engine per namespace).</summary>
public sealed record OffloadOptions
{
    /// <summary>LocalAndRemote (liqoctl's default), Local or Remote.</summary>
    public string PodOffloadingStrategy { get; init; } = NamespaceOffloading.LocalAndRemote;

    /// <summary>DefaultName (liqoctl's default), EnforceSameName or SelectedName.</summary>
    public string NamespaceMappingStrategy { get; init; } = NamespaceOffloading.DefaultName;

    /// <summary>The remote namespace's name with SelectedName (liqoctl's --remote-namespace-name); ignored by Liqo otherwise.</summary>
    public string RemoteNamespaceName { get; init; } = "";

    /// <summary>liqoctl's --selector values: alternative label selectors of the virtual nodes (ORed).</summary>
    public IReadOnlyList<string> ClusterSelectors { get; init; } = Array.Empty<string>();
}
