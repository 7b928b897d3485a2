namespace Liqo.Engine.Info.Peer;

/// <summary>
/// The provider's side of a peering, read on the remote cluster: its Tenant for the consumer, its gateway, the
/// ResourceSlices the consumer replicated to it with the Quota each produced, and its ForeignCluster for the consumer.
/// </summary>
/// <param name="ClusterId">The remote (provider) cluster's ID.</param>
/// <param name="Role">The role the provider's ForeignCluster gives the consumer (Consumer after a peering), when it exists.</param>
public sealed record ProviderView(
    string ClusterId,
    string? Role,
    string? NetworkingStatus,
    string? AuthenticationStatus,
    string? OffloadingStatus,
    TenantInfo? Tenant,
    RemoteGatewayInfo? Gateway,
    IReadOnlyList<ProvidedResourceSlice> ResourceSlices);

/// <summary>
/// The Tenant for the consumer: its condition (Active, Cordoned, Drained), authorization policy and whether the provider
/// has answered (authParams and tenant namespace in its status, the rule of Liqo's AuthTenantStatus).
/// </summary>
public sealed record TenantInfo(string Name, string Namespace, string Condition, string AuthzPolicy, bool Ready, string? TenantNamespace, string? ApiServer);

/// <summary>The provider's gateway towards the consumer: GatewayServer (endpoint from its status) or GatewayClient.</summary>
public sealed record RemoteGatewayInfo(string Kind, string Name, string Namespace, IReadOnlyList<string>? Address, int Port, string? Protocol);

/// <summary>A ResourceSlice replicated to the provider, its conditions and the Quota the provider made from it.</summary>
public sealed record ProvidedResourceSlice(
    string Name,
    string Namespace,
    bool Accepted,
    string? AuthenticationCondition,
    string? ResourcesCondition,
    IReadOnlyList<string> Alerts,
    IReadOnlyDictionary<string, string>? Resources,
    QuotaInfo? Quota);

/// <summary>An offloading.liqo.io Quota: the user (the slice's certificate CN), enforcement, cordon and limits.</summary>
public sealed record QuotaInfo(string Name, string User, string? LimitsEnforcement, bool Cordoned, IReadOnlyDictionary<string, string>? Resources);
