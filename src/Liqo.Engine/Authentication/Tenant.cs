using System.Text.Json.Nodes;
using Liqo.Engine.ClusterAccess;
using Liqo.Engine.Resources;

namespace Liqo.Engine.Authentication;

/// <summary>
/// The Tenant the consumer asks the provider to accept: its cluster ID, public key, a CSR signed with its cluster key and
/// the signed nonce. The provider's tenant controller verifies them and answers in status (tenantNamespace, authParams).
/// </summary>
public static class Tenant
{
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

    public static bool HasStatus(JsonObject tenant) =>
        tenant["status"]?["authParams"] is JsonObject && !string.IsNullOrEmpty(tenant.StringAt("status.tenantNamespace"));
}
