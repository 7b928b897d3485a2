using Liqo.Engine.Authentication;
using Liqo.Engine.Networking;
using Liqo.Engine.Resources;

namespace Liqo.Engine.Peering;

/// <summary>
/// The rights peer and unpeer need on each cluster, from the steps they run there (networking, authentication,
/// offloading): asked in one batch per cluster before the command's first write, so a run that its rights do not allow
/// is refused (Forbidden, naming each missing right) instead of failing halfway through.
/// </summary>
public static class PeeringRights
{
    /// <summary>Peer on the consumer, whose tenant namespace for the provider is <paramref name="tenantNamespace"/>.</summary>
    public static IEnumerable<AccessRequirement> PeerConsumer(PeerOptions o, string tenantNamespace, bool namespaceExists)
    {
        var needs = Networking(o, tenantNamespace, namespaceExists, GatewayServerLocation.Consumer)
            .Concat(AuthenticationRights.Consumer(tenantNamespace, namespaceExists));
        if (!o.CreateResourceSlice) return needs;
        needs = needs.Concat(AccessRequirement.Write(Kinds.ResourceSlice, tenantNamespace));
        return o.ResourceSlice.CreateVirtualNode ? needs.Concat(AccessRequirement.Write(Kinds.VirtualNode, tenantNamespace)) : needs;
    }

    /// <summary>Peer on the provider, whose tenant namespace for the consumer is <paramref name="tenantNamespace"/>.</summary>
    public static IEnumerable<AccessRequirement> PeerProvider(PeerOptions o, string tenantNamespace, bool namespaceExists) =>
        Networking(o, tenantNamespace, namespaceExists, GatewayServerLocation.Provider)
            .Concat(AuthenticationRights.Provider(tenantNamespace, namespaceExists));

    /// <summary>
    /// Unpeer on the consumer: its ResourceSlices and VirtualNodes, the Identity, and the networking unless the peering is
    /// bidirectional (the other direction keeps the tunnel); nothing when there is no tenant namespace.
    /// </summary>
    public static IEnumerable<AccessRequirement> UnpeerConsumer(string? tenantNamespace, bool bidirectional)
    {
        if (tenantNamespace is null) return [];
        AccessRequirement[] offloading = [new("delete", Kinds.ResourceSlice, tenantNamespace), new("delete", Kinds.VirtualNode, tenantNamespace)];
        return offloading.Concat(AuthenticationRights.RemoveConsumer([tenantNamespace]))
            .Concat(bidirectional ? [] : NetworkRights.Reset(tenantNamespace, configurations: true));
    }

    /// <summary>Unpeer on the provider: the Tenant, and the networking unless the peering is bidirectional.</summary>
    public static IEnumerable<AccessRequirement> UnpeerProvider(string? tenantNamespace, bool bidirectional) =>
        AuthenticationRights.RemoveProvider(tenantNamespace).Concat(bidirectional ? [] : NetworkRights.Reset(tenantNamespace, configurations: true));

    private static IEnumerable<AccessRequirement> Networking(PeerOptions o, string tenantNamespace, bool namespaceExists, GatewayServerLocation side) =>
        o.NetworkingDisabled
            ? AccessRequirement.NamespaceCreation(namespaceExists)
            : NetworkRights.Connect(tenantNamespace, namespaceExists, o.GatewayServerLocation == side, !o.Network.DisableSharingKeys);
}
