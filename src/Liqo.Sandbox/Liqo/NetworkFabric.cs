using Liqo.Sandbox.Liqo.Runtime;

namespace Liqo.Sandbox.Liqo;

/// <summary>One gateway as the simulated network sees it: where it listens (server) or dials (client) and its WireGuard keys.</summary>
/// <param name="ClusterId">The cluster the gateway runs in.</param>
/// <param name="Namespace">Its tenant namespace.</param>
/// <param name="Name">The gateway (WgGatewayServer/WgGatewayClient) name.</param>
/// <param name="IsServer">Server (listens) or client (dials).</param>
/// <param name="Addresses">Server: the reachable addresses of its Service; client: the addresses it dials.</param>
/// <param name="Port">Server: the reachable port; client: the port it dials.</param>
/// <param name="PublicKey">The gateway's own WireGuard public key (raw 32 bytes, base64).</param>
/// <param name="PeerPublicKey">The public key its PublicKey resource holds for the peer (base64), or null.</param>
/// <param name="Blocked">The cluster's tunnel-never-established knob.</param>
public sealed record SimulatedGatewayEndpoint(string ClusterId, string Namespace, string Name, bool IsServer,
    IReadOnlyList<string> Addresses, int Port, string PublicKey, string? PeerPublicKey, bool Blocked);

/// <summary>
/// The network shared by the clusters of one sandbox: each cluster gets distinct fake node and LoadBalancer addresses;
/// gateway pods publish their endpoint and keys here, and a WireGuard tunnel counts as established only when a client
/// dials a server's address and port and each side's PublicKey resource carries the other side's real key.
/// </summary>
public sealed class NetworkFabric
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, int> _sites = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Cluster, string Ns, string Name, bool Server),
        SimulatedGatewayEndpoint> _gateways = new();
    private readonly Dictionary<string, int> _nextLoadBalancer = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _nextNodePort = new(StringComparer.Ordinal);

    internal ChangeSignal Changed { get; } = new();

    /// <summary>The index of a cluster (by name) in this network, assigned on first use.</summary>
    public int SiteOf(string clusterName)
    {
        lock (_gate)
        {
            if (!_sites.TryGetValue(clusterName, out var i)) _sites[clusterName] = i = _sites.Count;
            return i;
        }
    }

    /// <summary>The InternalIP of a cluster's control-plane node (172.18.0.2, .3, ...).</summary>
    public string NodeAddress(string clusterName) => $"172.18.0.{2 + SiteOf(clusterName)}";

    /// <summary>A new LoadBalancer ingress IP for a Service of the cluster (172.18.(200+site).n).</summary>
    public string AllocateLoadBalancerIp(string clusterName)
    {
        var site = SiteOf(clusterName);
        lock (_gate)
        {
            var n = _nextLoadBalancer.GetValueOrDefault(clusterName) + 1;
            _nextLoadBalancer[clusterName] = n;
            return $"172.18.{200 + site}.{n}";
        }
    }

    /// <summary>A new node port of the cluster (30000 up).</summary>
    public int AllocateNodePort(string clusterName)
    {
        lock (_gate)
        {
            var n = _nextNodePort.GetValueOrDefault(clusterName);
            _nextNodePort[clusterName] = n + 1;
            return 30000 + (n * 37 + 742) % 2767;
        }
    }

    /// <summary>Adds or replaces a gateway; wakes every cluster when something changed.</summary>
    public void Publish(SimulatedGatewayEndpoint gateway)
    {
        bool changed;
        lock (_gate)
        {
            var key = (gateway.ClusterId, gateway.Namespace, gateway.Name, gateway.IsServer);
            changed = !_gateways.TryGetValue(key, out var old) || !Same(old, gateway);
            _gateways[key] = gateway;
        }
        if (changed) Changed.Notify();
    }

    private static bool Same(SimulatedGatewayEndpoint a, SimulatedGatewayEndpoint b) =>
        a with { Addresses = b.Addresses } == b && a.Addresses.SequenceEqual(b.Addresses);

    public void Remove(string clusterId, string ns, string name, bool isServer)
    {
        bool removed;
        lock (_gate) removed = _gateways.Remove((clusterId, ns, name, isServer));
        if (removed) Changed.Notify();
    }

    /// <summary>Removes every gateway of a cluster (it stopped).</summary>
    public void RemoveCluster(string clusterId)
    {
        bool removed;
        lock (_gate)
        {
            var keys = _gateways.Keys.Where(k => k.Cluster == clusterId).ToList();
            foreach (var k in keys) _gateways.Remove(k);
            removed = keys.Count > 0;
        }
        if (removed) Changed.Notify();
    }

    /// <summary>The peer of an established tunnel of the gateway, or null while the handshake cannot complete.</summary>
    public SimulatedGatewayEndpoint? EstablishedPeer(string clusterId, string ns, string name, bool isServer)
    {
        lock (_gate)
        {
            if (!_gateways.TryGetValue((clusterId, ns, name, isServer), out var self) || self.Blocked) return null;
            foreach (var other in _gateways.Values)
            {
                if (other.IsServer == isServer || other.Blocked || other.ClusterId == clusterId) continue;
                var (server, client) = isServer ? (self, other) : (other, self);
                if (client.Port != server.Port || !client.Addresses.Any(server.Addresses.Contains)) continue;
                if (client.PeerPublicKey != server.PublicKey || server.PeerPublicKey != client.PublicKey) continue;
                return other;
            }
            return null;
        }
    }

    /// <summary>Whether an established tunnel joins the two clusters (in-band traffic needs one).</summary>
    public bool TunnelBetween(string clusterA, string clusterB)
    {
        List<SimulatedGatewayEndpoint> mine;
        lock (_gate) mine = _gateways.Values.Where(g => g.ClusterId == clusterA).ToList();
        return mine.Any(g => EstablishedPeer(g.ClusterId, g.Namespace, g.Name, g.IsServer)?.ClusterId == clusterB);
    }
}
