using System.Text.Json.Nodes;
using Liqo.Engine.ClusterAccess;
using Liqo.Engine.Crypto;
using Liqo.Engine.Networking;
using Liqo.Engine.Resources;

namespace Liqo.Engine.Authentication;

/// <summary>liqoctl authenticate's options (and the authentication part of peer).</summary>
public sealed record AuthenticateOptions
{
    /// <summary>liqoctl authenticate's (and unauthenticate's) --timeout default.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(2);

    /// <summary>In-band: the provider API server is reached through liqo-proxy over the tunnel.</summary>
    public bool InBand { get; init; }

    /// <summary>An explicit proxy URL for the Tenant (wins over the in-band lookup).</summary>
    public string? ProxyUrl { get; init; }
}

/// <summary>What authentication produced.</summary>
public sealed record AuthenticationResult(string ConsumerTenantNamespace, string ProviderTenantNamespace, string IdentityName, bool Completed);

/// <summary>
/// liqoctl authenticate: tenant namespaces, the nonce handshake, the Tenant on the provider (public key, CSR, signature),
/// its status, and the ControlPlane Identity on the consumer.
/// </summary>
public static class Authenticate
{
    private const string Module = "Authentication";
    public const int InBandProxyPort = 8118;
    public const string ApiServerProxyIpName = "api-server-proxy";

    public static async Task<AuthenticationResult> RunAsync(Operation op, ClusterConnection consumer, ClusterConnection provider, AuthenticateOptions o)
    {
        InputRules.CheckTenant(op, o.ProxyUrl); // bad input fails before anything is written
        var ct = op.Cancellation;
        var consumerId = consumer.ClusterId ?? await ClusterId.ReadAsync(consumer, ct).ConfigureAwait(false);
        var providerId = provider.ClusterId ?? await ClusterId.ReadAsync(provider, ct).ConfigureAwait(false);

        if (o.InBand && string.IsNullOrEmpty(o.ProxyUrl))
            await CheckInBandAsync(op, consumer, provider, providerId, networkingPending: false).ConfigureAwait(false);
        var (plannedConsumerNs, consumerExists) = await TenantNamespace.PlanAsync(consumer, providerId, ct).ConfigureAwait(false);
        var (plannedProviderNs, providerExists) = await TenantNamespace.PlanAsync(provider, consumerId, ct).ConfigureAwait(false);
        await AccessCheck.RequireAllAsync(op, consumer, AuthenticationRights.Consumer(plannedConsumerNs, consumerExists), "authentication").ConfigureAwait(false);
        await AccessCheck.RequireAllAsync(op, provider, AuthenticationRights.Provider(plannedProviderNs, providerExists), "authentication").ConfigureAwait(false);
        var consumerNs = await EnsureTenantNamespaceAsync(op, consumer, providerId).ConfigureAwait(false);
        var providerNs = await EnsureTenantNamespaceAsync(op, provider, consumerId).ConfigureAwait(false);

        var nonce = await Nonce.EnsureAsync(op, provider, consumerId, providerNs).ConfigureAwait(false);
        var signature = await Nonce.EnsureSignedAsync(op, consumer, providerId, consumerNs, nonce).ConfigureAwait(false);

        var proxyUrl = o.ProxyUrl;
        if (o.InBand && string.IsNullOrEmpty(proxyUrl))
            proxyUrl = await InBandProxyUrlAsync(op, consumer, provider, consumerNs, providerId).ConfigureAwait(false);

        var tenant = await Tenant.GenerateAsync(op, consumer, consumerId, providerNs, signature, proxyUrl).ConfigureAwait(false);
        var filled = await Tenant.ApplyAsync(op, provider, tenant).ConfigureAwait(false);
        var identity = Identity.GenerateControlPlane(op, provider, providerId, consumerNs, filled, providerNs);
        var ready = await Identity.ApplyAsync(op, consumer, identity).ConfigureAwait(false);
        return new AuthenticationResult(consumerNs, providerNs, Identity.ControlPlaneName(providerId), ready is not null);
    }

    /// <summary>Finds or creates the tenant namespace of the remote cluster (liqoctl: "Tenant namespace correctly ensured").</summary>
    public static async Task<string> EnsureTenantNamespaceAsync(Operation op, ClusterConnection cluster, string remoteClusterId)
    {
        var ns = await TenantNamespace.EnsureAsync(op, cluster, remoteClusterId).ConfigureAwait(false);
        op.Info(cluster, Module, "TenantNamespace", "Tenant namespace correctly ensured", whatIf: "Tenant namespace would be ensured");
        return ns;
    }

    /// <summary>The consumer's cluster keys, from Secret authentication-keys in its Liqo namespace.</summary>
    internal static async Task<ClusterKeys> ReadClusterKeysAsync(ClusterConnection consumer, CancellationToken ct)
    {
        var secret = await consumer.Api.GetAsync(Kinds.Secret, consumer.LiqoNamespace, LiqoConstants.AuthenticationKeysSecretName, ct).ConfigureAwait(false)
                     ?? throw new LiqoException(ErrorIds.ClusterKeysNotFound, LiqoErrorCategory.ObjectNotFound, LiqoConstants.AuthenticationKeysSecretName,
                         $"The Secret '{consumer.LiqoNamespace}/{LiqoConstants.AuthenticationKeysSecretName}' with the {consumer.Scope} cluster's authentication keys does not exist.",
                         "Check that Liqo's controller manager runs on that cluster: it creates the keys at start-up.");
        var data = (secret["data"] as JsonObject ?? new JsonObject())
            .Where(kv => kv.Value is not null)
            .ToDictionary(kv => kv.Key, kv => Convert.FromBase64String(kv.Value!.GetValue<string>()));
        return ClusterKeys.FromSecretData(data, consumer.LiqoNamespace);
    }

    /// <summary>
    /// Before any write of an in-band authentication without -ProxyUrl: the provider's api-server-proxy IP has its
    /// address, and (unless networking is still to be set up by this run) the consumer holds the provider's remapped
    /// Configuration, so the proxy URL can be made. Otherwise the namespaces and nonces would be written for nothing.
    /// </summary>
    internal static async Task CheckInBandAsync(Operation op, ClusterConnection consumer, ClusterConnection provider, string providerId, bool networkingPending)
    {
        var ip = await provider.Api.GetAsync(Kinds.Ip, provider.LiqoNamespace, ApiServerProxyIpName, op.Cancellation).ConfigureAwait(false);
        if (string.IsNullOrEmpty(ip?.StringAt("status.ip"))) throw InBandProxyNotFound();
        if (networkingPending || op.PlanOnly) return;
        var configurations = await consumer.Api.ListAsync(Kinds.Configuration, null, $"{LiqoConstants.RemoteClusterIdLabel}={providerId}", ct: op.Cancellation).ConfigureAwait(false);
        if (!configurations.Items.Any(NetworkConfiguration.IsConfigured)) throw ConfigurationNotRemapped(providerId);
    }

    private static LiqoException InBandProxyNotFound() =>
        new(ErrorIds.InBandProxyNotFound, LiqoErrorCategory.ObjectNotFound, ApiServerProxyIpName,
            "no IP found, make sure the Liqo Networking module is enabled and working",
            "In-band peering needs the networking module: peer without -NetworkingDisabled, or give -ProxyUrl.");

    private static LiqoException ConfigurationNotRemapped(string providerId) =>
        new(ErrorIds.ConfigurationNotRemapped, LiqoErrorCategory.ResourceUnavailable, providerId,
            "configuration not remapped yet",
            "In-band authentication reaches the provider through the tunnel: set up networking first (Enable-LiqoNetworking, " +
            "or New-LiqoPeering without -NetworkingDisabled), or give -ProxyUrl.");

    /// <summary>http://&lt;provider's api-server-proxy IP, remapped by the consumer's Configuration&gt;:8118.</summary>
    private static async Task<string> InBandProxyUrlAsync(Operation op, ClusterConnection consumer, ClusterConnection provider, string consumerNs, string providerId)
    {
        var ip = await provider.Api.GetAsync(Kinds.Ip, provider.LiqoNamespace, ApiServerProxyIpName, op.Cancellation).ConfigureAwait(false);
        var address = ip?.StringAt("status.ip");
        if (string.IsNullOrEmpty(address)) throw InBandProxyNotFound();
        var conf = await consumer.Api.GetAsync(Kinds.Configuration, consumerNs, providerId, op.Cancellation).ConfigureAwait(false);
        if (conf is null || !NetworkConfiguration.IsConfigured(conf)) throw ConfigurationNotRemapped(providerId);
        return $"http://{MapAddress(address, conf)}:{InBandProxyPort}";
    }

    /// <summary>Liqo's MapAddressWithConfiguration: an address inside a remote pod (then external) CIDR moves to the same offset in its remapped CIDR.</summary>
    public static string MapAddress(string address, JsonObject configuration)
    {
        foreach (var kind in new[] { "pod", "external" })
        {
            var original = (configuration["spec"]?["remote"]?["cidr"]?[kind] as JsonArray)?.Select(n => n?.GetValue<string>()).ToList() ?? new();
            var remapped = (configuration["status"]?["remote"]?["cidr"]?[kind] as JsonArray)?.Select(n => n?.GetValue<string>()).ToList() ?? new();
            for (var i = 0; i < original.Count && i < remapped.Count; i++)
                if (original[i] is { } o && remapped[i] is { } r && Cidr.TryRemap(address, o, r, out var mapped)) return mapped;
        }
        return address;
    }
}
