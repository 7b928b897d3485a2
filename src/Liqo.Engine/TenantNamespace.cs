using System.Text.Json.Nodes;
using Liqo.Engine.ClusterAccess;
using Liqo.Engine.Resources;

namespace Liqo.Engine;

/// <summary>
/// The tenant namespace of a remote cluster (Liqo's tenantNamespace manager): found by its labels
/// (liqo.io/remote-cluster-id=&lt;id&gt;,liqo.io/tenant-namespace), whatever its name; created as liqo-tenant-&lt;id&gt; when missing.
/// A user who may not list namespaces (a peering user) falls back to getting liqo-tenant-&lt;id&gt; and checking its labels.
/// </summary>
public static class TenantNamespace
{
    public static string DefaultName(string remoteClusterId) => LiqoConstants.TenantNamespacePrefix + remoteClusterId;

    public static string Selector(string remoteClusterId) =>
        $"{LiqoConstants.RemoteClusterIdLabel}={remoteClusterId},{LiqoConstants.TenantNamespaceLabel}";

    /// <summary>The tenant namespace's name, or null when there is none.</summary>
    public static async Task<string?> FindAsync(ClusterConnection cluster, string remoteClusterId, CancellationToken ct)
    {
        InputRules.RemoteClusterId(remoteClusterId); // not a raw 400 from the label selector
        IReadOnlyList<JsonObject> found;
        try
        {
            found = (await cluster.Api.ListAsync(Kinds.Namespace, null, Selector(remoteClusterId), ct: ct).ConfigureAwait(false)).Items;
        }
        catch (LiqoException e) when (e.ErrorId == ErrorIds.Forbidden)
        {
            var ns = await cluster.Api.GetAsync(Kinds.Namespace, null, DefaultName(remoteClusterId), ct).ConfigureAwait(false);
            return ns is not null && ns.Label(LiqoConstants.RemoteClusterIdLabel) == remoteClusterId && ns.Label(LiqoConstants.TenantNamespaceLabel) is not null
                ? ns.Name() : null;
        }
        return found.Count switch
        {
            0 => null,
            1 => found[0].Name(),
            _ => throw new LiqoException(ErrorIds.TenantNamespaceAmbiguous, LiqoErrorCategory.InvalidData, remoteClusterId,
                $"multiple tenant namespaces found for clusterid {remoteClusterId} on the {cluster.Scope} cluster: {string.Join(", ", found.Select(n => n.Name()))}.",
                "Delete the extra namespaces, or remove their liqo.io/tenant-namespace label."),
        };
    }

    /// <summary>
    /// The tenant namespace a run will write in, and whether it exists already (else the run creates it with the default
    /// name): what the rights checked before the first write depend on. A user who may not even get it (a peering user
    /// whose tenant-namespace RoleBinding is gone) is planned as creating it, so its refusal names what is missing.
    /// </summary>
    public static async Task<(string Name, bool Exists)> PlanAsync(ClusterConnection cluster, string remoteClusterId, CancellationToken ct)
    {
        try
        {
            if (await FindAsync(cluster, remoteClusterId, ct).ConfigureAwait(false) is { } found) return (found, true);
        }
        catch (LiqoException e) when (e.ErrorId == ErrorIds.Forbidden)
        {
        }
        return (DefaultName(remoteClusterId), false);
    }

    /// <summary>Finds or creates the tenant namespace; returns its name (the default name in plan mode).</summary>
    public static async Task<string> EnsureAsync(Operation op, ClusterConnection cluster, string remoteClusterId)
    {
        if (await FindAsync(cluster, remoteClusterId, op.Cancellation).ConfigureAwait(false) is { } existing) return existing;
        var name = DefaultName(remoteClusterId);
        if (!await op.MayWriteAsync(cluster, "Create", $"Namespace {name}").ConfigureAwait(false)) return name;
        var ns = new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Namespace",
            ["metadata"] = new JsonObject { ["name"] = name, ["labels"] = Json.Labels(LiqoConstants.TenantNamespaceLabels(remoteClusterId)) },
        };
        try
        {
            await cluster.Api.CreateAsync(Kinds.Namespace, null, ns, op.Cancellation).ConfigureAwait(false);
        }
        catch (KubeApiException e) when (e.IsAlreadyExists)
        {
            // a concurrent run (or a lost answer) made it between the look-up and the create: it is ours when labelled
            if (await FindAsync(cluster, remoteClusterId, op.Cancellation).ConfigureAwait(false) is { } made) return made;
            throw new LiqoException(ErrorIds.TenantNamespaceConflict, LiqoErrorCategory.ResourceExists, name,
                $"The namespace '{name}' exists on the {cluster.Scope} cluster but is not labelled as the tenant namespace of '{remoteClusterId}'.",
                $"Label it ({TenantNamespace.Selector(remoteClusterId)}=true) or delete it, then run the command again.");
        }
        catch (LiqoException e) when (e.ErrorId == ErrorIds.Forbidden)
        {
            op.Warn(cluster, "Peering", "TenantNamespace",
                "Current user has no permissions to create a namespace in the remote cluster. Checking whether a tenant namespace has been created in advance");
            return await FindAsync(cluster, remoteClusterId, op.Cancellation).ConfigureAwait(false)
                   ?? throw new LiqoException(ErrorIds.Forbidden, LiqoErrorCategory.PermissionDenied, name,
                       "namespace access is forbidden to current user and no tenant namespace with default name has been created in advance",
                       $"Ask the administrator of that cluster to create the tenant namespace (New-LiqoPeeringUser does), then run the command again.");
        }
        return name;
    }
}
