using Liqo.Engine.ClusterAccess;
using Liqo.Engine.Resources;

namespace Liqo.Engine.Networking;

/// <summary>
/// The namespace of a cluster's networking objects (Configuration, GatewayServer, GatewayClient, PublicKey), as liqoctl
/// network picks it (network/cluster.go SetNamespaces): the namespace asked for with --namespace/--remote-namespace, else
/// the tenant namespace (created by connect, only looked up by disconnect and reset). As in liqoctl, an empty name and
/// "default" mean the tenant namespace, and a custom namespace is neither created nor labelled: it must exist.
/// </summary>
public static class NetworkNamespace
{
    /// <summary>The custom namespace asked for, or null for the tenant namespace; a bad name is refused (InvalidArgument).</summary>
    public static string? Custom(string? requested, string parameter)
    {
        if (requested is null or "" or "default") return null;
        InputRules.NamespaceName(parameter, requested);
        return requested;
    }

    /// <summary>
    /// Checks before the first write that a custom namespace exists (liqoctl would fail at its first write there, after
    /// writing on the other cluster). A user who may not read namespaces is let through: the writes then say what is wrong.
    /// </summary>
    public static async Task RequireAsync(ClusterConnection cluster, string ns, string parameter, CancellationToken ct)
    {
        try
        {
            if (await cluster.Api.GetAsync(Kinds.Namespace, null, ns, ct).ConfigureAwait(false) is not null) return;
        }
        catch (LiqoException e) when (e.ErrorId == ErrorIds.Forbidden)
        {
            return;
        }
        throw new LiqoException(ErrorIds.NetworkingNamespaceNotFound, LiqoErrorCategory.ObjectNotFound, ns,
            $"namespace \"{ns}\" not found on the {cluster.Scope} cluster (-{parameter})",
            $"Create the namespace first (liqoctl does not create it either), or leave -{parameter} out for the tenant namespace; nothing was written.");
    }

    /// <summary>Connect: the custom namespace (which must exist), else the tenant namespace, created when missing.</summary>
    public static async Task<string> EnsureAsync(Operation op, ClusterConnection cluster, string? custom, string remoteClusterId) =>
        custom ?? await TenantNamespace.EnsureAsync(op, cluster, remoteClusterId).ConfigureAwait(false);

    /// <summary>Disconnect and reset: the custom namespace, else the tenant namespace (null when there is none: nothing to delete).</summary>
    public static async Task<string?> FindAsync(ClusterConnection cluster, string? custom, string remoteClusterId, CancellationToken ct) =>
        custom ?? await TenantNamespace.FindAsync(cluster, remoteClusterId, ct).ConfigureAwait(false);

    /// <summary>The namespace connect writes in and whether it exists (for the rights checked before the first write).</summary>
    public static async Task<(string Name, bool Exists)> PlanAsync(ClusterConnection cluster, string? custom, string remoteClusterId, CancellationToken ct) =>
        custom is not null ? (custom, true) : await TenantNamespace.PlanAsync(cluster, remoteClusterId, ct).ConfigureAwait(false);
}
