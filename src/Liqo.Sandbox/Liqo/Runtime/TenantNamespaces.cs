using System.Text.Json.Nodes;

namespace Liqo.Sandbox.Liqo.Runtime;

/// <summary>Liqo's tenant namespace manager: namespaces are found by labels (any name), created as liqo-tenant-&lt;id&gt;.</summary>
internal static class TenantNamespaces
{
    public static string Selector(string clusterId) => $"{LiqoLabels.RemoteClusterId}={clusterId},{LiqoLabels.TenantNamespace}";

    /// <summary>The tenant namespace of the remote cluster, or null (none, or more than one).</summary>
    public static JsonObject? Find(LiqoControlPlane plane, string clusterId)
    {
        var found = plane.List(Kind.Namespace, null, Selector(clusterId));
        return found.Count == 1 ? found[0] : null;
    }

    /// <summary>The tenant namespace of the remote cluster, created (liqo-tenant-&lt;id&gt;) when missing.</summary>
    public static JsonObject? Ensure(LiqoControlPlane plane, string clusterId, string manager)
    {
        var found = plane.List(Kind.Namespace, null, Selector(clusterId));
        if (found.Count > 0) return found.Count == 1 ? found[0] : null;
        return plane.Create(Kind.Namespace, null, new JsonObject
        {
            ["metadata"] = new JsonObject
            {
                ["name"] = "liqo-tenant-" + clusterId,
                ["labels"] = new JsonObject
                {
                    [LiqoLabels.RemoteClusterId] = clusterId,
                    [LiqoLabels.TenantNamespace] = "true",
                    ["pod-security.kubernetes.io/audit"] = "privileged",
                    ["pod-security.kubernetes.io/enforce"] = "privileged",
                    ["pod-security.kubernetes.io/warn"] = "privileged",
                },
            },
        }, manager);
    }

    /// <summary>Whether the namespace is the tenant namespace of the cluster (labels).</summary>
    public static bool IsTenantNamespaceOf(JsonObject? ns, string clusterId) =>
        ns is not null && Obj.Label(ns, LiqoLabels.TenantNamespace) == "true" && Obj.Label(ns, LiqoLabels.RemoteClusterId) == clusterId;
}
