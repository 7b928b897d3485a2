using System.Text.Json.Nodes;
using Liqo.Engine.ClusterAccess;
using Liqo.Engine.Resources;

namespace Liqo.Engine.Networking;

/// <summary>The Connection a gateway creates once it has the peer's public key; status.value becomes Connected.</summary>
public static class Connection
{
    public const string Connected = "Connected";

    /// <summary>Waits until exactly one Connection for the remote cluster exists in the namespace.</summary>
    public static async Task<JsonObject?> WaitCreatedAsync(Operation op, ClusterConnection cluster, string ns, string remoteClusterId)
    {
        var connection = await op.WaitAsync(cluster, Kinds.Connection, ns, $"{LiqoConstants.RemoteClusterIdLabel}={remoteClusterId}", null, items => items.Count switch
        {
            0 => null,
            1 => items.First(),
            _ => throw new LiqoException(ErrorIds.ConnectionAmbiguous, LiqoErrorCategory.InvalidData, remoteClusterId,
                $"more than one Connection resource found for remote cluster \"{remoteClusterId}\" on the {cluster.Scope} cluster"),
        }, new WaitTarget("Waiting for the Connection to be created", $"Connection for {remoteClusterId} in {ns}", "created by the gateway",
            "Check that both gateways run and that the PublicKeys carry each other's key.")).ConfigureAwait(false);
        op.Info(cluster, "Networking", "ConnectionCreated", "Connection created successfully", whatIf: "Connection would be created");
        return connection;
    }

    public static async Task<JsonObject?> WaitEstablishedAsync(Operation op, ClusterConnection cluster, string ns, string remoteClusterId)
    {
        var connection = await op.WaitAsync(cluster, Kinds.Connection, ns, $"{LiqoConstants.RemoteClusterIdLabel}={remoteClusterId}", null,
            items => items.FirstOrDefault(c => c.StringAt("status.value") == Connected),
            new WaitTarget("Waiting for Connection status to be established", $"Connection for {remoteClusterId} in {ns}", "status.value == Connected",
                "The WireGuard tunnel is not up: check that the client can reach the server's address and UDP port (-GatewayClientAddress and -GatewayClientPort for NAT).",
                ErrorIds.ConnectionNotEstablished)).ConfigureAwait(false);
        op.Info(cluster, "Networking", "ConnectionEstablished", "Connection is established", whatIf: "Connection would be established");
        return connection;
    }
}
