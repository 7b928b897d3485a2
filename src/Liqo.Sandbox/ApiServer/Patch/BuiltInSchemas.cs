using System.Collections.Frozen;
using System.Text.Json.Nodes;

namespace Liqo.Sandbox.ApiServer.Patch;

/// <summary>
/// The merge-key table of the built-in kinds the sandbox serves: where the Go types of Kubernetes 1.32 carry
/// <c>patchStrategy</c>/<c>patchMergeKey</c> (strategic merge patch) and <c>listType</c>/<c>listMapKey</c>/
/// <c>structType</c>/<c>mapType</c> (server-side apply). Positions not listed are plain: objects merge per member,
/// lists are atomic (RBAC <c>rules</c> and <c>subjects</c>, tolerations, <c>command</c>, <c>args</c>, Namespace
/// <c>spec.finalizers</c>, Node taints, EndpointSlice endpoints...).
/// </summary>
internal static class BuiltInSchemas
{
    private static readonly PatchSchemaNode Plain = PatchSchemaNode.Unknown;

    /// <summary>metadata: finalizers as a merge set, ownerReferences by uid (each reference atomic).</summary>
    public static PatchSchemaNode ObjectMeta { get; } = Struct(
        ("labels", MapOf()),
        ("annotations", MapOf()),
        ("finalizers", SetList()),
        ("ownerReferences", MapList("uid", ["uid"], AtomicStruct())));

    private static readonly PatchSchemaNode LabelSelector = AtomicStruct(("matchLabels", MapOf()));

    private static readonly PatchSchemaNode Conditions = MapList("type", ["type"], Plain);

    private static readonly PatchSchemaNode Container = Struct(
        ("ports", MapList("containerPort", ["containerPort", "protocol"], Plain)),
        ("env", MapList("name", ["name"], Plain)),
        ("volumeMounts", MapList("mountPath", ["mountPath"], Plain)),
        ("volumeDevices", MapList("devicePath", ["devicePath"], Plain)),
        ("resources", Struct(("limits", MapOf()), ("requests", MapOf()), ("claims", SsaOnlyMapList(["name"])))));

    private static readonly PatchSchemaNode PodSpec = Struct(
        ("volumes", MapList("name", ["name"], Plain)),
        ("initContainers", MapList("name", ["name"], Container)),
        ("containers", MapList("name", ["name"], Container)),
        ("ephemeralContainers", MapList("name", ["name"], Container)),
        ("imagePullSecrets", MapList("name", ["name"], Plain)),
        ("hostAliases", MapList("ip", ["ip"], Plain)),
        ("topologySpreadConstraints", MapList("topologyKey", ["topologyKey", "whenUnsatisfiable"], Struct(("labelSelector", LabelSelector)))),
        ("schedulingGates", MapList("name", ["name"], Plain)),
        ("resourceClaims", MapList("name", ["name"], Plain)),
        ("nodeSelector", AtomicMap()),
        ("overhead", MapOf()));

    private static readonly PatchSchemaNode PodStatus = Struct(
        ("conditions", Conditions),
        ("podIPs", MapList("ip", ["ip"], Plain)),
        ("hostIPs", new BuiltInSchemaNode { SmpMerge = true, SmpKey = "ip", List = ListType.Atomic }));

    private static readonly PatchSchemaNode PodTemplateSpec = Struct(("metadata", ObjectMeta), ("spec", PodSpec));

    private static readonly PatchSchemaNode WorkloadStatus = Struct(("conditions", Conditions));

    private static readonly PatchSchemaNode Workload = Struct(
        ("metadata", ObjectMeta),
        ("spec", Struct(("selector", LabelSelector), ("template", PodTemplateSpec))),
        ("status", WorkloadStatus));

    private static readonly PatchSchemaNode JobSpec = Struct(("selector", LabelSelector),
        ("template", PodTemplateSpec));

    private static readonly FrozenDictionary<string, PatchSchemaNode> Kinds =
        new Dictionary<string, PatchSchemaNode>(StringComparer.Ordinal)
    {
        ["/Pod"] = Struct(("metadata", ObjectMeta), ("spec", PodSpec), ("status", PodStatus)),
        ["/PodTemplate"] = Struct(("metadata", ObjectMeta), ("template", PodTemplateSpec)),
        ["/ReplicationController"] = Struct(("metadata", ObjectMeta), ("spec", Struct(("template", PodTemplateSpec))), ("status", WorkloadStatus)),
        ["apps/Deployment"] = Workload,
        ["apps/ReplicaSet"] = Workload,
        ["policy/PodDisruptionBudget"] = Struct(("metadata", ObjectMeta), ("spec", Struct(("selector", LabelSelector))), ("status", WorkloadStatus)),
        ["apps/StatefulSet"] = Workload,
        ["apps/DaemonSet"] = Workload,
        ["batch/Job"] = Struct(("metadata", ObjectMeta), ("spec", JobSpec),
            ("status", Struct(("conditions", new BuiltInSchemaNode { SmpMerge = true, SmpKey = "type", List = ListType.Atomic })))),
        ["batch/CronJob"] = Struct(("metadata", ObjectMeta),
            ("spec", Struct(("jobTemplate", Struct(("metadata", ObjectMeta), ("spec", JobSpec)))))),
        ["/Service"] = Struct(("metadata", ObjectMeta),
            ("spec", Struct(("ports", MapList("port", ["port", "protocol"], Plain)), ("selector", AtomicMap()))),
            ("status", Struct(("conditions", Conditions)))),
        ["/Node"] = Struct(("metadata", ObjectMeta),
            ("spec", Struct(("podCIDRs", SetList()))),
            ("status", Struct(("conditions", Conditions), ("addresses", MapList("type", ["type"], Plain)),
                ("capacity", MapOf()), ("allocatable", MapOf())))),
        ["/Namespace"] = Struct(("metadata", ObjectMeta), ("status", Struct(("conditions", Conditions)))),
        ["/ServiceAccount"] = Struct(("metadata", ObjectMeta), ("secrets", MapList("name", ["name"], Plain))),
        ["/ConfigMap"] = Struct(("metadata", ObjectMeta), ("data", MapOf()), ("binaryData", MapOf())),
        ["/Secret"] = Struct(("metadata", ObjectMeta), ("data", MapOf()), ("stringData", MapOf())),
        ["apiextensions.k8s.io/CustomResourceDefinition"] = Struct(("metadata", ObjectMeta),
            ("status", Struct(("conditions", SsaOnlyMapList(["type"]))))),
        ["certificates.k8s.io/CertificateSigningRequest"] = Struct(("metadata", ObjectMeta),
            ("status", Struct(("conditions", SsaOnlyMapList(["type"]))))),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>
    /// Typed zero values: what a new, empty Go object of the kind serialises to (non-omitempty structs and lists).
    /// Server-side apply diffs a create against it, so that e.g. a Deployment's <c>spec</c> is not "added" on create
    /// (no <c>".":{}</c> on <c>f:spec</c>) while a ConfigMap's <c>data</c> is.
    /// </summary>
    private static readonly FrozenDictionary<string, string> Skeletons = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["/Pod"] = """{"metadata":{},"spec":{"containers":[]},"status":{}}""",
        ["/PodTemplate"] = """{"metadata":{},"template":{"metadata":{},"spec":{"containers":[]}}}""",
        ["/ReplicationController"] = """{"metadata":{},"spec":{},"status":{}}""",
        ["apps/Deployment"] = """{"metadata":{},"spec":{"template":{"metadata":{},"spec":{"containers":[]}},"strategy":{}},"status":{}}""",
        ["apps/ReplicaSet"] = """{"metadata":{},"spec":{"template":{"metadata":{},"spec":{"containers":[]}}},"status":{}}""",
        ["apps/StatefulSet"] = """{"metadata":{},"spec":{"template":{"metadata":{},"spec":{"containers":[]}},"updateStrategy":{}},"status":{}}""",
        ["apps/DaemonSet"] = """{"metadata":{},"spec":{"template":{"metadata":{},"spec":{"containers":[]}},"updateStrategy":{}},"status":{}}""",
        ["batch/Job"] = """{"metadata":{},"spec":{"template":{"metadata":{},"spec":{"containers":[]}}},"status":{}}""",
        ["batch/CronJob"] = """{"metadata":{},"spec":{"jobTemplate":{"metadata":{},"spec":{"template":{"metadata":{},"spec":{"containers":[]}}}}},"status":{}}""",
        ["/Service"] = """{"metadata":{},"spec":{},"status":{"loadBalancer":{}}}""",
        ["/Node"] = """{"metadata":{},"spec":{},"status":{"daemonEndpoints":{"kubeletEndpoint":{}},"nodeInfo":{}}}""",
        ["/Namespace"] = """{"metadata":{},"spec":{},"status":{}}""",
        ["/Event"] = """{"metadata":{},"involvedObject":{},"source":{}}""",
        ["coordination.k8s.io/Lease"] = """{"metadata":{},"spec":{}}""",
        ["rbac.authorization.k8s.io/ClusterRole"] = """{"metadata":{},"rules":[]}""",
        ["rbac.authorization.k8s.io/Role"] = """{"metadata":{},"rules":[]}""",
        ["rbac.authorization.k8s.io/RoleBinding"] = """{"metadata":{},"roleRef":{}}""",
        ["rbac.authorization.k8s.io/ClusterRoleBinding"] = """{"metadata":{},"roleRef":{}}""",
        ["apiextensions.k8s.io/CustomResourceDefinition"] = """{"metadata":{},"spec":{"names":{}},"status":{"acceptedNames":{}}}""",
        ["certificates.k8s.io/CertificateSigningRequest"] = """{"metadata":{},"spec":{},"status":{}}""",
        ["discovery.k8s.io/EndpointSlice"] = """{"metadata":{},"endpoints":[]}""",
        ["policy/PodDisruptionBudget"] = """{"metadata":{},"spec":{},"status":{"disruptionsAllowed":0,"currentHealthy":0,"desiredHealthy":0,"expectedPods":0}}""",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The schema of a built-in kind (plain objects with ObjectMeta when the kind is not in the table).</summary>
    public static PatchSchemaNode For(string group, string kind) =>
        Kinds.TryGetValue(group + "/" + kind, out var node) ? node : Struct(("metadata", ObjectMeta));

    /// <summary>A fresh typed-zero object of a built-in kind (<c>{"metadata":{}}</c> for kinds not listed).</summary>
    public static JsonObject Skeleton(string group, string kind) =>
        (JsonObject)JsonNode.Parse(Skeletons.TryGetValue(group + "/" + kind, out var json) ? json : """{"metadata":{}}""")!;

    private static BuiltInSchemaNode Struct(params (string Name, PatchSchemaNode Node)[] fields) =>
        new() { Fields = fields.ToDictionary(f => f.Name, f => f.Node, StringComparer.Ordinal) };

    private static BuiltInSchemaNode AtomicStruct(params (string Name, PatchSchemaNode Node)[] fields) =>
        new() { Fields = fields.ToDictionary(f => f.Name, f => f.Node, StringComparer.Ordinal), Atomic = true };

    private static BuiltInSchemaNode MapOf() => new() { MapValues = Plain };

    private static BuiltInSchemaNode AtomicMap() => new() { MapValues = Plain, Atomic = true };

    private static BuiltInSchemaNode MapList(string smpKey, IReadOnlyList<string> ssaKeys, PatchSchemaNode item) =>
        new() { SmpMerge = true, SmpKey = smpKey, List = ListType.Map, Keys = ssaKeys, Items = item };

    private static BuiltInSchemaNode SsaOnlyMapList(IReadOnlyList<string> ssaKeys) =>
        new() { List = ListType.Map, Keys = ssaKeys, Items = Plain };

    private static BuiltInSchemaNode SetList() => new() { SmpMerge = true, List = ListType.Set, Items = Plain };
}
