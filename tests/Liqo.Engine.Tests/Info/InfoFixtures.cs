using System.Text.Json.Nodes;
using Liqo.Engine.Info;
using Liqo.Engine.Info.LocalStatus;
using Liqo.Engine.Info.Peer;

namespace Liqo.Engine.Tests.Info;

/// <summary>
/// Liqo v1.2 objects as two real installations hold them (Info/Fixtures): "rome" consumes from "milan" (healthy) and
/// "venice" (cordoned, identity not ready, virtual kubelet creating), provides to "naples" (tunnel in error) and keeps
/// "turin" (unpeered: role Unknown, every module disabled); "milan" is rome's provider.
/// </summary>
internal static class InfoFixtures
{
    private static string Dir => Path.Combine(AppContext.BaseDirectory, "Info", "Fixtures");

    public static IReadOnlyList<JsonObject> Items(string cluster, string file)
    {
        var list = JsonNode.Parse(File.ReadAllText(Path.Combine(Dir, cluster, file + ".json")))!.AsObject();
        return list["items"]!.AsArray().Select(i => i!.AsObject()).ToList();
    }

    public static ListResult List(string cluster, string file) => ListResult.Of(Items(cluster, file));

    public static IEnumerable<(string Cluster, string File, JsonObject Item)> All() =>
        Directory.GetDirectories(Dir).SelectMany(d => Directory.GetFiles(d, "*.json").SelectMany(f =>
            Items(Path.GetFileName(d), Path.GetFileNameWithoutExtension(f)).Select(i => (Path.GetFileName(d), Path.GetFileNameWithoutExtension(f), i))));

    /// <summary>What the collector reads on rome; the nodes as the control-plane selector returns them.</summary>
    public static LocalSnapshot Rome(bool network = true, ListResult? pods = null, ListResult? deployments = null, ListResult? configMaps = null,
        ListResult? foreignClusters = null) => new(
        configMaps ?? List("rome", "configmaps"),
        deployments ?? List("rome", "deployments"),
        ListResult.Of(Items("rome", "nodes").Where(n => n["metadata"]?["labels"]?["node-role.kubernetes.io/control-plane"] is not null).ToList()),
        pods ?? List("rome", "pods"),
        network ? ListResult.Of(Items("rome", "networks").Where(n => n["metadata"]?["labels"]?["ipam.liqo.io/network-type"] is not null).ToList()) : null,
        foreignClusters ?? List("rome", "foreignclusters"));

    /// <summary>What the collector reads on rome for info peer, the ForeignClusters limited to <paramref name="ids"/> when given.</summary>
    public static PeerSnapshot RomePeers(params string[] ids) => new(
        Items("rome", "foreignclusters").Where(f => ids.Length == 0 || ids.Contains(f["spec"]!["clusterID"]!.GetValue<string>())).ToList(),
        List("rome", "configurations"), List("rome", "gatewayservers"), List("rome", "gatewayclients"), List("rome", "identities"),
        List("rome", "resourceslices"), List("rome", "virtualnodes"), List("rome", "secrets"));

    public static ProviderSnapshot Milan() => new("milan", List("milan", "foreignclusters"), List("milan", "tenants"), List("milan", "gatewayservers"),
        List("milan", "gatewayclients"), List("milan", "resourceslices"), List("milan", "quotas"));

    public static IReadOnlyList<PeerReport> RomePeerReports(params string[] ids) => PeerInfoBuilder.Build(RomePeers(ids)).Peers;

    public static LocalInfoReport RomeReport(bool network = true) => LocalInfoBuilder.Build(Rome(network)).Report;
}
