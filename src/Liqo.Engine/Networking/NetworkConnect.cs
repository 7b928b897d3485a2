using System.Text.Json.Nodes;
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
/// Connections. Skipped when the opposite peering already built the tunnel.
/// </summary>
public static class NetworkConnect
{
    private const string Module = "Networking";

    public static async Task<NetworkResult> RunAsync(Operation op, ClusterConnection client, ClusterConnection server, NetworkConnectOptions o)
    {
        var ct = op.Cancellation;
        var clientId = client.ClusterId ?? await ClusterId.ReadAsync(client, ct).ConfigureAwait(false);
        var serverId = server.ClusterId ?? await ClusterId.ReadAsync(server, ct).ConfigureAwait(false);
        var clientNs = await TenantNamespace.EnsureAsync(op, client, serverId).ConfigureAwait(false);
        var serverNs = await TenantNamespace.EnsureAsync(op, server, clientId).ConfigureAwait(false);

        var clientCidrs = await NetworkConfiguration.ReadLocalCidrsAsync(client, ct).ConfigureAwait(false);
        op.Info(client, Module, "ConfigurationRetrieved", "Network configuration correctly retrieved");
        var serverCidrs = await NetworkConfiguration.ReadLocalCidrsAsync(server, ct).ConfigureAwait(false);
        op.Info(server, Module, "ConfigurationRetrieved", "Network configuration correctly retrieved");

        await NetworkConfiguration.EnsureAsync(op, client, serverId, clientNs, serverCidrs).ConfigureAwait(false);
        op.Info(client, Module, "ConfigurationSetUp", "Network configuration correctly set up");
        await NetworkConfiguration.EnsureAsync(op, server, clientId, serverNs, clientCidrs).ConfigureAwait(false);
        op.Info(server, Module, "ConfigurationSetUp", "Network configuration correctly set up");

        await WaitConfiguredAsync(op, client, clientNs, serverId).ConfigureAwait(false);
        op.Info(client, Module, "ConfigurationApplied", "Configuration applied successfully");
        await WaitConfiguredAsync(op, server, serverNs, clientId).ConfigureAwait(false);
        op.Info(server, Module, "ConfigurationApplied", "Configuration applied successfully");

        var serverTemplateNs = o.ServerTemplateNamespace ?? server.LiqoNamespace;
        var clientTemplateNs = o.ClientTemplateNamespace ?? client.LiqoNamespace;
        if (!o.SkipValidation)
        {
            await GatewayTemplates.CheckServerAsync(server, o, serverTemplateNs, ct).ConfigureAwait(false);
            op.Info(server, Module, "ServerTemplateChecked", $"Gateway server template \"{o.ServerTemplateName}/{serverTemplateNs}\" correctly checked");
            await GatewayTemplates.CheckClientAsync(client, o, clientTemplateNs, ct).ConfigureAwait(false);
            op.Info(client, Module, "ClientTemplateChecked", $"Gateway client template \"{o.ClientTemplateName}/{clientTemplateNs}\" correctly checked");
        }

        await CheckInitializedAsync(op, client, clientNs, serverId).ConfigureAwait(false);
        op.Info(client, Module, "NetworkInitialized", "Network correctly initialized");
        await CheckInitializedAsync(op, server, serverNs, clientId).ConfigureAwait(false);
        op.Info(server, Module, "NetworkInitialized", "Network correctly initialized");

        if (await ReverseTunnelExistsAsync(client, server, clientNs, serverNs, clientId, serverId, ct).ConfigureAwait(false))
            return new NetworkResult(ReusedReverseTunnel: true, Established: true);

        var gwServer = await Gateway.EnsureServerAsync(op, server, clientId, serverNs, o, serverTemplateNs).ConfigureAwait(false);
        op.Info(server, Module, "GatewayServer", "Gateway server correctly set up");
        await Gateway.WaitForPodReadyAsync(op, server, serverNs, clientId).ConfigureAwait(false);
        op.Info(server, Module, "GatewayServerPod", $"Gateway pod {Gateway.ResourceName(clientId)} is ready");
        gwServer = await op.WaitForObjectAsync(server, Kinds.GatewayServer, serverNs, clientId,
            g => g["status"]?["endpoint"]?["addresses"] is JsonArray { Count: > 0 },
            new WaitTarget("Waiting for the gateway server Service", $"GatewayServer {serverNs}/{clientId}", "status.endpoint.addresses set",
                "Check the gateway Service on the server cluster: a LoadBalancer needs an external address (or use -GatewayServerServiceType NodePort).")).ConfigureAwait(false) ?? gwServer;
        op.Info(server, Module, "GatewayServerService", "Gateway server Service created successfully");

        var endpoint = gwServer["status"]?["endpoint"];
        var addresses = !string.IsNullOrEmpty(o.ClientAddress) ? new[] { o.ClientAddress! }
            : (endpoint?["addresses"] as JsonArray)?.Select(a => a!.GetValue<string>()).ToArray() ?? new[] { "<gateway server address>" };
        var port = o.ClientPort != 0 ? o.ClientPort : endpoint?["port"]?.GetValue<int>() ?? o.ServicePort;
        var protocol = endpoint?["protocol"]?.GetValue<string>();
        var gwClient = await Gateway.EnsureClientAsync(op, client, serverId, clientNs, o, clientTemplateNs, addresses, port, protocol).ConfigureAwait(false);
        op.Info(client, Module, "GatewayClient", "Gateway client correctly set up");
        await Gateway.WaitForPodReadyAsync(op, client, clientNs, serverId).ConfigureAwait(false);
        op.Info(client, Module, "GatewayClientPod", $"Gateway pod {Gateway.ResourceName(serverId)} is ready");
        if (o.DisableSharingKeys) return new NetworkResult(false, false);

        gwServer = await op.WaitForObjectAsync(server, Kinds.GatewayServer, serverNs, clientId, g => g.StringAt("status.secretRef.name") is not null,
            new WaitTarget("Waiting for the gateway server Secret", $"GatewayServer {serverNs}/{clientId}", "status.secretRef set")).ConfigureAwait(false) ?? gwServer;
        var serverKey = op.PlanOnly ? "<gateway server public key>" : await ReadKeyAsync(server, gwServer, ct).ConfigureAwait(false);
        op.Info(server, Module, "GatewayServerSecret", "Gateway server Secret created successfully");
        await PublicKey.EnsureAsync(op, client, serverId, clientNs, serverKey, gwClient).ConfigureAwait(false);
        op.Info(client, Module, "PublicKey", "Public key correctly created");

        gwClient = await op.WaitForObjectAsync(client, Kinds.GatewayClient, clientNs, serverId, g => g.StringAt("status.secretRef.name") is not null,
            new WaitTarget("Waiting for the gateway client Secret", $"GatewayClient {clientNs}/{serverId}", "status.secretRef set")).ConfigureAwait(false) ?? gwClient;
        var clientKey = op.PlanOnly ? "<gateway client public key>" : await ReadKeyAsync(client, gwClient, ct).ConfigureAwait(false);
        op.Info(client, Module, "GatewayClientSecret", "Gateway client Secret created successfully");
        await PublicKey.EnsureAsync(op, server, clientId, serverNs, clientKey, gwServer).ConfigureAwait(false);
        op.Info(server, Module, "PublicKey", "Public key correctly created");

        if (!o.Wait) return new NetworkResult(false, false);
        await Connection.WaitCreatedAsync(op, server, gwServer.Namespace() ?? serverNs, clientId).ConfigureAwait(false);
        op.Info(server, Module, "ConnectionCreated", "Connection created successfully");
        await Connection.WaitCreatedAsync(op, client, gwClient.Namespace() ?? clientNs, serverId).ConfigureAwait(false);
        op.Info(client, Module, "ConnectionCreated", "Connection created successfully");
        await Connection.WaitEstablishedAsync(op, client, gwClient.Namespace() ?? clientNs, serverId).ConfigureAwait(false);
        op.Info(client, Module, "ConnectionEstablished", "Connection is established");
        await Connection.WaitEstablishedAsync(op, server, gwServer.Namespace() ?? serverNs, clientId).ConfigureAwait(false);
        op.Info(server, Module, "ConnectionEstablished", "Connection is established");
        return new NetworkResult(false, !op.PlanOnly);
    }

    private static Task<JsonObject?> WaitConfiguredAsync(Operation op, ClusterConnection cluster, string ns, string remoteId) =>
        op.WaitForObjectAsync(cluster, Kinds.Configuration, ns, remoteId, NetworkConfiguration.IsConfigured,
            new WaitTarget("Waiting for the network Configuration to be applied", $"Configuration {ns}/{remoteId}",
                $"condition {NetworkConfiguration.ConfiguredCondition}=True for the current generation",
                "Check Liqo's controller manager on that cluster; its IPAM must be able to remap the remote CIDRs."));

    /// <summary>liqoctl's one-shot CheckNetworkInitialized, with its messages.</summary>
    private static async Task CheckInitializedAsync(Operation op, ClusterConnection cluster, string ns, string remoteId)
    {
        if (op.PlanOnly) return;
        var conf = await cluster.Api.GetAsync(Kinds.Configuration, ns, remoteId, op.Cancellation).ConfigureAwait(false);
        if (conf is null)
            throw new LiqoException("NetworkNotInitialized", LiqoErrorCategory.ObjectNotFound, $"Configuration {ns}/{remoteId}",
                "Network Configuration not found. Retry to issue `liqoctl network connect`. If the issue persist, you can try to reset the network with `liqoctl network reset`.",
                "Run Enable-LiqoNetworking again; if it persists, Reset-LiqoNetworking.");
        if (!NetworkConfiguration.IsConfigured(conf))
            throw new LiqoException("NetworkNotInitialized", LiqoErrorCategory.ResourceUnavailable, $"Configuration {ns}/{remoteId}",
                "network Configuration status is not set yet. Retry later. If the issue persist, you can try to reset the network with `liqoctl network reset`.",
                "Run Enable-LiqoNetworking again; if it persists, Reset-LiqoNetworking.");
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

    private static async Task<string> ReadKeyAsync(ClusterConnection cluster, JsonObject gateway, CancellationToken ct) =>
        await Gateway.ReadPublicKeyAsync(cluster, gateway, ct).ConfigureAwait(false)
        ?? throw new LiqoException("GatewayKeyMissing", LiqoErrorCategory.ObjectNotFound, gateway.Name(),
            $"The Secret named by {gateway["kind"]} {gateway.Namespace()}/{gateway.Name()} status.secretRef on the {cluster.Scope} cluster has no publicKey.");
}
