using System.Text.Json.Nodes;
using Liqo.Engine.ClusterAccess;
using Liqo.Engine.Resources;

namespace Liqo.Engine.Networking;

/// <summary>
/// The PublicKey that carries the peer gateway's WireGuard public key into a cluster (plural "publickeies"), owned (not
/// controller-owned) by the local gateway, so it goes when the gateway goes.
/// </summary>
public static class PublicKey
{
    public static JsonObject Forge(string remoteClusterId, string tenantNamespace, string publicKeyBase64, JsonObject owner, string? name = null)
    {
        var pk = Json.Object(Kinds.PublicKey, name ?? remoteClusterId, tenantNamespace, new Dictionary<string, string>
        {
            [LiqoConstants.RemoteClusterIdLabel] = remoteClusterId,
            [LiqoConstants.GatewayResourceLabel] = "true",
        });
        if (owner["metadata"]?["uid"]?.GetValue<string>() is { } uid)
            pk["metadata"]!["ownerReferences"] = new JsonArray(new JsonObject
            {
                ["apiVersion"] = owner["apiVersion"]?.GetValue<string>(),
                ["kind"] = owner["kind"]?.GetValue<string>(),
                ["name"] = owner.Name(),
                ["uid"] = uid,
            });
        pk["spec"] = new JsonObject { ["publicKey"] = publicKeyBase64 };
        return pk;
    }

    /// <summary>Writes the peer gateway's key (liqoctl: "Public key correctly created").</summary>
    public static async Task<JsonObject> SetUpAsync(Operation op, ClusterConnection cluster, string remoteClusterId, string tenantNamespace,
        string publicKeyBase64, JsonObject owner)
    {
        var pk = await EnsureAsync(op, cluster, remoteClusterId, tenantNamespace, publicKeyBase64, owner).ConfigureAwait(false);
        op.Info(cluster, "Networking", "PublicKey", "Public key correctly created", whatIf: "Public key would be created");
        return pk;
    }

    /// <summary>CreateOrUpdate as liqoctl (network/cluster.go EnsurePublicKey): the PublicKey labelled for the peer keeps its name.</summary>
    internal static async Task<JsonObject> EnsureAsync(Operation op, ClusterConnection cluster, string remoteClusterId, string tenantNamespace,
        string publicKeyBase64, JsonObject owner)
    {
        var name = await ByClusterId.NameAsync(cluster, Kinds.PublicKey, tenantNamespace, remoteClusterId, op.Cancellation).ConfigureAwait(false);
        var desired = Forge(remoteClusterId, tenantNamespace, publicKeyBase64, owner, name);
        return await ObjectWriter.CreateOrUpdateAsync(op, cluster, Kinds.PublicKey, desired, existing =>
        {
            ObjectWriter.SetLabel(existing, LiqoConstants.RemoteClusterIdLabel, remoteClusterId);
            ObjectWriter.SetLabel(existing, LiqoConstants.GatewayResourceLabel, "true");
            existing["spec"] = desired["spec"]!.DeepClone();
            var refs = existing["metadata"]!["ownerReferences"] as JsonArray;
            var ownerRef = desired["metadata"]!["ownerReferences"] is JsonArray d ? d[0] : null;
            if (ownerRef is not null && (refs is null || !refs.OfType<JsonObject>().Any(r => r["uid"]?.ToString() == ownerRef["uid"]?.ToString())))
            {
                refs ??= new JsonArray();
                refs.Add(ownerRef.DeepClone());
                existing["metadata"]!["ownerReferences"] = refs;
            }
        }).ConfigureAwait(false);
    }
}
