using System.Text.Json.Nodes;

namespace Liqo.Engine.Networking;

/// <summary>
/// Where a gateway client dials its server: the addresses, port and protocol the GatewayServer publishes in
/// status.endpoint, with liqoctl's overrides (--gw-client-address, --gw-client-port) for clients behind NAT.
/// </summary>
public sealed record GatewayEndpoint(IReadOnlyList<string> Addresses, int Port, string? Protocol)
{
    /// <summary>The endpoint of a GatewayServer as stored (or planned), with the client's overrides.</summary>
    public static GatewayEndpoint FromServer(JsonObject gatewayServer, NetworkConnectOptions o) =>
        Published(gatewayServer, o.ServicePort).WithOverrides(o);

    /// <summary>status.endpoint of a GatewayServer; a placeholder in plan mode, when the server has not published it.</summary>
    public static GatewayEndpoint Published(JsonObject gatewayServer, int fallbackPort)
    {
        var endpoint = gatewayServer["status"]?["endpoint"];
        var addresses = (endpoint?["addresses"] as JsonArray)?.Select(a => a!.GetValue<string>()).ToArray() ?? new[] { "<gateway server address>" };
        var port = endpoint?["port"]?.GetValue<int>() ?? fallbackPort;
        return new GatewayEndpoint(addresses, port, endpoint?["protocol"]?.GetValue<string>());
    }

    /// <summary>liqoctl's client overrides: an address and a port to dial instead of the published ones.</summary>
    public GatewayEndpoint WithOverrides(NetworkConnectOptions o) => this with
    {
        Addresses = !string.IsNullOrEmpty(o.ClientAddress) ? new[] { o.ClientAddress! } : Addresses,
        Port = o.ClientPort != 0 ? o.ClientPort : Port,
    };
}
