using System.Text;
using System.Text.Json.Nodes;
using Liqo.Engine.ClusterAccess;
using Liqo.Engine.Resources;

namespace Liqo.Engine.Authentication;

/// <summary>
/// The nonce handshake: the provider's liqo-nonce Secret (filled by its nonce creator) and the consumer's liqo-signed-nonce
/// Secret carrying the same nonce string (signed by its nonce signer with the consumer's cluster key).
/// </summary>
public static class Nonce
{
    private const string Module = "Authentication";

    private static string NonceSelector(string consumerId) => $"{LiqoConstants.NonceSecretLabel}=true,{LiqoConstants.RemoteClusterIdLabel}={consumerId}";

    private static string SignedSelector(string providerId) => $"{LiqoConstants.SignedNonceSecretLabel}=true,{LiqoConstants.RemoteClusterIdLabel}={providerId}";

    /// <summary>On the provider: ensures liqo-nonce (by name, as liqoctl) in the consumer's tenant namespace and returns the generated nonce (null in plan mode).</summary>
    public static async Task<string?> EnsureAsync(Operation op, ClusterConnection provider, string consumerId, string tenantNs)
    {
        // liqoctl's CreateOrUpdate of liqo-nonce by name (authenticate/utils/nonce.go, forge/nonce.go): an existing Secret of
        // that name gets the labels (an unlabelled one too), its data stays.
        var secret = Json.Object(Kinds.Secret, LiqoConstants.NonceSecretName, tenantNs, new Dictionary<string, string>
        {
            [LiqoConstants.NonceSecretLabel] = "true",
            [LiqoConstants.RemoteClusterIdLabel] = consumerId,
        });
        await ObjectWriter.CreateOrUpdateAsync(op, provider, Kinds.Secret, secret, existing =>
        {
            ObjectWriter.SetLabel(existing, LiqoConstants.NonceSecretLabel, "true");
            ObjectWriter.SetLabel(existing, LiqoConstants.RemoteClusterIdLabel, consumerId);
        }).ConfigureAwait(false);
        op.Info(provider, Module, "NonceSecret", "Nonce secret ensured", whatIf: "Nonce secret would be ensured");
        var filled = await op.WaitAsync(provider, Kinds.Secret, tenantNs, NonceSelector(consumerId), null,
            items => items.FirstOrDefault(s => !string.IsNullOrEmpty(DataString(s, "nonce"))),
            new WaitTarget("Waiting for nonce to be generated", $"Secret {tenantNs}/{LiqoConstants.NonceSecretName}", "data.nonce set",
                "The provider's nonce creator has not filled the Secret: check Liqo's controller manager on the provider.")).ConfigureAwait(false);
        if (filled is null) return null;
        op.Info(provider, Module, "NonceGenerated", "Nonce generated successfully", whatIf: "Nonce would be generated");
        var nonce = DataString(filled, "nonce")!;
        op.Info(provider, Module, "NonceRetrieved", "Nonce retrieved");
        return nonce;
    }

    /// <summary>
    /// On the consumer: ensures liqo-signed-nonce with the nonce and waits for the signature (raw bytes; null in plan mode).
    /// An existing Secret with another nonce is an error, as in liqoctl.
    /// </summary>
    public static async Task<byte[]?> EnsureSignedAsync(Operation op, ClusterConnection consumer, string providerId, string tenantNs, string? nonce)
    {
        var existing = (await consumer.Api.ListAsync(Kinds.Secret, tenantNs, SignedSelector(providerId), ct: op.Cancellation).ConfigureAwait(false)).Items;
        if (existing.Count == 0)
        {
            var secret = Json.Object(Kinds.Secret, LiqoConstants.SignedNonceSecretName, tenantNs, new Dictionary<string, string>
            {
                [LiqoConstants.SignedNonceSecretLabel] = "true",
                [LiqoConstants.RemoteClusterIdLabel] = providerId,
            });
            secret["stringData"] = new JsonObject { ["nonce"] = nonce ?? "<nonce from the provider>" };
            // a concurrent run may make it first, with the same nonce (the provider holds one per consumer)
            await ObjectWriter.CreateIfAbsentAsync(op, consumer, Kinds.Secret, secret).ConfigureAwait(false);
        }
        else if (nonce is not null && DataString(existing[0], "nonce") != nonce)
        {
            throw new LiqoException(ErrorIds.NonceMismatch, LiqoErrorCategory.InvalidData, $"Secret {tenantNs}/{existing[0].Name()}",
                $"unable to ensure signed nonce secret: nonce secret already exists with a different nonce: {existing[0].Name()} in {tenantNs} on the {consumer.Scope} cluster",
                "One side's tenant namespace was removed: delete the consumer's liqo-signed-nonce Secret (or its tenant namespace) and run the command again.");
        }
        op.Info(consumer, Module, "SignedNonceSecret", "Signed nonce secret ensured", whatIf: "Signed nonce secret would be ensured");
        var signed = await op.WaitAsync(consumer, Kinds.Secret, tenantNs, SignedSelector(providerId), null,
            items => items.FirstOrDefault(s => s["data"]?["signedNonce"]?.GetValue<string>() is { Length: > 0 }),
            new WaitTarget("Waiting for nonce to be signed", $"Secret {tenantNs}/{LiqoConstants.SignedNonceSecretName}", "data.signedNonce set",
                "The consumer's nonce signer has not signed the nonce: check Liqo's controller manager on the consumer.")).ConfigureAwait(false);
        if (signed is null) return null;
        op.Info(consumer, Module, "NonceSigned", "Nonce is signed");
        var signature = Convert.FromBase64String(signed["data"]!["signedNonce"]!.GetValue<string>());
        op.Info(consumer, Module, "SignedNonceRetrieved", "Signed nonce retrieved");
        return signature;
    }

    /// <summary>A Secret's data value decoded to text (data is base64 in the API).</summary>
    internal static string? DataString(JsonObject secret, string key) =>
        secret["data"]?[key]?.GetValue<string>() is { } b64 ? Encoding.UTF8.GetString(Convert.FromBase64String(b64)) : null;
}
