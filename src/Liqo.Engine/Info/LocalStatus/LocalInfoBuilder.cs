using System.Text.Json.Nodes;
using Liqo.Engine.Resources;

namespace Liqo.Engine.Info.LocalStatus;

/// <summary>
/// Builds <c>liqoctl info</c>'s report from the listed objects, with liqoctl's rules (pkg/liqoctl/info/localstatus) and its
/// warnings for what could not be read. Pure: no I/O.
/// </summary>
internal static class LocalInfoBuilder
{
    public const string ControllerManagerSelector = "app.kubernetes.io/name=controller-manager,app.kubernetes.io/component=controller-manager";
    public const string ControllerManagerContainer = "controller-manager";

    /// <summary>The label selectors liqoctl tries in turn for the control-plane nodes (pkg/utils/apiserver).</summary>
    public static readonly IReadOnlyList<string> ControlPlaneNodeSelectors =
        ["node-role.kubernetes.io/control-plane", "node-role.kubernetes.io/master", "node-role.kubernetes.io/controlplane"];

    public static (LocalInfoReport Report, IReadOnlyList<string> Warnings) Build(LocalSnapshot s)
    {
        var warnings = new List<string>();
        var local = Installation(s, warnings);
        var health = Health(s.Pods, warnings);
        var network = s.Networks is null ? null : Network(s.Networks, warnings);
        var peerings = Peerings(s.ForeignClusters, warnings);
        return (new LocalInfoReport(local, health, network, peerings), warnings);
    }

    /// <summary>The --api-server-address-override argument of the controller-manager container, or null (then the nodes are read).</summary>
    public static string? ApiServerAddressOverride(ListResult deployments) =>
        deployments.Items is { Count: 1 } d && Container(d[0]) is { } c ? ArgumentValue(Args(c), "--api-server-address-override") : null;

    private static LocalInstallationInfo Installation(LocalSnapshot s, List<string> warnings)
    {
        var clusterId = "";
        if (ClusterIdError(s.ClusterIdConfigMaps) is { } idError) warnings.Add("unable to get cluster id: " + idError);
        else clusterId = InfoJson.Str(s.ClusterIdConfigMaps.Items![0]["data"]?[LiqoConstants.ClusterIdDataKey]);

        string version = "", apiServer = "";
        IReadOnlyDictionary<string, string>? labels = null;
        var deployments = s.ControllerManagerDeployments;
        var deploymentError = deployments.Error ?? (deployments.Items!.Count switch
        {
            0 => "deployments.apps \"liqo-controller-manager\" not found",
            1 => null,
            var n => $"retrieved multiple liqo-controller-manager deployments: {n}",
        });
        if (deploymentError is not null)
        {
            warnings.Add("unable to get Liqo version and cluster labels: " + deploymentError);
        }
        else if (Container(deployments.Items![0]) is not { } container)
        {
            warnings.Add($"unable to get Liqo instance info: invalid controller manager deployment: no container with name \"{ControllerManagerContainer}\" found");
        }
        else
        {
            var image = InfoJson.Str(container["image"]);
            var parts = image.Split(':');
            if (parts.Length == 1) warnings.Add("unable to get Liqo version: missing version in container image");
            else version = parts[^1];

            var args = Args(container);
            if (ArgumentValue(args, "--cluster-labels") is { } labelArg)
            {
                var parsed = new Dictionary<string, string>(StringComparer.Ordinal);
                string? bad = null;
                foreach (var pair in labelArg.Split(','))
                {
                    var kv = pair.Split('=');
                    if (kv.Length != 2)
                    {
                        bad = pair;
                        break;
                    }
                    parsed[kv[0]] = kv[1];
                }
                if (bad is null) labels = parsed;
                else warnings.Add("unable to get cluster labels: invalid value " + bad);
            }

            var overrideAddress = ArgumentValue(args, "--api-server-address-override") ?? "";
            if (overrideAddress.Length > 0)
                apiServer = overrideAddress.StartsWith("https://", StringComparison.Ordinal) ? overrideAddress : "https://" + overrideAddress;
            else if (ControlPlaneAddress(s.ControlPlaneNodes) is var (address, error) && error is null)
                apiServer = $"https://{address}:6443";
            else
                warnings.Add("unable to get K8s API server: " + error);
        }
        return new LocalInstallationInfo(clusterId, version, labels, apiServer);
    }

    /// <summary>Why the cluster ID cannot be read (liqoctl's messages), or null.</summary>
    private static string? ClusterIdError(ListResult configMaps) => configMaps.Error ?? (configMaps.Items!.Count switch
    {
        0 => "configmaps \"configmaps\" not found",
        1 => null,
        _ => $"multiple resources of type {{configmaps}} found for label selector {{{LiqoConstants.ClusterIdConfigMapSelector}}}, when only one was expected",
    });

    private static JsonObject? Container(JsonObject deployment) =>
        InfoJson.Objects(deployment["spec"]?["template"]?["spec"]?["containers"]).FirstOrDefault(c => InfoJson.Str(c["name"]) == ControllerManagerContainer);

    private static IReadOnlyList<string> Args(JsonObject container) => InfoJson.Strings(container["args"]) ?? [];

    /// <summary>liqoctl's ExtractValuesFromArgumentList: the value after "key=", "" for a bare "key", null when absent.</summary>
    public static string? ArgumentValue(IReadOnlyList<string> args, string key)
    {
        foreach (var a in args)
        {
            if (a.StartsWith(key + "=", StringComparison.Ordinal)) return string.Join("=", a.Split('=')[1..]);
            if (a == key) return "";
        }
        return null;
    }

    /// <summary>The address of a control-plane node: ExternalDNS, ExternalIP, InternalDNS, InternalIP, Hostname, in that preference.</summary>
    private static (string? Address, string? Error) ControlPlaneAddress(ListResult? nodes)
    {
        if (nodes?.Error is { } e) return (null, e);
        var items = nodes?.Items ?? [];
        if (items.Count == 0) return (null, "no ApiServer.Address variable provided and no master node found, one of the two values must be present");
        foreach (var type in new[] { "ExternalDNS", "ExternalIP", "InternalDNS", "InternalIP", "Hostname" })
            foreach (var node in items)
                if (InfoJson.Objects(node["status"]?["addresses"]).FirstOrDefault(a => InfoJson.Str(a["type"]) == type) is { } addr)
                    return (InfoJson.Str(addr["address"]), null);
        return (null, "no address found");
    }

    private static InstallationHealth Health(ListResult pods, List<string> warnings)
    {
        if (pods.Error is not null)
        {
            warnings.Add("unable to get Liqo pods: " + pods.Error);
            return new InstallationHealth(false, null);
        }
        var unhealthy = new Dictionary<string, PodHealthInfo>(StringComparer.Ordinal);
        foreach (var pod in pods.Items!)
        {
            var ready = InfoJson.Objects(pod["status"]?["conditions"]).FirstOrDefault(c => InfoJson.Str(c["type"]) == "Ready") is { } rc
                        && InfoJson.Str(rc["status"]) == "True";
            if (ready) continue;
            var statuses = InfoJson.Objects(pod["status"]?["containerStatuses"]).ToList();
            unhealthy[pod.Name()] = new PodHealthInfo(InfoJson.Str(pod["status"]?["phase"]), statuses.Count(c => InfoJson.Bool(c["ready"])),
                statuses.Count, (int)statuses.Sum(c => InfoJson.Int(c["restartCount"])));
        }
        return new InstallationHealth(unhealthy.Count == 0, unhealthy);
    }

    private static LocalNetworkInfo Network(ListResult networks, List<string> warnings)
    {
        if (networks.Error is not null)
        {
            foreach (var key in new[] { "PodCIDRs", "ServiceCIDR", "ExternalCIDR", "InternalCIDR" }) warnings.Add($"unable to get {key}: {networks.Error}");
            return new LocalNetworkInfo(null, "", "", "");
        }
        IEnumerable<JsonObject> OfType(string type) => networks.Items!.Where(n => n.Label(LiqoConstants.NetworkTypeLabel) == type);
        static string Cidr(JsonObject n) => InfoJson.Str(n["status"]?["cidr"]);

        IReadOnlyList<string>? podCidrs = null;
        var pods = OfType("pod-cidr").ToList();
        if (pods.Count == 0) warnings.Add("unable to get PodCIDRs: networks.ipam.liqo.io \"networks\" not found");
        else if (pods.Any(p => Cidr(p).Length == 0)) warnings.Add("unable to get PodCIDRs: the pod CIDR is not yet configured: missing status on the Network resource");
        else podCidrs = pods.Select(Cidr).ToList();

        string Unique(string type, string key, string what)
        {
            var found = OfType(type).ToList();
            var error = found.Count switch
            {
                0 => "networks.ipam.liqo.io \"networks\" not found",
                > 1 => $"multiple resources of type {{networks.ipam.liqo.io}} found for label selector {{{LiqoConstants.NetworkTypeLabel}={type}}}, when only one was expected",
                _ => Cidr(found[0]).Length == 0 ? $"the {what} CIDR is not yet configured: missing status on the Network resource" : null,
            };
            if (error is null) return Cidr(found[0]);
            warnings.Add($"unable to get {key}: {error}");
            return "";
        }
        return new LocalNetworkInfo(podCidrs, Unique("service-cidr", "ServiceCIDR", "service"), Unique("external-cidr", "ExternalCIDR", "external"),
            Unique("internal-cidr", "InternalCIDR", "internal"));
    }

    private static PeeringsInfo Peerings(ListResult foreignClusters, List<string> warnings)
    {
        if (foreignClusters.Error is not null)
        {
            warnings.Add("unable to retrieve peerings: " + foreignClusters.Error);
            return new PeeringsInfo(null);
        }
        return new PeeringsInfo(foreignClusters.Items!.Select(fc => new PeeringSummary(
            InfoJson.Str(fc["spec"]?["clusterID"]),
            InfoJson.Str(fc["status"]?["role"]),
            ModuleHealth.Check(ModuleHealth.Module(fc, "networking")).Status,
            ModuleHealth.Check(ModuleHealth.Module(fc, "authentication")).Status,
            ModuleHealth.Check(ModuleHealth.Module(fc, "offloading")).Status) { CreationTimestamp = fc.CreationTimestamp() }).ToList());
    }
}
