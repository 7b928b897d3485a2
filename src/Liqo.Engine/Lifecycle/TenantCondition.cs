using System.Text.Json.Nodes;
using Liqo.Engine.ClusterAccess;
using Liqo.Engine.Resources;

namespace Liqo.Engine.Lifecycle;

/// <summary>
/// liqoctl cordon / uncordon / drain / activate tenant (pkg/liqoctl/cordon, drain, activate of Liqo v1.2.0), run on the
/// provider: the Tenant's spec.tenantCondition becomes Cordoned, Active or Drained, and nothing else is written. Liqo's
/// controllers do the rest: the tenant controller marks the consumer's ResourceSlices liqo.io/cordon-tenant (Cordoned),
/// or unbinds the consumer's roles and deletes its ResourceSlices and NamespaceMaps (Drained); the remote ResourceSlice
/// controller denies new slices (Cordoned) or every slice's resources (Drained); the quota creator marks the Quotas
/// cordoned, so the ShadowPod webhook refuses new pods.
/// </summary>
public static class TenantCondition
{
    public const string Active = "Active";
    public const string Cordoned = "Cordoned";
    public const string Drained = "Drained";

    /// <summary>The four liqoctl commands.</summary>
    public enum Transition
    {
        /// <summary>liqoctl cordon tenant: Active → Cordoned; any other condition only warns.</summary>
        Cordon,

        /// <summary>liqoctl uncordon tenant: Cordoned → Active; any other condition only warns.</summary>
        Uncordon,

        /// <summary>liqoctl drain tenant: → Drained, whatever it was.</summary>
        Drain,

        /// <summary>liqoctl activate tenant: → Active, whatever it was.</summary>
        Activate,
    }

    /// <summary>The Tenant's condition; the CRD's default (Active) when unset.</summary>
    public static string Of(JsonObject tenant) => tenant.StringAt("spec.tenantCondition") is { Length: > 0 } c ? c : Active;

    /// <summary>
    /// Applies <paramref name="transition"/> to the Tenant of the consumer <paramref name="consumerClusterId"/> (label
    /// liqo.io/remote-cluster-id, as Liqo's GetTenantByClusterID) or, when null, to the Tenant named <paramref name="name"/>
    /// in any namespace (liqoctl's GetTenantByName). Writes only when the condition changes.
    /// </summary>
    public static async Task<TenantConditionChange> SetAsync(Operation op, ClusterConnection provider, string? consumerClusterId, string? name,
        Transition transition)
    {
        var tenant = await FindAsync(op, provider, consumerClusterId, name).ConfigureAwait(false);
        var label = $"Tenant \"{tenant.Name()}\"";
        var previous = Of(tenant);
        var consumer = tenant.StringAt("spec.clusterID") ?? tenant.Label(LiqoConstants.RemoteClusterIdLabel) ?? "";
        var (wanted, refusal, done) = transition switch
        {
            Transition.Cordon => (Cordoned, previous == Active ? null : $"{label} is not active. Activate the tenant to cordon it.", $"{label} cordoned"),
            Transition.Uncordon => (Active, previous == Cordoned ? null : $"{label} is not cordoned", $"{label} uncordoned"),
            Transition.Drain => (Drained, null, $"{label} drained"),
            _ => (Active, null, $"{label} activated"),
        };
        if (refusal is not null)
        {
            op.Warn(provider, "Tenant", "condition", refusal);
            return new TenantConditionChange(tenant.Namespace() ?? "", tenant.Name(), consumer, previous, previous, false);
        }
        var written = false;
        if (previous != wanted)
        {
            var stored = await ObjectWriter.CreateOrUpdateAsync(op, provider, Kinds.Tenant, tenant, t =>
            {
                if (t["spec"] is not JsonObject spec) t["spec"] = spec = new JsonObject();
                spec["tenantCondition"] = wanted;
            }, globalMetadata: false).ConfigureAwait(false);
            written = !op.PlanOnly && Of(stored) == wanted;
        }
        op.Info(provider, "Tenant", "condition", previous == wanted ? $"{label} is already {wanted}" : done,
            $"{label} would become {wanted} (it is {previous})");
        return new TenantConditionChange(tenant.Namespace() ?? "", tenant.Name(), consumer, previous, op.PlanOnly ? previous : wanted, written);
    }

    /// <summary>The Tenant by consumer cluster ID or by name (TenantNotFound, or AmbiguousName for a name in two namespaces).</summary>
    internal static async Task<JsonObject> FindAsync(Operation op, ClusterConnection provider, string? consumerClusterId, string? name)
    {
        op.Attach(provider);
        var selector = consumerClusterId is null ? null : $"{LiqoConstants.RemoteClusterIdLabel}={consumerClusterId}";
        var items = (await provider.Api.ListAsync(Kinds.Tenant, null, selector, ct: op.Cancellation).ConfigureAwait(false)).Items
            .Where(t => name is null || t.Name() == name).ToList();
        var what = consumerClusterId is null ? $"named '{name}'" : $"for the consumer '{consumerClusterId}'";
        if (items.Count == 0)
            throw new LiqoException(ErrorIds.TenantNotFound, LiqoErrorCategory.ObjectNotFound, consumerClusterId ?? name,
                $"unable to get tenant: the {provider.Scope} cluster ({provider.Server}) has no Tenant {what}.",
                "Run the command against the provider cluster (the Tenant lives there); Get-LiqoPeerInfo -Kubeconfig <provider> lists its consumers.");
        if (items.Count > 1)
            throw new LiqoException(ErrorIds.AmbiguousName, LiqoErrorCategory.InvalidArgument, consumerClusterId ?? name,
                $"The {provider.Scope} cluster has {items.Count} Tenants {what}: {string.Join(", ", items.Select(t => t.Namespace() + "/" + t.Name()))}.",
                "Name the tenant by its consumer's cluster ID (-ClusterId) instead.");
        return items[0];
    }
}
