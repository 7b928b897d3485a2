using System.Text.Json.Nodes;
using Liqo.Sandbox.ApiServer.Http;
using Liqo.Sandbox.Liqo.Runtime;

namespace Liqo.Sandbox.Liqo.Install;

/// <summary>
/// The RBAC objects Liqo's v1.2.0 Helm chart installs with its default values, their rules read at run time from the
/// chart's <c>files/&lt;name&gt;-ClusterRole.yaml</c> and <c>files/&lt;name&gt;-Role.yaml</c>
/// (../shared/liqo-chart/v1.2.0 beside the repository), bound as the chart's templates bind them. The repository holds
/// no rule of Liqo's: only which roles exist, their labels and their bindings (the templates' structure). Where the chart
/// is absent, <see cref="Find"/> returns null and the sandbox installs none of them.
/// </summary>
internal sealed class LiqoChartRbac
{
    /// <summary>The chart's folder relative to the folder holding Liqo.sln.</summary>
    public static readonly string RelativePath = Path.Combine("..", "shared", "liqo-chart", "v1.2.0");

    private LiqoChartRbac(string directory) => Directory = directory;

    /// <summary>The chart's folder (holding files/ and templates/).</summary>
    public string Directory { get; }

    /// <summary>
    /// One component of the chart: its name (objects are named liqo-&lt;name&gt;), its module (the component label),
    /// whether the chart gives it a ServiceAccount bound to its own ClusterRole and Role, and which roles it has at all.
    /// </summary>
    private sealed record Component(string Name, string Module, bool ClusterRole, bool Role, bool ServiceAccount);

    /// <summary>
    /// The templates' components with the chart's default values (networking on, internal IPAM, metric agent and
    /// telemetry on, OpenShift off). The pre-delete hook's objects are left out: Helm creates them only on uninstall.
    /// The peering-user roles are named by <see cref="PeeringUserTenantNamespaceRole"/> and
    /// <see cref="PeeringUserLiqoNamespaceRole"/> (templates/liqo-peer-rbac.yaml).
    /// </summary>
    private static readonly Component[] Components =
    [
        new("controller-manager", "controller-manager", ClusterRole: true, Role: true, ServiceAccount: true),
        new("remote-controlplane", "authentication", ClusterRole: true, Role: false, ServiceAccount: false),
        new("crd-replicator", "dispatcher", ClusterRole: true, Role: true, ServiceAccount: true),
        new("fabric", "networking", ClusterRole: true, Role: false, ServiceAccount: true),
        new("gateway", "networking", ClusterRole: true, Role: false, ServiceAccount: false),
        new("ipam", "ipam", ClusterRole: true, Role: false, ServiceAccount: true),
        new("metric-agent", "metrics", ClusterRole: true, Role: false, ServiceAccount: true),
        new("telemetry", "telemetry", ClusterRole: true, Role: false, ServiceAccount: true),
        new("virtual-kubelet-local", "virtualkubelet", ClusterRole: true, Role: false, ServiceAccount: false),
        new("virtual-kubelet-remote", "virtualkubelet", ClusterRole: true, Role: false, ServiceAccount: false),
        new("virtual-kubelet-remote-clusterwide", "virtualkubelet", ClusterRole: true, Role: false, ServiceAccount: false),
        new("webhook", "webhook", ClusterRole: true, Role: true, ServiceAccount: true),
    ];

    /// <summary>The ClusterRole liqoctl generate peering-user binds in the consumer's tenant namespace.</summary>
    public const string PeeringUserTenantNamespaceRole = "liqo-peering-user-tenant-ns";

    /// <summary>The Role (Liqo namespace) liqoctl generate peering-user binds.</summary>
    public const string PeeringUserLiqoNamespaceRole = "liqo-peering-user-liqo-ns";

    /// <summary>
    /// The chart found from the running program (walking up to Liqo.sln, then <see cref="RelativePath"/>), or the one
    /// in <paramref name="directory"/> when given; null when there is none with a files/ folder.
    /// </summary>
    public static LiqoChartRbac? Find(string? directory = null)
    {
        if (directory is not null) return System.IO.Directory.Exists(Path.Combine(directory, "files")) ? new LiqoChartRbac(directory) : null;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (!File.Exists(Path.Combine(dir.FullName, "Liqo.sln"))) continue;
            return Find(Path.GetFullPath(Path.Combine(dir.FullName, RelativePath)));
        }
        return null;
    }

    /// <summary>
    /// The chart's RBAC objects for a release in <paramref name="liqoNamespace"/>: (apiVersion, kind, namespace or null,
    /// object), in the order the templates list them.
    /// </summary>
    public List<(string ApiVersion, string Kind, string? Namespace, JsonObject Object)> Objects(string liqoNamespace, string version)
    {
        const string rbac = "rbac.authorization.k8s.io/v1";
        var result = new List<(string, string, string?, JsonObject)>();
        foreach (var c in Components)
        {
            var name = "liqo-" + c.Name;
            var labels = LiqoInstaller.ChartLabels(c.Name, c.Module, version);
            if (c.ServiceAccount)
                result.Add(("v1", "ServiceAccount", liqoNamespace, Meta(name, labels, new JsonObject())));
            if (c.ClusterRole)
            {
                result.Add((rbac, "ClusterRole", null, Meta(name, labels, Rules(name + "-ClusterRole.yaml"))));
                if (c.ServiceAccount)
                    result.Add((rbac, "ClusterRoleBinding", null, Meta(name, labels, Binding("ClusterRole", name, ServiceAccount(name, liqoNamespace)))));
            }
            if (c.Role)
            {
                result.Add((rbac, "Role", liqoNamespace, Meta(name, labels, Rules(name + "-Role.yaml"))));
                result.Add((rbac, "RoleBinding", liqoNamespace, Meta(name, labels, Binding("Role", name, ServiceAccount(name, liqoNamespace)))));
            }
        }

        // templates/liqo-controller-manager-rbac.yaml: the controller manager is also granted the roles it binds to others.
        var manager = "liqo-controller-manager";
        var managerLabels = LiqoInstaller.ChartLabels("controller-manager", "controller-manager", version);
        foreach (var (suffix, role) in new[]
        {
            ("-grant-wg-gateway", "liqo-gateway"), ("-grant-virtual-kubelet-local", "liqo-virtual-kubelet-local"),
            ("-grant-virtual-kubelet-remote", "liqo-virtual-kubelet-remote"),
            ("-grant-virtual-kubelet-remote-clusterwide", "liqo-virtual-kubelet-remote-clusterwide"),
        })
            result.Add((rbac, "ClusterRoleBinding", null, Meta(manager + suffix, managerLabels, Binding("ClusterRole", role, ServiceAccount(manager, liqoNamespace)))));

        // templates/liqo-remote-controlplane-rbac.yaml: the controller manager and the CRD replicator act as a remote control plane.
        result.Add((rbac, "ClusterRoleBinding", null, Meta("liqo-remote-controlplane", LiqoInstaller.ChartLabels("remote-controlplane", "authentication", version),
            Binding("ClusterRole", "liqo-remote-controlplane", ServiceAccount(manager, liqoNamespace), ServiceAccount("liqo-crd-replicator", liqoNamespace)))));

        // templates/liqo-peer-rbac.yaml: the roles liqoctl generate peering-user binds; nothing binds them at install.
        var peeringLabels = LiqoInstaller.ChartLabels("peering-user", "peering-user", version);
        result.Add((rbac, "ClusterRole", null, Meta(PeeringUserTenantNamespaceRole, peeringLabels, Rules(PeeringUserTenantNamespaceRole + "-ClusterRole.yaml"))));
        result.Add((rbac, "Role", liqoNamespace, Meta(PeeringUserLiqoNamespaceRole, peeringLabels, Rules(PeeringUserLiqoNamespaceRole + "-Role.yaml"))));
        return result;
    }

    /// <summary>
    /// The rules of files/&lt;file&gt;: a YAML document holding only <c>rules:</c>. A file the chart does not have gives
    /// a role without rules, as <c>.Files.Get</c> of a missing file renders nothing.
    /// </summary>
    private JsonObject Rules(string file)
    {
        var path = Path.Combine(Directory, "files", file);
        if (!File.Exists(path)) return new JsonObject();
        var doc = YamlToJson.Convert(File.ReadAllText(path)) as JsonObject
                  ?? throw new InvalidDataException($"{path}: expected a YAML mapping with rules");
        return doc["rules"] is JsonArray rules ? new JsonObject { ["rules"] = rules.DeepClone() } : new JsonObject();
    }

    private static JsonObject Meta(string name, Dictionary<string, string> labels, JsonObject body)
    {
        body["metadata"] = new JsonObject { ["name"] = name, ["labels"] = Obj.Map(labels) };
        return body;
    }

    private static JsonObject ServiceAccount(string name, string ns) => new() { ["kind"] = "ServiceAccount", ["name"] = name, ["namespace"] = ns };

    private static JsonObject Binding(string roleKind, string roleName, params JsonObject[] subjects) => new()
    {
        ["subjects"] = new JsonArray(subjects.Select(s => (JsonNode?)s).ToArray()),
        ["roleRef"] = new JsonObject { ["apiGroup"] = "rbac.authorization.k8s.io", ["kind"] = roleKind, ["name"] = roleName },
    };
}
