using System.Text.Json.Nodes;

namespace Liqo.Sandbox.Liqo.Install;

/// <summary>
/// The project's own CustomResourceDefinitions for the Liqo kinds the simulation uses, for when Liqo's real CRDs are not
/// available: the same groups, names, scopes, short names, categories, status subresources, printer columns and the
/// server-side defaults a client notices (Tenant authzPolicy/tenantCondition, GatewayServer serviceType, ForeignCluster
/// role), with permissive schemas otherwise. Written here from the facts in liqo-peering.md §10, not copied.
/// </summary>
internal static class LiqoCrdDefinitions
{
    private sealed record Col(string Name, string Type, string JsonPath, int Priority = 0);

    public static List<JsonObject> All() =>
    [
        Crd("authentication.liqo.io", "v1beta1", "Identity", "identities", ["id"], true, true,
            [new("Type", "string", ".spec.type"), new("KubeconfigSecret", "string", ".status.kubeconfigSecretRef.name", 1), Age]),
        Crd("authentication.liqo.io", "v1beta1", "Renew", "renews", [], true, true, [Age]),
        Crd("authentication.liqo.io", "v1beta1", "ResourceSlice", "resourceslices", ["rslice"], true, true,
            [new("Authentication", "string", ".status.conditions[?(@.type==\"Authentication\")].status"),
             new("Resources", "string", ".status.conditions[?(@.type==\"Resources\")].status"), Age]),
        Crd("authentication.liqo.io", "v1beta1", "Tenant", "tenants", ["tn"], true, true,
            [new("Condition", "string", ".spec.tenantCondition"), Age],
            spec: Props(("authzPolicy", Default("KeysExchange", "KeysExchange", "TolerateNoHandshake")),
                ("tenantCondition", Default("Active", "Active", "Cordoned", "Drained")))),
        Crd("core.liqo.io", "v1beta1", "ForeignCluster", "foreignclusters", ["fc"], false, true,
            [new("Role", "string", ".status.role"), new("ClusterID", "string", ".spec.clusterID", 1), Age],
            statusProps: Props(("role", Default("Unknown", "Consumer", "Provider", "ConsumerAndProvider", "Unknown")))),
        Crd("ipam.liqo.io", "v1alpha1", "IP", "ips", [], true, true,
            [new("Local IP", "string", ".spec.ip"), new("Remapped IP", "string", ".status.ip"), new("Remapped IP CIDR", "string", ".status.cidr"), Age]),
        Crd("ipam.liqo.io", "v1alpha1", "Network", "networks", ["net"], true, true,
            [new("Desired CIDR", "string", ".spec.cidr"), new("Remapped CIDR", "string", ".status.cidr"), Age]),
        Crd("networking.liqo.io", "v1beta1", "Configuration", "configurations", ["conf"], true, true,
            [new("Desired Pod CIDR ", "string", ".spec.remote.cidr.pod[*]"), new("Remapped Pod CIDR", "string", ".status.remote.cidr.pod[*]"), Age,
             new("Desired External CIDR", "string", ".spec.remote.cidr.external[*]", 1), new("Remapped External CIDR", "string", ".status.remote.cidr.external[*]", 1),
             new("ClusterID", "string", ".metadata.labels.liqo\\.io/remote-cluster-id", 1)]),
        Crd("networking.liqo.io", "v1beta1", "Connection", "connections", ["conn"], true, true,
            [new("Type", "string", ".spec.type"), new("Status", "string", ".status.value"), Age, new("Latency", "string", ".status.latency.value", 1)]),
        Crd("networking.liqo.io", "v1beta1", "GatewayClient", "gatewayclients", ["gwc", "gwclient"], true, true,
            [new("Template Name", "string", ".spec.clientTemplateRef.name"), new("IP", "string", ".spec.endpoint.addresses[*]"),
             new("Port", "string", ".spec.endpoint.port"), Age], spec: Props(("secretRef", SecretRef()))),
        Crd("networking.liqo.io", "v1beta1", "GatewayServer", "gatewayservers", ["gws", "gwserver"], true, true,
            [new("Template Name", "string", ".spec.serverTemplateRef.name"), new("IP", "string", ".status.endpoint.addresses[*]"),
             new("Port", "string", ".status.endpoint.port"), Age],
            spec: Props(("endpoint", new JsonObject
            {
                ["type"] = "object",
                ["x-kubernetes-preserve-unknown-fields"] = true,
                ["properties"] = Props(("serviceType", Default("ClusterIP", "ClusterIP", "NodePort", "LoadBalancer", "ExternalName"))),
            }), ("secretRef", SecretRef()))),
        Crd("networking.liqo.io", "v1beta1", "PublicKey", "publickeies", ["pk", "pkies", "pkey"], true, false, null),
        Crd("networking.liqo.io", "v1beta1", "WgGatewayClient", "wggatewayclients", ["wgc", "wggc"], true, true, null),
        Crd("networking.liqo.io", "v1beta1", "WgGatewayClientTemplate", "wggatewayclienttemplates", ["wggct", "wgct"], true, false, null),
        Crd("networking.liqo.io", "v1beta1", "WgGatewayServer", "wggatewayservers", ["wgs", "wggs"], true, true, null),
        Crd("networking.liqo.io", "v1beta1", "WgGatewayServerTemplate", "wggatewayservertemplates", ["wggst", "wgst"], true, false, null),
        Crd("offloading.liqo.io", "v1beta1", "NamespaceMap", "namespacemaps", ["nm", "nsmap"], true, true,
            [new("Local", "string", ".metadata.labels.liqo\\.io/replication"), Age]),
        Crd("offloading.liqo.io", "v1beta1", "NamespaceOffloading", "namespaceoffloadings", ["nso", "nsof", "nsoff", "nsoffloading"], true, true,
            [new("NamespaceMappingStrategy", "string", ".spec.namespaceMappingStrategy"), new("PodOffloadingStrategy", "string", ".spec.podOffloadingStrategy"),
             new("OffloadingPhase", "string", ".status.offloadingPhase"), new("RemoteNamespaceName", "string", ".status.remoteNamespaceName", 10), Age],
            spec: Props(("namespaceMappingStrategy", Default("DefaultName", "EnforceSameName", "DefaultName", "SelectedName")),
                ("podOffloadingStrategy", Default("LocalAndRemote", "Local", "Remote", "LocalAndRemote")))),
        Crd("offloading.liqo.io", "v1beta1", "Quota", "quotas", ["qt"], true, false,
            [new("Enforcement", "string", ".spec.limitsEnforcement"), new("Cordoned", "boolean", ".spec.cordoned"), Age, new("User", "string", ".spec.user", 1)]),
        Crd("offloading.liqo.io", "v1beta1", "VirtualNode", "virtualnodes", ["vn", "vnode", "virno", "vno"], true, true,
            [new("ClusterID", "string", ".spec.clusterID"), new("Create Node", "boolean", ".spec.createNode"), Age,
             new("Node", "string", ".status.conditions[?(@.type==\"Node\")].status", 1),
             new("VirtualKubelet", "string", ".status.conditions[?(@.type==\"VirtualKubelet\")].status", 1)]),
        Crd("offloading.liqo.io", "v1beta1", "VkOptionsTemplate", "vkoptionstemplates", ["vkot", "vkopt"], true, false, [Age]),
    ];

    private static readonly Col Age = new("Age", "date", ".metadata.creationTimestamp");

    private static JsonObject Default(string value, params string[] allowed) =>
        new() { ["type"] = "string", ["default"] = value, ["enum"] = JsonArrays.Strings(allowed) };

    private static JsonObject SecretRef() => new()
    {
        ["type"] = "object",
        ["properties"] = new JsonObject { ["name"] = new JsonObject { ["type"] = "string", ["default"] = "" } },
    };

    private static JsonObject Props(params (string Name, JsonObject Schema)[] props)
    {
        var o = new JsonObject();
        foreach (var (n, s) in props) o[n] = s;
        return o;
    }

    private static JsonObject Open(JsonObject? properties)
    {
        var o = new JsonObject { ["type"] = "object", ["x-kubernetes-preserve-unknown-fields"] = true };
        if (properties is not null) o["properties"] = properties;
        return o;
    }

    private static JsonObject Crd(string group, string version, string kind, string plural, string[] shortNames, bool namespaced, bool status,
        Col[]? columns, JsonObject? spec = null, JsonObject? statusProps = null)
    {
        var properties = new JsonObject
        {
            ["apiVersion"] = new JsonObject { ["type"] = "string" },
            ["kind"] = new JsonObject { ["type"] = "string" },
            ["metadata"] = new JsonObject { ["type"] = "object" },
            ["spec"] = Open(spec),
        };
        if (status) properties["status"] = Open(statusProps);
        var v = new JsonObject
        {
            ["name"] = version,
            ["served"] = true,
            ["storage"] = true,
            ["schema"] = new JsonObject { ["openAPIV3Schema"] = new JsonObject { ["type"] = "object", ["properties"] = properties } },
        };
        if (status) v["subresources"] = new JsonObject { ["status"] = new JsonObject() };
        if (columns is not null)
            v["additionalPrinterColumns"] = new JsonArray(columns.Select(c =>
            {
                var col = new JsonObject { ["jsonPath"] = c.JsonPath, ["name"] = c.Name, ["type"] = c.Type };
                if (c.Priority > 0) col["priority"] = c.Priority;
                return (JsonNode?)col;
            }).ToArray());
        var names = new JsonObject
        {
            ["categories"] = JsonArrays.Strings(["liqo"]),
            ["kind"] = kind,
            ["listKind"] = kind + "List",
            ["plural"] = plural,
            ["singular"] = kind.ToLowerInvariant(),
        };
        if (shortNames.Length > 0) names["shortNames"] = JsonArrays.Strings(shortNames);
        return new JsonObject
        {
            ["apiVersion"] = "apiextensions.k8s.io/v1",
            ["kind"] = "CustomResourceDefinition",
            ["metadata"] = new JsonObject { ["name"] = plural + "." + group },
            ["spec"] = new JsonObject
            {
                ["group"] = group,
                ["names"] = names,
                ["scope"] = namespaced ? "Namespaced" : "Cluster",
                ["versions"] = new JsonArray(v),
            },
        };
    }

    private static class JsonArrays
    {
        public static JsonArray Strings(IEnumerable<string> s) => new(s.Select(x => (JsonNode?)JsonValue.Create(x)).ToArray());
    }
}
