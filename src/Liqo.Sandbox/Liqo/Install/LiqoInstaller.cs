using System.Text;
using System.Text.Json.Nodes;
using Liqo.Sandbox.ApiServer;
using Liqo.Sandbox.ApiServer.Storage;
using Liqo.Sandbox.ApiServer.Types;
using Liqo.Sandbox.Liqo.Crypto;
using Liqo.Sandbox.Liqo.Runtime;

namespace Liqo.Sandbox.Liqo.Install;

/// <summary>
/// Installs what `liqoctl install` (the Helm chart plus the controller manager's start-up) leaves in a cluster: the
/// liqo namespace, the CRDs, the cluster-ID ConfigMap, the authentication-keys Secret, the IPAM Networks and the
/// api-server-proxy IP, the gateway and virtual-kubelet templates, the control-plane and peering-user roles, the Liqo Deployments
/// (whose pods the workload simulation makes Ready) and a control-plane Node.
/// </summary>
internal static class LiqoInstaller
{
    private const string Helm = "helm";

    public static void InstallNode(ClusterStore store, LiqoNetworkPlan plan, string kubeletVersion)
    {
        var nodeType = store.Types.Get("v1", "Node");
        if (store.TryGet(nodeType, null, plan.NodeName) is not null) return;
        store.Create(nodeType, null, new JsonObject
        {
            ["metadata"] = new JsonObject
            {
                ["name"] = plan.NodeName,
                ["labels"] = Obj.Map(new Dictionary<string, string>
                {
                    ["beta.kubernetes.io/arch"] = "amd64",
                    ["beta.kubernetes.io/os"] = "linux",
                    ["kubernetes.io/arch"] = "amd64",
                    ["kubernetes.io/hostname"] = plan.NodeName,
                    ["kubernetes.io/os"] = "linux",
                    ["node-role.kubernetes.io/control-plane"] = "",
                }),
            },
            ["spec"] = new JsonObject { ["podCIDR"] = plan.PodCidr, ["podCIDRs"] = Obj.Strings([plan.PodCidr]) },
            ["status"] = new JsonObject
            {
                ["addresses"] = new JsonArray(
                    new JsonObject { ["type"] = "InternalIP", ["address"] = plan.NodeIp },
                    new JsonObject { ["type"] = "Hostname", ["address"] = plan.NodeName }),
                ["allocatable"] = Resources("8", "16Gi", "110", "100Gi"),
                ["capacity"] = Resources("8", "16Gi", "110", "100Gi"),
                ["conditions"] = new JsonArray(NodeCondition("Ready", "True", "KubeletReady", "kubelet is posting ready status")),
                ["nodeInfo"] = new JsonObject
                {
                    ["architecture"] = "amd64",
                    ["containerRuntimeVersion"] = "containerd://1.7.24",
                    ["kernelVersion"] = "6.8.0",
                    ["kubeProxyVersion"] = kubeletVersion,
                    ["kubeletVersion"] = kubeletVersion,
                    ["operatingSystem"] = "linux",
                    ["osImage"] = "Debian GNU/Linux 12 (bookworm)",
                },
            },
        }, new WriteOptions { FieldManager = "kubelet" });
    }

    internal static JsonObject Resources(string cpu, string memory, string pods, string storage) => new()
    {
        ["cpu"] = cpu, ["ephemeral-storage"] = storage, ["memory"] = memory, ["pods"] = pods,
    };

    internal static JsonObject NodeCondition(string type, string status, string reason, string message)
    {
        var now = ObjectMeta.Timestamp(DateTimeOffset.UtcNow);
        return new JsonObject
        {
            ["type"] = type, ["status"] = status, ["lastHeartbeatTime"] = now, ["lastTransitionTime"] = now,
            ["reason"] = reason, ["message"] = message,
        };
    }

    /// <summary>Installs Liqo into the cluster.</summary>
    public static void Install(SandboxCluster cluster, LiqoOptions options, string clusterId, LiqoNetworkPlan plan, IReadOnlyList<JsonObject> crds)
    {
        var store = cluster.Store;
        var ns = options.Namespace;
        var w = new WriteOptions { FieldManager = Helm };
        T(store, "v1", "Namespace");
        Create(store, "v1", "Namespace", null, new JsonObject { ["metadata"] = new JsonObject { ["name"] = ns } }, w);

        var crdType = T(store, "apiextensions.k8s.io/v1", "CustomResourceDefinition");
        foreach (var crd in crds)
            if (store.TryGet(crdType, null, ObjectMeta.Name(crd)) is null)
                store.Create(crdType, null, crd, w);

        foreach (var (name, app, rules) in new[]
        {
            ("liqo-remote-controlplane", "remote-controlplane", new JsonArray(
                Rule(["authentication.liqo.io"], ["resourceslices", "resourceslices/status"], AllVerbs),
                Rule(["offloading.liqo.io"], ["namespacemaps", "namespacemaps/status"], AllVerbs))),
            ("liqo-virtual-kubelet-remote-clusterwide", "virtual-kubelet-remote-clusterwide", new JsonArray(
                Rule(["storage.k8s.io"], ["storageclasses"], ["get", "list", "watch"]),
                Rule(["networking.k8s.io"], ["ingressclasses"], ["get", "list", "watch"]))),
        })
        {
            Create(store, "rbac.authorization.k8s.io/v1", "ClusterRole", null, new JsonObject
            {
                ["metadata"] = new JsonObject { ["name"] = name, ["labels"] = Obj.Map(ChartLabels(app, "authentication", options.LiqoVersion)) },
                ["rules"] = rules,
            }, w);
        }

        // The chart's peering-user roles, which liqoctl generate peering-user binds to the user it creates: a Role in
        // the Liqo namespace (read the cluster ID, the networks and the gateway templates) and a ClusterRole it binds in
        // the consumer's tenant namespace (network objects, nonce Secrets, the gateway status it waits on).
        var peeringUserLabels = Obj.Map(ChartLabels("peering-user", "peering-user", options.LiqoVersion));
        Create(store, "rbac.authorization.k8s.io/v1", "Role", ns, new JsonObject
        {
            ["metadata"] = new JsonObject { ["name"] = "liqo-peering-user-liqo-ns", ["labels"] = peeringUserLabels.DeepClone() },
            ["rules"] = new JsonArray(
                Rule([""], ["configmaps"], ["get", "list", "watch"]),
                Rule(["ipam.liqo.io"], ["ips"], ["get"]),
                Rule(["ipam.liqo.io"], ["networks"], ["get", "list"]),
                Rule(["networking.liqo.io"], ["wggatewayclienttemplates", "wggatewayservertemplates"], ["get", "list"])),
        }, w);
        Create(store, "rbac.authorization.k8s.io/v1", "ClusterRole", null, new JsonObject
        {
            ["metadata"] = new JsonObject { ["name"] = "liqo-peering-user-tenant-ns", ["labels"] = peeringUserLabels.DeepClone() },
            ["rules"] = new JsonArray(
                Rule([""], ["namespaces", "services"], ["get"]),
                Rule([""], ["secrets"], ["create", "delete", "get", "list"]),
                Rule(["apps"], ["deployments"], ["get"]),
                Rule(["authentication.liqo.io"], ["tenants/status"], ["get"]),
                Rule(["ipam.liqo.io"], ["ips"], ["create", "delete", "get", "update"]),
                Rule(["networking.liqo.io"], ["configurations", "gatewayclients", "gatewayservers", "publickeies"], ["create", "delete", "get", "list", "update"]),
                Rule(["networking.liqo.io"], ["connections"], ["get", "list"]),
                Rule(["networking.liqo.io"], ["gatewayclients/status", "gatewayservers/status"], ["get"])),
        }, w);

        var idLabels = ChartLabels("clusterid-configmap", "clusterid-configmap", options.LiqoVersion);
        Create(store, "v1", "ConfigMap", ns, new JsonObject
        {
            ["metadata"] = new JsonObject { ["name"] = "liqo-clusterid-configmap", ["labels"] = Obj.Map(idLabels) },
            ["data"] = new JsonObject { ["CLUSTER_ID"] = clusterId },
        }, w);

        var keys = SimulatedClusterKeys.Generate(options.KeyAlgorithm);
        Create(store, "v1", "Secret", ns, new JsonObject
        {
            ["metadata"] = new JsonObject { ["name"] = "authentication-keys" },
            ["type"] = "Opaque",
            ["data"] = new JsonObject
            {
                ["privateKey"] = Convert.ToBase64String(Encoding.ASCII.GetBytes(keys.PrivateKeyPem)),
                ["publicKey"] = Convert.ToBase64String(Encoding.ASCII.GetBytes(keys.PublicKeyPem)),
            },
        }, new WriteOptions { FieldManager = "liqo-controller-manager" });

        foreach (var (name, cidr, notRemapped, preAllocated) in new[]
        {
            ("pod-cidr", plan.PodCidr, true, 0), ("service-cidr", plan.ServiceCidr, true, 0),
            ("external-cidr", plan.ExternalCidr, false, 1), ("internal-cidr", plan.InternalCidr, false, 0),
        })
        {
            var labels = ChartLabels("ipam", "ipam", options.LiqoVersion);
            labels[LiqoLabels.NetworkType] = name;
            if (notRemapped) labels[LiqoLabels.NetworkNotRemapped] = "true";
            var spec = new JsonObject { ["cidr"] = cidr };
            if (preAllocated > 0) spec["preAllocated"] = preAllocated;
            Create(store, "ipam.liqo.io/v1alpha1", "Network", ns, new JsonObject
            {
                ["metadata"] = new JsonObject
                {
                    ["name"] = name, ["labels"] = Obj.Map(labels),
                    ["annotations"] = new JsonObject { ["liqo.io/preinstalled"] = "true" },
                },
                ["spec"] = spec,
            }, w);
        }

        var proxyLabels = ChartLabels("proxy", "networking", options.LiqoVersion);
        var proxy = Create(store, "v1", "Service", ns, new JsonObject
        {
            ["metadata"] = new JsonObject { ["name"] = "liqo-proxy", ["labels"] = Obj.Map(proxyLabels) },
            ["spec"] = new JsonObject
            {
                ["type"] = "ClusterIP",
                ["selector"] = Obj.Map(Selector("proxy")),
                ["ports"] = new JsonArray(new JsonObject { ["name"] = "http", ["port"] = 8118, ["protocol"] = "TCP", ["targetPort"] = 8118 }),
            },
        }, w);
        var proxyIp = ServerJson.Str(ServerJson.Obj(proxy, "spec"), "clusterIP") ?? "10.96.0.10";
        Create(store, "ipam.liqo.io/v1alpha1", "IP", ns, new JsonObject
        {
            ["metadata"] = new JsonObject { ["name"] = "api-server-proxy", ["labels"] = Obj.Map(ChartLabels("ipam", "ipam", options.LiqoVersion)) },
            ["spec"] = new JsonObject { ["ip"] = proxyIp },
        }, w);

        Create(store, "networking.liqo.io/v1beta1", "WgGatewayServerTemplate", ns,
            SimulatedGatewayTemplates.Server(options.LiqoVersion), w);
        Create(store, "networking.liqo.io/v1beta1", "WgGatewayClientTemplate", ns,
            SimulatedGatewayTemplates.Client(options.LiqoVersion), w);
        Create(store, "offloading.liqo.io/v1beta1", "VkOptionsTemplate", ns, VkOptions(options.LiqoVersion), w);

        var args = new List<string>
        {
            "--cluster-id=" + clusterId,
            "--liqo-namespace=" + ns,
            "--api-server-address-override=" + cluster.Server.ToString().TrimEnd('/'),
            "--default-limits-enforcement=None",
            "--enable-resource-enforcement=false",
        };
        if (options.KeyAlgorithm == LiqoKeyAlgorithm.Rsa2048) args.Add("--tls-compatibility-mode=true");
        foreach (var (deploy, app, component, container, image, extra) in new (string, string, string, string, string, List<string>)[]
        {
            ("liqo-controller-manager", "controller-manager", "controller-manager", "controller-manager", "ghcr.io/liqotech/liqo-controller-manager", args),
            ("liqo-crd-replicator", "crd-replicator", "dispatcher", "crd-replicator", "ghcr.io/liqotech/crd-replicator", ["--cluster-id=" + clusterId]),
            ("liqo-webhook", "webhook", "webhook", "webhook", "ghcr.io/liqotech/webhook", ["--cluster-id=" + clusterId, "--liqo-namespace=" + ns]),
            ("liqo-ipam", "ipam", "ipam", "ipam", "ghcr.io/liqotech/ipam", ["--pod-cidr=" + plan.PodCidr, "--service-cidr=" + plan.ServiceCidr]),
            ("liqo-proxy", "proxy", "networking", "proxy", "ghcr.io/liqotech/proxy", ["--port=8118"]),
        })
        {
            var labels = ChartLabels(app, component, options.LiqoVersion);
            var podLabels = Selector(app);
            Create(store, "apps/v1", "Deployment", ns, new JsonObject
            {
                ["metadata"] = new JsonObject { ["name"] = deploy, ["labels"] = Obj.Map(labels) },
                ["spec"] = new JsonObject
                {
                    ["replicas"] = 1,
                    ["selector"] = new JsonObject { ["matchLabels"] = Obj.Map(podLabels) },
                    ["template"] = new JsonObject
                    {
                        ["metadata"] = new JsonObject { ["labels"] = Obj.Map(podLabels) },
                        ["spec"] = new JsonObject
                        {
                            ["serviceAccountName"] = deploy,
                            ["containers"] = new JsonArray(new JsonObject
                            {
                                ["name"] = container,
                                ["image"] = image + ":" + options.LiqoVersion,
                                ["imagePullPolicy"] = "IfNotPresent",
                                ["args"] = Obj.Strings(extra),
                            }),
                        },
                    },
                },
            }, w);
        }
    }

    private static readonly string[] AllVerbs = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];

    private static JsonObject Rule(string[] groups, string[] resources, string[] verbs) => new()
    {
        ["apiGroups"] = Obj.Strings(groups), ["resources"] = Obj.Strings(resources), ["verbs"] = Obj.Strings(verbs),
    };

    /// <summary>The labels the chart puts on its objects.</summary>
    internal static Dictionary<string, string> ChartLabels(string name, string component, string version) => new()
    {
        ["app.kubernetes.io/component"] = component,
        ["app.kubernetes.io/instance"] = "liqo-" + name,
        ["app.kubernetes.io/managed-by"] = "Helm",
        [LiqoLabels.AppName] = name,
        ["app.kubernetes.io/part-of"] = "liqo",
        ["app.kubernetes.io/version"] = version,
        ["helm.sh/chart"] = "liqo-" + version,
    };

    private static Dictionary<string, string> Selector(string name) => new()
    {
        [LiqoLabels.AppName] = name,
        ["app.kubernetes.io/instance"] = "liqo-" + name,
    };

    private static JsonObject VkOptions(string version) => new()
    {
        ["metadata"] = new JsonObject { ["name"] = "virtual-kubelet-default", ["labels"] = Obj.Map(ChartLabels("virtual-kubelet", "virtual-kubelet", version)) },
        ["spec"] = new JsonObject
        {
            ["containerImage"] = "ghcr.io/liqotech/virtual-kubelet:" + version,
            ["createNode"] = true,
            ["disableNetworkCheck"] = false,
            ["metricsEnabled"] = false,
            ["replicas"] = 1,
            ["pullPolicy"] = "IfNotPresent",
            ["extraArgs"] = new JsonArray(),
            ["extraAnnotations"] = new JsonObject(),
            ["extraLabels"] = new JsonObject(),
            ["nodeExtraAnnotations"] = new JsonObject(),
            ["nodeExtraLabels"] = new JsonObject(),
            ["resources"] = new JsonObject
            {
                ["limits"] = new JsonObject { ["cpu"] = "1000m", ["memory"] = "250M" },
                ["requests"] = new JsonObject { ["cpu"] = "250m", ["memory"] = "100M" },
            },
        },
    };

    private static ResourceType T(ClusterStore store, string apiVersion, string kind) => store.Types.Get(apiVersion, kind);

    private static JsonObject? Create(ClusterStore store, string apiVersion, string kind, string? ns, JsonObject obj, WriteOptions w)
    {
        var type = T(store, apiVersion, kind);
        var existing = store.TryGet(type, ns, ObjectMeta.Name(obj));
        return existing ?? store.Create(type, ns, obj, w).Object;
    }
}
