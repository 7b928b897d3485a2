using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Liqo.Sandbox.ApiServer.Storage;

namespace Liqo.Sandbox.ApiServer.Controllers;

/// <summary>What a fresh cluster already holds: the four namespaces (kube-system with a stable uid), the kubernetes Service and the bootstrap RBAC roles.</summary>
internal static class BootstrapObjects
{
    /// <summary>The kube-system uid: derived from the cluster name, so it is stable across restarts (Liqo uses it as the cluster identity).</summary>
    public static string KubeSystemUid(string clusterName)
    {
        var h = SHA256.HashData(Encoding.UTF8.GetBytes("liqo-sandbox/kube-system/" + clusterName));
        h[6] = (byte)(h[6] & 0x0f | 0x40);
        h[8] = (byte)(h[8] & 0x3f | 0x80);
        var hex = Convert.ToHexString(h, 0, 16).ToLowerInvariant();
        return $"{hex[..8]}-{hex[8..12]}-{hex[12..16]}-{hex[16..20]}-{hex[20..32]}";
    }

    public static void Seed(ClusterStore store, string clusterName)
    {
        var ns = store.Types.Get("v1", "Namespace");
        var system = new WriteOptions { FieldManager = "kube-apiserver" };
        store.Create(ns, null, Named("default"), system);
        store.CreateWithUid(ns, null, Named("kube-system"), KubeSystemUid(clusterName));
        store.Create(ns, null, Named("kube-public"), system);
        store.Create(ns, null, Named("kube-node-lease"), system);

        store.Create(store.Types.Get("v1", "Service"), "default", new JsonObject
        {
            ["metadata"] = new JsonObject
            {
                ["name"] = "kubernetes",
                ["labels"] = new JsonObject { ["component"] = "apiserver", ["provider"] = "kubernetes" },
            },
            ["spec"] = new JsonObject
            {
                ["clusterIP"] = "10.96.0.1",
                ["ports"] = new JsonArray(new JsonObject { ["name"] = "https", ["port"] = 443, ["protocol"] = "TCP", ["targetPort"] = 6443 }),
                ["type"] = "ClusterIP",
            },
        }, system);

        var clusterRole = store.Types.Get("rbac.authorization.k8s.io/v1", "ClusterRole");
        var binding = store.Types.Get("rbac.authorization.k8s.io/v1", "ClusterRoleBinding");
        store.Create(clusterRole, null, Role("cluster-admin",
            Rule(["*"], ["*"], ["*"]), NonResource(["*"], ["*"])), system);
        store.Create(clusterRole, null, Role("system:discovery",
            NonResource(["get"], ["/api", "/api/*", "/apis", "/apis/*", "/healthz", "/livez", "/openapi", "/openapi/*", "/readyz", "/version", "/version/"])), system);
        store.Create(clusterRole, null, Role("system:basic-user",
            Rule(["create"], ["authorization.k8s.io"], ["selfsubjectaccessreviews", "selfsubjectrulesreviews"]),
            Rule(["create"], ["authentication.k8s.io"], ["selfsubjectreviews"])), system);
        store.Create(clusterRole, null, Role("system:public-info-viewer",
            NonResource(["get"], ["/healthz", "/livez", "/readyz", "/version", "/version/"])), system);
        store.Create(binding, null, Binding("cluster-admin", "cluster-admin", "system:masters"), system);
        store.Create(binding, null, Binding("system:discovery", "system:discovery", "system:authenticated"), system);
        store.Create(binding, null, Binding("system:basic-user", "system:basic-user", "system:authenticated"), system);
        store.Create(binding, null, Binding("system:public-info-viewer", "system:public-info-viewer", "system:authenticated", "system:unauthenticated"), system);
    }

    private static JsonObject Named(string name) => new() { ["metadata"] = new JsonObject { ["name"] = name } };

    private static JsonObject Bootstrap(string name) => new()
    {
        ["name"] = name,
        ["labels"] = new JsonObject { ["kubernetes.io/bootstrapping"] = "rbac-defaults" },
        ["annotations"] = new JsonObject { ["rbac.authorization.kubernetes.io/autoupdate"] = "true" },
    };

    private static JsonArray Strings(IEnumerable<string> s) => new(s.Select(x => (JsonNode)JsonValue.Create(x)!).ToArray());

    private static JsonObject Rule(string[] verbs, string[] groups, string[] resources) =>
        new() { ["apiGroups"] = Strings(groups), ["resources"] = Strings(resources), ["verbs"] = Strings(verbs) };

    private static JsonObject NonResource(string[] verbs, string[] urls) =>
        new() { ["nonResourceURLs"] = Strings(urls), ["verbs"] = Strings(verbs) };

    private static JsonObject Role(string name, params JsonObject[] rules) =>
        new() { ["metadata"] = Bootstrap(name), ["rules"] = new JsonArray(rules.Select(r => (JsonNode)r).ToArray()) };

    private static JsonObject Binding(string name, string role, params string[] groups) => new()
    {
        ["metadata"] = Bootstrap(name),
        ["roleRef"] = new JsonObject { ["apiGroup"] = "rbac.authorization.k8s.io", ["kind"] = "ClusterRole", ["name"] = role },
        ["subjects"] = new JsonArray(groups.Select(g => (JsonNode)new JsonObject
        {
            ["apiGroup"] = "rbac.authorization.k8s.io", ["kind"] = "Group", ["name"] = g,
        }).ToArray()),
    };
}
