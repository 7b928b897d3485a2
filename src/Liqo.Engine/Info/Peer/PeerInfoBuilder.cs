using System.Text.Json.Nodes;
using Liqo.Engine.GoFormat;
using Liqo.Engine.Resources;

namespace Liqo.Engine.Info.Peer;

/// <summary>
/// Builds <c>liqoctl info peer</c>'s report for each selected ForeignCluster from the listed objects, with liqoctl's rules
/// (pkg/liqoctl/info/peer) and its warnings. Pure: no I/O.
/// </summary>
internal static class PeerInfoBuilder
{
    public static (IReadOnlyList<PeerReport> Peers, IReadOnlyList<string> Warnings) Build(PeerSnapshot s)
    {
        var warnings = new List<string>();
        // liqoctl keys the ForeignClusters by spec.clusterID (a later one with the same ID replaces an earlier one)
        var byId = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var fc in s.ForeignClusters) byId[InfoJson.Str(fc["spec"]?["clusterID"])] = fc;
        var peers = byId.OrderBy(p => p.Key, Utf8Ordinal.Instance)
            .Select(p => Peer(p.Key, p.Value, s, warnings))
            .ToList();
        return (peers, warnings);
    }

    /// <summary>The requested IDs that no selected ForeignCluster has (in the order asked, once each).</summary>
    public static IReadOnlyList<string> Unknown(IEnumerable<string> requested, IEnumerable<JsonObject> foreignClusters)
    {
        var known = foreignClusters.Select(fc => InfoJson.Str(fc["spec"]?["clusterID"])).ToHashSet(StringComparer.Ordinal);
        return requested.Distinct(StringComparer.Ordinal).Where(id => !known.Contains(id)).ToList();
    }

    private static PeerReport Peer(string id, JsonObject fc, PeerSnapshot s, List<string> warnings)
    {
        var role = InfoJson.Str(fc["status"]?["role"]);
        return new PeerReport(id, role, Network(id, fc, s, warnings), Authentication(id, fc, role, s, warnings), Offloading(id, fc, s, warnings))
        {
            CreationTimestamp = fc.CreationTimestamp(),
            CertificateNotAfter = IdentityCertificate.NotAfter(id, s.ControlPlaneKubeconfigSecrets, s.Identities),
        };
    }

    private static PeerNetworkInfo Network(string id, JsonObject fc, PeerSnapshot s, List<string> warnings)
    {
        var (status, alerts) = ModuleHealth.Check(ModuleHealth.Module(fc, "networking"));
        var remote = new ClusterCidrs(null, null);
        ClusterCidrs? remapped = null;
        var gateway = new GatewayInfo(null, 0, "");
        if (status == ModuleHealth.Disabled) return new PeerNetworkInfo(status, alerts, remote, remapped, gateway);

        if (s.Configurations.Error is not null)
        {
            warnings.Add($"unable to get network configuration for cluster {GoText.Quote(id)}: {s.Configurations.Error}");
        }
        else
        {
            var configurations = InfoJson.WithRemoteClusterId(s.Configurations, id).ToList();
            switch (configurations.Count)
            {
                case 0:
                    warnings.Add($"unable to get network configuration for cluster {GoText.Quote(id)}: configurations.networking.liqo.io \"configurations\" not found");
                    break;
                case > 1:
                    warnings.Add($"unable to get network configuration for cluster {GoText.Quote(id)}: multiple Configurations found for ForeignCluster {id}");
                    break;
                default:
                    remote = Cidrs(configurations[0]["spec"]?["remote"]?["cidr"]);
                    // liqoctl dereferences status.remote unconditionally; without it there is no remapping to show
                    if (configurations[0]["status"]?["remote"] is JsonObject statusRemote) remapped = Cidrs(statusRemote["cidr"]);
                    break;
            }
        }

        var (gw, gwError) = Gateway(id, s);
        if (gwError is not null) warnings.Add($"unable to get network gateway info for cluster {GoText.Quote(id)}: {gwError}");
        else gateway = gw!;
        return new PeerNetworkInfo(status, alerts, remote, remapped, gateway);
    }

    private static ClusterCidrs Cidrs(JsonNode? cidr) => new(InfoJson.Strings(cidr?["pod"]), InfoJson.Strings(cidr?["external"]));

    private static (GatewayInfo?, string?) Gateway(string id, PeerSnapshot s)
    {
        if (s.GatewayClients.Error is { } ce) return (null, ce);
        if (s.GatewayServers.Error is { } se) return (null, se);
        var clients = InfoJson.WithRemoteClusterId(s.GatewayClients, id).ToList();
        if (clients.Count > 1) return (null, $"multiple GatewayClients found for ForeignCluster {id}");
        var servers = InfoJson.WithRemoteClusterId(s.GatewayServers, id).ToList();
        if (servers.Count > 1) return (null, $"multiple GatewayServers found for ForeignCluster {id}");
        if (clients.Count == 1 && servers.Count == 1) return (null, "multiple Gateways found");
        if (clients.Count == 1)
        {
            // a local client means the peer runs the server
            var endpoint = clients[0]["spec"]?["endpoint"];
            return (new GatewayInfo(InfoJson.Strings(endpoint?["addresses"]), (int)InfoJson.Int(endpoint?["port"]), "Server"), null);
        }
        if (servers.Count == 1)
        {
            var endpoint = servers[0]["status"]?["endpoint"];
            return (endpoint is JsonObject
                ? new GatewayInfo(InfoJson.Strings(endpoint["addresses"]), (int)InfoJson.Int(endpoint["port"]), "Client")
                : new GatewayInfo(null, 0, "Client"), null);
        }
        return (null, "no gateways found");
    }

    private static PeerAuthenticationInfo Authentication(string id, JsonObject fc, string role, PeerSnapshot s, List<string> warnings)
    {
        var (status, alerts) = ModuleHealth.Check(ModuleHealth.Module(fc, "authentication"));
        var apiServer = "";
        IReadOnlyList<ResourceSliceInfo>? slices = null;
        if (status == ModuleHealth.Disabled) return new PeerAuthenticationInfo(status, alerts, apiServer, slices);

        if (role == "Provider")
        {
            var (address, error) = ApiServerAddress(id, s.Identities);
            if (error is not null) warnings.Add($"unable to get API server address of cluster {GoText.Quote(id)}: {error}");
            else apiServer = address!;
        }

        if (s.ResourceSlices.Error is not null)
            warnings.Add($"unable to get ResourceSlices of cluster {GoText.Quote(id)}: {s.ResourceSlices.Error}");
        else
            slices = InfoJson.WithRemoteClusterId(s.ResourceSlices, id).Select(Slice).ToList();
        return new PeerAuthenticationInfo(status, alerts, apiServer, slices);
    }

    /// <summary>The peer's API server as the ControlPlane identity names it: its proxy URL when set, else its apiServer.</summary>
    private static (string?, string?) ApiServerAddress(string id, ListResult identities)
    {
        if (identities.Error is { } e) return (null, e);
        var controlPlane = InfoJson.WithRemoteClusterId(identities, id).Where(i => InfoJson.Str(i["spec"]?["type"]) == "ControlPlane").ToList();
        if (controlPlane.Count == 0) return (null, $"identities.authentication.liqo.io {GoText.Quote(id)} not found");
        if (controlPlane.Count > 1) return (null, $"multiple resources of type {{identities}} found for cluster {{{id}}}, when only one was expected");
        var authParams = controlPlane[0]["spec"]?["authParams"];
        return (InfoJson.StrOrNull(authParams?["proxyURL"]) ?? InfoJson.Str(authParams?["apiServer"]), null);
    }

    private static ResourceSliceInfo Slice(JsonObject slice)
    {
        var conditions = InfoJson.Objects(slice["status"]?["conditions"]).ToList();
        var alerts = conditions.Where(c => InfoJson.Str(c["status"]) != "Accepted").Select(c => InfoJson.Str(c["message"])).ToList();
        var accepted = conditions.Count > 0 && alerts.Count == 0;
        var providing = slice.Label(LiqoConstants.ReplicatedLabel) is { } r && r.Equals("true", StringComparison.OrdinalIgnoreCase);
        return new ResourceSliceInfo(slice.Name(), providing ? "Providing" : "Consuming", accepted, alerts, InfoJson.Resources(slice["status"]?["resources"]));
    }

    private static PeerOffloadingInfo Offloading(string id, JsonObject fc, PeerSnapshot s, List<string> warnings)
    {
        var (status, alerts) = ModuleHealth.Check(ModuleHealth.Module(fc, "offloading"));
        // liqoctl lists the VirtualNodes whatever the module's status
        if (s.VirtualNodes.Error is not null)
        {
            warnings.Add($"unable to get VirtualNodes pointing to cluster {GoText.Quote(id)}: {s.VirtualNodes.Error}");
            return new PeerOffloadingInfo(status, alerts, null);
        }
        var nodes = InfoJson.WithRemoteClusterId(s.VirtualNodes, id).Select(vn =>
        {
            var conditions = InfoJson.Objects(vn["status"]?["conditions"]).ToList();
            var healthy = conditions.Count > 0 && conditions.All(c => InfoJson.Str(c["status"]) is "Running" or "None");
            return new VirtualNodeInfo(vn.Name(), healthy ? ModuleHealth.Healthy : ModuleHealth.Unhealthy,
                InfoJson.Str(vn["spec"]?["kubeconfigSecretRef"]?["name"]), vn.Label(LiqoConstants.ResourceSliceNameLabel) ?? "",
                InfoJson.Resources(vn["spec"]?["resourceQuota"]?["hard"]));
        }).ToList();
        return new PeerOffloadingInfo(status, alerts, nodes);
    }
}
