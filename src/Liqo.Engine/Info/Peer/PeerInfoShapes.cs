using Liqo.Engine.GoFormat;

namespace Liqo.Engine.Info.Peer;

/// <summary>
/// <c>liqoctl info peer</c>'s report as liqoctl's Go structs: field names (what --get matches), json tags (what the
/// machine formats print), omitempty, nil versus empty. Field lists follow pkg/liqoctl/info/peer of Liqo v1.2.
/// </summary>
internal static class PeerInfoShapes
{
    /// <summary>The sections of one peer in <c>liqoctl info peer</c>: info, network, authentication, offloading.</summary>
    public static IReadOnlyDictionary<string, GoValue> Sections(PeerReport p) => new Dictionary<string, GoValue>(StringComparer.Ordinal)
    {
        ["info"] = new GoStruct(
            new GoField("ClusterID", "clusterID", false, new GoString(p.ClusterId)),
            new GoField("Role", "role", false, new GoString(p.Role))),
        ["network"] = PeerNetwork(p.Network),
        ["authentication"] = PeerAuthentication(p.Authentication),
        ["offloading"] = PeerOffloading(p.Offloading),
    };

    /// <summary>The whole document of <c>liqoctl info peer</c>: cluster ID → sections.</summary>
    public static GoMap Document(IEnumerable<PeerReport> peers) =>
        new(peers.Select(p => new KeyValuePair<string, GoValue>(p.ClusterId, new GoMap(Sections(p).ToList()))).ToList());

    private static GoStruct PeerNetwork(PeerNetworkInfo n) => new(
        new GoField("Status", "status", false, new GoString(n.Status)),
        new GoField("Alerts", "alerts", true, GoSlice.Of(n.Alerts)),
        new GoField("CIDRs", null, false, new GoStruct(
            new GoField("Remote", "remote", false, Cidrs(n.RemoteCidrs)),
            new GoField("Remapped", "remapped", true, new GoPointer(n.RemappedCidrs is null ? null : Cidrs(n.RemappedCidrs))))),
        new GoField("Gateway", "gateway", false, new GoStruct(
            new GoField("Address", "address", false, GoSlice.Of(n.Gateway.Address)),
            new GoField("Port", "port", false, new GoInt(n.Gateway.Port)),
            new GoField("Role", "role", false, new GoString(n.Gateway.Role)))));

    private static GoStruct Cidrs(ClusterCidrs c) => new(
        new GoField("Pod", "pod", true, GoSlice.Of(c.Pod)),
        new GoField("External", "external", true, GoSlice.Of(c.External)));

    private static GoStruct PeerAuthentication(PeerAuthenticationInfo a) => new(
        new GoField("Status", "status", false, new GoString(a.Status)),
        new GoField("Alerts", "alerts", true, GoSlice.Of(a.Alerts)),
        new GoField("APIServerAddr", null, false, new GoString(a.ApiServerAddress)),
        new GoField("ResourceSlices", "resourceSlices", false, new GoSlice(a.ResourceSlices?.Select(s => (GoValue)new GoStruct(
            new GoField("Name", "name", false, new GoString(s.Name)),
            new GoField("Action", "action", false, new GoString(s.Action)),
            new GoField("Accepted", "accepted", false, new GoBool(s.Accepted)),
            new GoField("Alerts", "alerts", true, GoSlice.Of(s.Alerts)),
            new GoField("Resources", "resources", false, GoMap.Of(s.Resources)))).ToList())));

    private static GoStruct PeerOffloading(PeerOffloadingInfo o) => new(
        new GoField("Status", "status", false, new GoString(o.Status)),
        new GoField("Alerts", "alerts", true, GoSlice.Of(o.Alerts)),
        new GoField("VirtualNodes", "virtualNodes", false, new GoSlice(o.VirtualNodes?.Select(v => (GoValue)new GoStruct(
            new GoField("Name", "name", false, new GoString(v.Name)),
            new GoField("Status", "status", false, new GoString(v.Status)),
            new GoField("Secret", "secret", false, new GoString(v.Secret)),
            new GoField("ResourceSlice", "resourceSlice", true, new GoString(v.ResourceSlice)),
            new GoField("Resources", "resources", false, GoMap.Of(v.Resources)))).ToList())));
}
