using Liqo.Engine.GoFormat;

namespace Liqo.Engine.Info.LocalStatus;

/// <summary>
/// <c>liqoctl info</c>'s report as liqoctl's Go structs: field names (what --get matches), json tags (what the machine
/// formats print), omitempty, nil versus empty. Field lists follow pkg/liqoctl/info/localstatus of Liqo v1.2.
/// </summary>
internal static class LocalInfoShapes
{
    /// <summary>The sections of <c>liqoctl info</c>: local, health, network (when collected), peerings.</summary>
    public static IReadOnlyDictionary<string, GoValue> Sections(LocalInfoReport r)
    {
        var data = new Dictionary<string, GoValue>(StringComparer.Ordinal)
        {
            ["local"] = Installation(r.Local),
            ["health"] = Health(r.Health),
            ["peerings"] = Peerings(r.Peerings),
        };
        if (r.Network is not null) data["network"] = Network(r.Network);
        return data;
    }

    /// <summary>The whole document of <c>liqoctl info</c>: a map of sections (printed with sorted keys).</summary>
    public static GoMap Document(LocalInfoReport r) => new(Sections(r).ToList());

    private static GoStruct Installation(LocalInstallationInfo i) => new(
        new GoField("ClusterID", "clusterID", false, new GoString(i.ClusterId)),
        new GoField("Version", "version", false, new GoString(i.Version)),
        new GoField("Labels", "labels", false, GoMap.Of(i.Labels)),
        new GoField("APIServerAddr", null, false, new GoString(i.ApiServerAddress)));

    private static GoStruct Health(InstallationHealth h) => new(
        new GoField("Healthy", "healthy", false, new GoBool(h.Healthy)),
        new GoField("UnhealthyPods", "unhealthyPods", true, new GoMap(h.UnhealthyPods?.Select(p =>
            new KeyValuePair<string, GoValue>(p.Key, new GoStruct(
                new GoField("Status", "status", false, new GoString(p.Value.Status)),
                new GoField("ReadyContainers", "readyContainers", false, new GoInt(p.Value.ReadyContainers)),
                new GoField("TotalContainers", "totalContainers", false, new GoInt(p.Value.TotalContainers)),
                new GoField("Restarts", "restarts", false, new GoInt(p.Value.Restarts))))).ToList())));

    private static GoStruct Network(LocalNetworkInfo n) => new(
        new GoField("PodCIDRs", "podCIDRs", false, GoSlice.Of(n.PodCidrs)),
        new GoField("ServiceCIDR", "serviceCIDR", false, new GoString(n.ServiceCidr)),
        new GoField("ExternalCIDR", "externalCIDR", false, new GoString(n.ExternalCidr)),
        new GoField("InternalCIDR", "internalCIDR", false, new GoString(n.InternalCidr)));

    private static GoStruct Peerings(PeeringsInfo p) => new(
        new GoField("Peers", "peers", false, new GoSlice(p.Peers?.Select(s => (GoValue)new GoStruct(
            new GoField("ClusterID", "clusterID", false, new GoString(s.ClusterId)),
            new GoField("Role", "role", false, new GoString(s.Role)),
            new GoField("NetworkingStatus", "networkingStatus", false, new GoString(s.NetworkingStatus)),
            new GoField("AuthenticationStatus", "authenticationStatus", false, new GoString(s.AuthenticationStatus)),
            new GoField("OffloadingStatus", "offloadingStatus", false, new GoString(s.OffloadingStatus)))).ToList())));
}
