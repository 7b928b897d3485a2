using Liqo.Engine.ClusterAccess;
using Liqo.Engine.Resources;

namespace Liqo.Engine.Offloading;

/// <summary>
/// liqoctl unoffload namespace (pkg/liqoctl/unoffload): per namespace, deletes the NamespaceOffloading <c>offloading</c>
/// (an absent one is no error: "correctly disabled" all the same), then wait.ForUnoffloading: until it is gone, which Liqo
/// lets happen once the remote namespaces and everything reflected in them are deleted (its finalizer).
/// </summary>
public static class Unoffload
{
    private const string Module = "Offloading";

    /// <summary>liqoctl's rules on the arguments: the namespaces or a selector, not both.</summary>
    public static void Check(IReadOnlyList<string> namespaces, string? namespaceSelector) => Offload.CheckTargets(namespaces, namespaceSelector);

    /// <summary>Unoffloads <paramref name="ns"/>; returns whether a NamespaceOffloading was there.</summary>
    public static async Task<bool> NamespaceAsync(Operation op, ClusterConnection cluster, string ns, bool wait = true)
    {
        await AccessCheck.RequireAllAsync(op, cluster,
            [new AccessRequirement("get", Kinds.NamespaceOffloading, ns), new AccessRequirement("delete", Kinds.NamespaceOffloading, ns)],
            $"unoffloading the namespace \"{ns}\"").ConfigureAwait(false);
        var existed = await ObjectWriter.DeleteAsync(op, cluster, Kinds.NamespaceOffloading, ns, NamespaceOffloading.Name).ConfigureAwait(false);
        op.Info(cluster, Module, "NamespaceOffloading", $"Offloading of namespace \"{ns}\" correctly disabled",
            whatIf: existed ? $"Offloading of namespace \"{ns}\" would be disabled" : $"Offloading of namespace \"{ns}\" is not enabled");
        if (!wait || op.PlanOnly || op.WhatIf) return existed;
        await ForUnoffloadingAsync(op, cluster, ns).ConfigureAwait(false);
        return existed;
    }

    /// <summary>liqoctl's wait.ForUnoffloading, on a watch: until the NamespaceOffloading is gone.</summary>
    public static async Task ForUnoffloadingAsync(Operation op, ClusterConnection cluster, string ns)
    {
        var gone = await op.WaitAsync(cluster, Kinds.NamespaceOffloading, ns, null, "metadata.name=" + NamespaceOffloading.Name,
            items => items.Count == 0 ? items : null,
            new WaitTarget($"Waiting for unoffloading of namespace \"{ns}\" to complete", $"NamespaceOffloading {ns}/{NamespaceOffloading.Name}",
                "deleted (Liqo removes it once the remote namespaces are gone)",
                "Its finalizer waits for the remote namespaces to be deleted on the providers: check them and Liqo's controller manager, or give more time with -Timeout.")).ConfigureAwait(false);
        if (gone is not null) op.Info(cluster, Module, "UnoffloadingDone", "Unoffloading completed successfully");
    }
}
