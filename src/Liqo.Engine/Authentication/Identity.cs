using System.Text.Json.Nodes;
using Liqo.Engine.ClusterAccess;
using Liqo.Engine.Resources;

namespace Liqo.Engine.Authentication;

/// <summary>
/// The ControlPlane Identity on the consumer: what the provider answered in the Tenant's status, carried across by the
/// client (the provider never writes to the consumer). Its controller turns it into Secret kubeconfig-controlplane-&lt;P&gt;.
/// </summary>
public static class Identity
{
    /// <summary>The namespace an Identity names for its remote cluster's tenant (spec.namespace).</summary>
    public static string TargetNamespace(JsonObject identity) => identity.StringAt("spec.namespace") ?? "";

    private const string Module = "Authentication";

    public const string ControlPlaneType = "ControlPlane";

    public static string ControlPlaneName(string providerId) => "controlplane-" + providerId;

    /// <summary>Liqo's GenerateIdentityControlPlane: from a Tenant with its status filled.</summary>
    public static JsonObject ForgeControlPlane(string providerId, string consumerTenantNs, string providerTenantNs, JsonObject authParams)
    {
        var id = Json.Object(Kinds.Identity, ControlPlaneName(providerId), consumerTenantNs,
            new Dictionary<string, string> { [LiqoConstants.RemoteClusterIdLabel] = providerId });
        id["spec"] = new JsonObject
        {
            ["clusterID"] = providerId,
            ["type"] = ControlPlaneType,
            ["namespace"] = providerTenantNs,
            ["authParams"] = authParams.DeepClone(),
        };
        return id;
    }

    /// <summary>
    /// On the provider: the ControlPlane Identity for the consumer from the Tenant's status (liqoctl: "Identity correctly
    /// generated"). <paramref name="filledTenant"/> is null in plan mode; then a placeholder stands for what the provider
    /// will answer. Writes nothing.
    /// </summary>
    public static JsonObject GenerateControlPlane(Operation op, ClusterConnection provider, string providerId, string consumerTenantNs,
        JsonObject? filledTenant, string providerTenantNsFallback)
    {
        var identity = ForgeControlPlane(providerId, consumerTenantNs, filledTenant?.StringAt("status.tenantNamespace") ?? providerTenantNsFallback,
            filledTenant?["status"]?["authParams"] as JsonObject ?? new JsonObject { ["apiServer"] = "<from the Tenant status>" });
        op.Info(provider, Module, "IdentityGenerated", "Identity correctly generated", whatIf: "Identity would be generated");
        return identity;
    }

    /// <summary>
    /// On the consumer: applies the Identity ("Identity correctly applied on consumer cluster") and waits for its
    /// kubeconfig Secret ("Identity status is filled"). Returns the Identity (null in plan mode).
    /// </summary>
    public static async Task<JsonObject?> ApplyAsync(Operation op, ClusterConnection consumer, JsonObject identity)
    {
        await EnsureAsync(op, consumer, identity).ConfigureAwait(false);
        op.Info(consumer, Module, "IdentityApplied", "Identity correctly applied on consumer cluster", whatIf: "Identity would be applied on consumer cluster");
        var ready = await WaitForStatusAsync(op, consumer, identity.StringAt("spec.clusterID")!).ConfigureAwait(false);
        if (ready is not null) op.Info(consumer, Module, "IdentityStatus", "Identity status is filled");
        return ready;
    }

    internal static Task<JsonObject> EnsureAsync(Operation op, ClusterConnection consumer, JsonObject desired) =>
        ObjectWriter.CreateOrUpdateAsync(op, consumer, Kinds.Identity, desired, existing =>
        {
            ObjectWriter.SetLabel(existing, LiqoConstants.RemoteClusterIdLabel, desired.Label(LiqoConstants.RemoteClusterIdLabel)!);
            existing["spec"] = desired["spec"]!.DeepClone();
        });

    /// <summary>Waits (cluster-wide, by label and type, as liqoctl) for the ControlPlane Identity's kubeconfig Secret reference.</summary>
    internal static Task<JsonObject?> WaitForStatusAsync(Operation op, ClusterConnection consumer, string providerId) =>
        op.WaitAsync(consumer, Kinds.Identity, null, $"{LiqoConstants.RemoteClusterIdLabel}={providerId}", null,
            items => items.FirstOrDefault(i => i.StringAt("spec.type") == ControlPlaneType && !string.IsNullOrEmpty(i.StringAt("status.kubeconfigSecretRef.name"))),
            new WaitTarget("Waiting for identity status to be filled", $"Identity {ControlPlaneName(providerId)}", "status.kubeconfigSecretRef.name set",
                "Check Liqo's controller manager on the consumer (its identity controller writes the kubeconfig Secret)."));
}
