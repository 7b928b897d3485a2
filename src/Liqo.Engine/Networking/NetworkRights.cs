using Liqo.Engine.Resources;

namespace Liqo.Engine.Networking;

/// <summary>
/// The rights the networking steps need on one cluster, from what they write there (<see cref="NetworkConnect"/>,
/// <see cref="NetworkReset"/>): checked before the command's first write (<see cref="AccessCheck"/>).
/// </summary>
public static class NetworkRights
{
    /// <summary>
    /// Connect on one side: the tenant namespace (created when missing), the Configuration, the GatewayServer on the server
    /// side (deleted first when its endpoint changed) or the GatewayClient on the client side, and the PublicKey unless
    /// keys are not shared.
    /// </summary>
    public static IEnumerable<AccessRequirement> Connect(string tenantNamespace, bool namespaceExists, bool gatewayServer, bool sharingKeys)
    {
        var gateway = gatewayServer ? Kinds.GatewayServer : Kinds.GatewayClient;
        var needs = AccessRequirement.NamespaceCreation(namespaceExists)
            .Concat(AccessRequirement.Write(Kinds.Configuration, tenantNamespace))
            .Concat(AccessRequirement.Write(gateway, tenantNamespace));
        if (gatewayServer) needs = needs.Append(new AccessRequirement("delete", Kinds.GatewayServer, tenantNamespace));
        return sharingKeys ? needs.Concat(AccessRequirement.Write(Kinds.PublicKey, tenantNamespace)) : needs;
    }

    /// <summary>
    /// Disconnect (gateways) or reset (gateways and the Configuration) on one side: nothing when there is no tenant
    /// namespace, as nothing is left to delete then.
    /// </summary>
    public static IEnumerable<AccessRequirement> Reset(string? tenantNamespace, bool configurations)
    {
        if (tenantNamespace is null) return [];
        AccessRequirement[] gateways = [new("delete", Kinds.GatewayClient, tenantNamespace), new("delete", Kinds.GatewayServer, tenantNamespace)];
        return configurations ? gateways.Append(new AccessRequirement("delete", Kinds.Configuration, tenantNamespace)) : gateways;
    }
}
