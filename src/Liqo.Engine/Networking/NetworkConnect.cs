using Liqo.Engine.ClusterAccess;
using Liqo.Engine.Resources;

namespace Liqo.Engine.Networking;

/// <summary>What networking did.</summary>
/// <param name="ReusedReverseTunnel">The tunnel existed already (the opposite peering built it); nothing was created.</param>
/// <param name="Established">Both Connections reached Connected (false when not waited for, or in plan mode).</param>
public sealed record NetworkResult(bool ReusedReverseTunnel, bool Established);

/// <summary>
/// liqoctl network connect (and the networking part of peer): Configurations both ways, template checks, the gateway
/// server on the server cluster, the gateway client on the client cluster, the WireGuard public keys both ways, and the
/// Connections. Skipped when the opposite peering already built the tunnel. Every step is one of the networking steps
/// the out-of-band cmdlets also run, one cluster at a time (<see cref="NetworkExchange"/>).
/// </summary>
public static class NetworkConnect
{
    public static async Task<NetworkResult> RunAsync(Operation op, ClusterConnection client, ClusterConnection server, NetworkConnectOptions o)
    {
        InputRules.CheckGateways(op, o); // bad input fails before anything is written
        var clientCustomNs = NetworkNamespace.Custom(o.ClientNetworkNamespace, o.ClientNamespaceParameter);
        var serverCustomNs = NetworkNamespace.Custom(o.ServerNetworkNamespace, o.ServerNamespaceParameter);
        var ct = op.Cancellation;
        var clientId = client.ClusterId ?? await ClusterId.ReadAsync(client, ct).ConfigureAwait(false);
        var serverId = server.ClusterId ?? await ClusterId.ReadAsync(server, ct).ConfigureAwait(false);
        await CheckRightsAsync(op, client, server, clientId, serverId, o, clientCustomNs, serverCustomNs).ConfigureAwait(false);
        if (clientCustomNs is not null) await NetworkNamespace.RequireAsync(client, clientCustomNs, o.ClientNamespaceParameter, ct).ConfigureAwait(false);
        if (serverCustomNs is not null) await NetworkNamespace.RequireAsync(server, serverCustomNs, o.ServerNamespaceParameter, ct).ConfigureAwait(false);
        o = await GatewayTemplates.ResolveAsync(o, server, "GatewayServerType", client, "GatewayClientType", ct).ConfigureAwait(false);
        var clientNs = await NetworkNamespace.EnsureAsync(op, client, clientCustomNs, serverId).ConfigureAwait(false);
        var serverNs = await NetworkNamespace.EnsureAsync(op, server, serverCustomNs, clientId).ConfigureAwait(false);

        var clientCidrs = await NetworkConfiguration.RetrieveAsync(op, client).ConfigureAwait(false);
        var serverCidrs = await NetworkConfiguration.RetrieveAsync(op, server).ConfigureAwait(false);

        await NetworkConfiguration.SetUpAsync(op, client, serverId, clientNs, serverCidrs).ConfigureAwait(false);
        await NetworkConfiguration.SetUpAsync(op, server, clientId, serverNs, clientCidrs).ConfigureAwait(false);

        await NetworkConfiguration.WaitAppliedAsync(op, client, clientNs, serverId).ConfigureAwait(false);
        await NetworkConfiguration.WaitAppliedAsync(op, server, serverNs, clientId).ConfigureAwait(false);

        var serverTemplateNs = o.ServerTemplateNamespace ?? server.LiqoNamespace;
        var clientTemplateNs = o.ClientTemplateNamespace ?? client.LiqoNamespace;
        if (!o.SkipValidation)
        {
            await GatewayTemplates.CheckServerStepAsync(op, server, o, serverTemplateNs).ConfigureAwait(false);
            await GatewayTemplates.CheckClientStepAsync(op, client, o, clientTemplateNs).ConfigureAwait(false);
        }

        await NetworkConfiguration.CheckInitializedAsync(op, client, clientNs, serverId).ConfigureAwait(false);
        await NetworkConfiguration.CheckInitializedAsync(op, server, serverNs, clientId).ConfigureAwait(false);

        if (await ReverseTunnelExistsAsync(client, server, clientNs, serverNs, clientId, serverId, ct).ConfigureAwait(false))
            return new NetworkResult(ReusedReverseTunnel: true, Established: true);

        var gwServer = await Gateway.SetUpServerAsync(op, server, clientId, serverNs, o, serverTemplateNs).ConfigureAwait(false);
        var endpoint = GatewayEndpoint.FromServer(gwServer, o);
        var gwClient = await Gateway.SetUpClientAsync(op, client, serverId, clientNs, o, clientTemplateNs, endpoint).ConfigureAwait(false);
        if (o.DisableSharingKeys) return new NetworkResult(false, false);

        (var serverKey, gwServer) = await Gateway.ServerPublicKeyAsync(op, server, serverNs, clientId, gwServer).ConfigureAwait(false);
        await PublicKey.SetUpAsync(op, client, serverId, clientNs, serverKey, gwClient).ConfigureAwait(false);
        (var clientKey, gwClient) = await Gateway.ClientPublicKeyAsync(op, client, clientNs, serverId, gwClient).ConfigureAwait(false);
        await PublicKey.SetUpAsync(op, server, clientId, serverNs, clientKey, gwServer).ConfigureAwait(false);

        if (!o.Wait) return new NetworkResult(false, false);
        await Connection.WaitCreatedAsync(op, server, gwServer.Namespace() ?? serverNs, clientId).ConfigureAwait(false);
        await Connection.WaitCreatedAsync(op, client, gwClient.Namespace() ?? clientNs, serverId).ConfigureAwait(false);
        await Connection.WaitEstablishedAsync(op, client, gwClient.Namespace() ?? clientNs, serverId).ConfigureAwait(false);
        await Connection.WaitEstablishedAsync(op, server, gwServer.Namespace() ?? serverNs, clientId).ConfigureAwait(false);
        return new NetworkResult(false, !op.PlanOnly);
    }

    /// <summary>Refuses (Forbidden) before the first write when a cluster's user may not make the writes connecting needs there.</summary>
    private static async Task CheckRightsAsync(Operation op, ClusterConnection client, ClusterConnection server, string clientId, string serverId,
        NetworkConnectOptions o, string? clientCustomNs, string? serverCustomNs)
    {
        var (clientNs, clientExists) = await NetworkNamespace.PlanAsync(client, clientCustomNs, serverId, op.Cancellation).ConfigureAwait(false);
        var (serverNs, serverExists) = await NetworkNamespace.PlanAsync(server, serverCustomNs, clientId, op.Cancellation).ConfigureAwait(false);
        await AccessCheck.RequireAllAsync(op, client, NetworkRights.Connect(clientNs, clientExists, gatewayServer: false, !o.DisableSharingKeys), "networking").ConfigureAwait(false);
        await AccessCheck.RequireAllAsync(op, server, NetworkRights.Connect(serverNs, serverExists, gatewayServer: true, !o.DisableSharingKeys), "networking").ConfigureAwait(false);
    }

    /// <summary>A GatewayServer for the server cluster on the client cluster, or a GatewayClient for the client on the server: the opposite peering's tunnel.</summary>
    private static async Task<bool> ReverseTunnelExistsAsync(ClusterConnection client, ClusterConnection server, string clientNs, string serverNs,
        string clientId, string serverId, CancellationToken ct)
    {
        var servers = await client.Api.ListAsync(Kinds.GatewayServer, clientNs, $"{LiqoConstants.RemoteClusterIdLabel}={serverId}", ct: ct).ConfigureAwait(false);
        if (servers.Items.Count > 0) return true;
        var clients = await server.Api.ListAsync(Kinds.GatewayClient, serverNs, $"{LiqoConstants.RemoteClusterIdLabel}={clientId}", ct: ct).ConfigureAwait(false);
        return clients.Items.Count > 0;
    }
}
