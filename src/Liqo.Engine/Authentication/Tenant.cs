using System.Text.Json.Nodes;
using Liqo.Engine.ClusterAccess;
using Liqo.Engine.Crypto;
using Liqo.Engine.Resources;

namespace Liqo.Engine.Authentication;

/// <summary>
/// The Tenant the consumer asks the provider to accept: its cluster ID, public key, a CSR signed with its cluster key and
/// the signed nonce. The provider's tenant controller verifies them and answers in status (tenantNamespace, authParams).
/// </summary>
public static class Tenant
{
    private const string Module = "Authentication";

    public static JsonObject Forge(string consumerId, string providerTenantNs, byte[] publicKeyPem, byte[] csrPem, byte[] signature, string? proxyUrl)
    {
        var t = Json.Object(Kinds.Tenant, consumerId, providerTenantNs, new Dictionary<string, string> { [LiqoConstants.RemoteClusterIdLabel] = consumerId });
        t["spec"] = Spec(consumerId, publicKeyPem, csrPem, signature, proxyUrl);
        return t;
    }

    private static JsonObject Spec(string consumerId, byte[] publicKeyPem, byte[] csrPem, byte[] signature, string? proxyUrl)
    {
        var spec = new JsonObject
        {
            ["clusterID"] = consumerId,
            ["publicKey"] = Convert.ToBase64String(publicKeyPem),
            ["csr"] = Convert.ToBase64String(csrPem),
            ["signature"] = Convert.ToBase64String(signature),
        };
        if (!string.IsNullOrEmpty(proxyUrl)) spec["proxyURL"] = proxyUrl;
        return spec;
    }

    /// <summary>
    /// CreateOrUpdate. liqoctl overwrites the whole spec, which drops tenantCondition and so un-cordons a cordoned tenant on
    /// re-run; here only the fields liqoctl sets are written and the provider's own (authzPolicy, tenantCondition) are kept.
    /// </summary>
    internal static Task<JsonObject> EnsureAsync(Operation op, ClusterConnection provider, JsonObject desired)
    {
        var consumerId = desired.Name();
        return ObjectWriter.CreateOrUpdateAsync(op, provider, Kinds.Tenant, desired, existing =>
        {
            ObjectWriter.SetLabel(existing, LiqoConstants.RemoteClusterIdLabel, consumerId);
            var spec = (JsonObject)(existing["spec"] ??= new JsonObject());
            foreach (var (k, v) in (JsonObject)desired["spec"]!) spec[k] = v?.DeepClone();
            if (!((JsonObject)desired["spec"]!).ContainsKey("proxyURL")) spec.Remove("proxyURL");
        });
    }

    /// <summary>
    /// On the consumer: the Tenant for the provider, from the consumer's cluster keys (public key, a CSR signed with the
    /// private key) and the signed nonce (liqoctl: "Tenant correctly generated"). Writes nothing.
    /// </summary>
    public static async Task<JsonObject> GenerateAsync(Operation op, ClusterConnection consumer, string consumerId, string providerTenantNs,
        byte[]? signature, string? proxyUrl)
    {
        var keys = await Authenticate.ReadClusterKeysAsync(consumer, op.Cancellation).ConfigureAwait(false);
        var csr = TenantCsr.ForControlPlane(keys, consumerId);
        var tenant = Forge(consumerId, providerTenantNs, keys.PublicKey.PemBytes, csr.Pem, signature ?? Array.Empty<byte>(), proxyUrl);
        op.Info(consumer, Module, "TenantGenerated", "Tenant correctly generated", whatIf: "Tenant would be generated");
        return tenant;
    }

    /// <summary>
    /// On the provider: applies the Tenant ("Tenant correctly applied on provider cluster") and waits for the provider's
    /// answer in its status ("Tenant status is filled"). Returns the Tenant with its status (null in plan mode).
    /// </summary>
    public static async Task<JsonObject?> ApplyAsync(Operation op, ClusterConnection provider, JsonObject tenant)
    {
        var ns = tenant.Namespace()!;
        var consumerId = tenant.Name();
        await EnsureAsync(op, provider, tenant).ConfigureAwait(false);
        op.Info(provider, Module, "TenantApplied", "Tenant correctly applied on provider cluster", whatIf: "Tenant would be applied on provider cluster");
        var filled = await op.WaitForObjectAsync(provider, Kinds.Tenant, ns, consumerId, HasStatus,
            new WaitTarget("Waiting for tenant status to be filled", $"Tenant {ns}/{consumerId}", "status.authParams and status.tenantNamespace set",
                "The provider did not accept the Tenant: a bad nonce signature only shows as a Warning event SignatureVerificationFailed on the Tenant (kubectl describe tenant on the provider).",
                ErrorIds.TenantNotAccepted)).ConfigureAwait(false);
        if (filled is not null) op.Info(provider, Module, "TenantStatus", "Tenant status is filled");
        return filled;
    }

    public static bool HasStatus(JsonObject tenant) =>
        tenant["status"]?["authParams"] is JsonObject && !string.IsNullOrEmpty(tenant.StringAt("status.tenantNamespace"));
}
