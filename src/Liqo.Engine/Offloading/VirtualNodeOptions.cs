namespace Liqo.Engine.Offloading;

/// <summary>
/// liqoctl create virtualnode's options. Exactly one of <see cref="KubeconfigSecretName"/> (then the resources are
/// <see cref="Resources"/>) and <see cref="ResourceSliceName"/> (then resources, classes, node labels and selector come
/// from the slice's status, and the kubeconfig from its Identity) names where the virtual kubelet gets its access.
/// </summary>
public sealed record VirtualNodeOptions
{
    public static readonly IReadOnlyDictionary<string, string> DefaultResources = new Dictionary<string, string>
    {
        ["cpu"] = "2",
        ["memory"] = "4Gi",
        ["pods"] = "110",
    };

    public string? KubeconfigSecretName { get; init; }
    public string? ResourceSliceName { get; init; }

    /// <summary>Register a Node for the virtual node (liqoctl --create-node, default true); the command then waits for it to be Ready.</summary>
    public bool CreateNode { get; init; } = true;

    public bool DisableNetworkCheck { get; init; }

    /// <summary>The VkOptionsTemplate as namespace/name; null for the one installed with Liqo.</summary>
    public string? VkOptionsTemplate { get; init; }

    /// <summary>The virtual node's capacity (cpu, memory, pods and any other resource) when not taken from a slice.</summary>
    public IReadOnlyDictionary<string, string> Resources { get; init; } = DefaultResources;

    public IReadOnlyList<string> StorageClasses { get; init; } = Array.Empty<string>();
    public IReadOnlyList<string> IngressClasses { get; init; } = Array.Empty<string>();
    public IReadOnlyList<string> LoadBalancerClasses { get; init; } = Array.Empty<string>();
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();
    public IReadOnlyDictionary<string, string> NodeSelector { get; init; } = new Dictionary<string, string>();
    public string? RuntimeClassName { get; init; }
}
