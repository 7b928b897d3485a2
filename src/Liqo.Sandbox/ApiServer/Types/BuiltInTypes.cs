namespace Liqo.Sandbox.ApiServer.Types;

/// <summary>The built-in kinds the sandbox serves, with the real server's names, short names, verbs and field labels.</summary>
internal static class BuiltInTypes
{
    private static HashSet<string> Fields(params string[] f) => new(f, StringComparer.Ordinal);

    public static IEnumerable<ResourceType> All()
    {
        yield return new ResourceType
        {
            Group = "", Version = "v1", Kind = "Namespace", Plural = "namespaces", Singular = "namespace", Namespaced = false,
            ShortNames = ["ns"], HasStatus = true, Strategy = new NamespaceStrategy(),
            Verbs = ["create", "delete", "get", "list", "patch", "update", "watch"],
            FieldLabels = new Dictionary<string, string> { ["status.phase"] = "status.phase" },
            TopLevelFields = Fields("spec", "status"),
        };
        yield return new ResourceType
        {
            Group = "", Version = "v1", Kind = "ConfigMap", Plural = "configmaps", Singular = "configmap", Namespaced = true,
            ShortNames = ["cm"], Strategy = new ConfigMapStrategy(), TopLevelFields = Fields("data", "binaryData", "immutable"),
        };
        yield return new ResourceType
        {
            Group = "", Version = "v1", Kind = "Secret", Plural = "secrets", Singular = "secret", Namespaced = true,
            Strategy = new SecretStrategy(), FieldLabels = new Dictionary<string, string> { ["type"] = "type" },
            TopLevelFields = Fields("data", "stringData", "type", "immutable"),
        };
        yield return new ResourceType
        {
            Group = "", Version = "v1", Kind = "Service", Plural = "services", Singular = "service", Namespaced = true,
            ShortNames = ["svc"], Categories = ["all"], HasStatus = true, AllowCreateOnUpdate = true, ReturnDeletedObject = true, Strategy = new ServiceStrategy(),
            Verbs = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"],
            FieldLabels = new Dictionary<string, string> { ["spec.clusterIP"] = "spec.clusterIP", ["spec.type"] = "spec.type" },
            TopLevelFields = Fields("spec", "status"),
        };
        yield return new ResourceType
        {
            Group = "", Version = "v1", Kind = "Pod", Plural = "pods", Singular = "pod", Namespaced = true,
            ShortNames = ["po"], Categories = ["all"], HasStatus = true, ReturnDeletedObject = true, Strategy = new PodStrategy(),
            FieldLabels = new Dictionary<string, string>
            {
                ["spec.nodeName"] = "spec.nodeName", ["spec.restartPolicy"] = "spec.restartPolicy", ["spec.schedulerName"] = "spec.schedulerName",
                ["spec.serviceAccountName"] = "spec.serviceAccountName", ["spec.hostNetwork"] = "spec.hostNetwork", ["status.phase"] = "status.phase",
                ["status.podIP"] = "status.podIP", ["status.nominatedNodeName"] = "status.nominatedNodeName",
            },
            TopLevelFields = Fields("spec", "status"),
        };
        yield return new ResourceType
        {
            Group = "", Version = "v1", Kind = "Node", Plural = "nodes", Singular = "node", Namespaced = false,
            ShortNames = ["no"], HasStatus = true,
            FieldLabels = new Dictionary<string, string> { ["spec.unschedulable"] = "spec.unschedulable" },
            TopLevelFields = Fields("spec", "status"),
        };
        yield return new ResourceType
        {
            Group = "", Version = "v1", Kind = "Event", Plural = "events", Singular = "event", Namespaced = true,
            ShortNames = ["ev"], AllowCreateOnUpdate = true,
            FieldLabels = new Dictionary<string, string>
            {
                ["involvedObject.kind"] = "involvedObject.kind", ["involvedObject.namespace"] = "involvedObject.namespace",
                ["involvedObject.name"] = "involvedObject.name", ["involvedObject.uid"] = "involvedObject.uid",
                ["involvedObject.apiVersion"] = "involvedObject.apiVersion", ["involvedObject.resourceVersion"] = "involvedObject.resourceVersion",
                ["involvedObject.fieldPath"] = "involvedObject.fieldPath", ["reason"] = "reason", ["reportingComponent"] = "reportingComponent",
                ["source"] = "source.component", ["type"] = "type",
            },
            TopLevelFields = Fields("involvedObject", "reason", "message", "source", "firstTimestamp", "lastTimestamp", "count", "type",
                "eventTime", "series", "action", "related", "reportingComponent", "reportingInstance"),
        };
        yield return new ResourceType
        {
            Group = "", Version = "v1", Kind = "ServiceAccount", Plural = "serviceaccounts", Singular = "serviceaccount", Namespaced = true,
            ShortNames = ["sa"], TopLevelFields = Fields("secrets", "imagePullSecrets", "automountServiceAccountToken"),
        };
        yield return new ResourceType
        {
            Group = "apps", Version = "v1", Kind = "Deployment", Plural = "deployments", Singular = "deployment", Namespaced = true,
            ShortNames = ["deploy"], Categories = ["all"], HasStatus = true, BumpsGeneration = true, Strategy = new DeploymentStrategy(),
            TopLevelFields = Fields("spec", "status"),
        };
        yield return new ResourceType
        {
            Group = "apps", Version = "v1", Kind = "ReplicaSet", Plural = "replicasets", Singular = "replicaset", Namespaced = true,
            ShortNames = ["rs"], Categories = ["all"], HasStatus = true, BumpsGeneration = true, Strategy = new ReplicaSetStrategy(),
            FieldLabels = new Dictionary<string, string> { ["status.replicas"] = "status.replicas" },
            TopLevelFields = Fields("spec", "status"),
        };
        yield return new ResourceType
        {
            Group = "discovery.k8s.io", Version = "v1", Kind = "EndpointSlice", Plural = "endpointslices", Singular = "endpointslice",
            Namespaced = true, Strategy = new EndpointSliceStrategy(),
            TopLevelFields = Fields("addressType", "endpoints", "ports"),
        };
        yield return new ResourceType
        {
            Group = "policy", Version = "v1", Kind = "PodDisruptionBudget", Plural = "poddisruptionbudgets", Singular = "poddisruptionbudget",
            Namespaced = true, ShortNames = ["pdb"], HasStatus = true, BumpsGeneration = true, Strategy = new PodDisruptionBudgetStrategy(),
            TopLevelFields = Fields("spec", "status"),
        };
        yield return new ResourceType
        {
            Group = "rbac.authorization.k8s.io", Version = "v1", Kind = "Role", Plural = "roles", Singular = "role", Namespaced = true,
            AllowCreateOnUpdate = true, Strategy = PathSegmentNameStrategy.Instance, TopLevelFields = Fields("rules"),
        };
        yield return new ResourceType
        {
            Group = "rbac.authorization.k8s.io", Version = "v1", Kind = "RoleBinding", Plural = "rolebindings", Singular = "rolebinding",
            Namespaced = true, AllowCreateOnUpdate = true, Strategy = new RoleBindingStrategy(false), TopLevelFields = Fields("subjects", "roleRef"),
        };
        yield return new ResourceType
        {
            Group = "rbac.authorization.k8s.io", Version = "v1", Kind = "ClusterRole", Plural = "clusterroles", Singular = "clusterrole",
            Namespaced = false, AllowCreateOnUpdate = true, Strategy = PathSegmentNameStrategy.Instance, TopLevelFields = Fields("rules", "aggregationRule"),
        };
        yield return new ResourceType
        {
            Group = "rbac.authorization.k8s.io", Version = "v1", Kind = "ClusterRoleBinding", Plural = "clusterrolebindings",
            Singular = "clusterrolebinding", Namespaced = false, AllowCreateOnUpdate = true, Strategy = new RoleBindingStrategy(true),
            TopLevelFields = Fields("subjects", "roleRef"),
        };
        yield return new ResourceType
        {
            Group = "coordination.k8s.io", Version = "v1", Kind = "Lease", Plural = "leases", Singular = "lease", Namespaced = true,
            AllowCreateOnUpdate = true, TopLevelFields = Fields("spec"),
        };
        yield return new ResourceType
        {
            Group = "apiextensions.k8s.io", Version = "v1", Kind = "CustomResourceDefinition", Plural = "customresourcedefinitions",
            Singular = "customresourcedefinition", Namespaced = false, ShortNames = ["crd", "crds"], Categories = ["api-extensions"],
            HasStatus = true, BumpsGeneration = true, Strategy = new CrdStrategy(), TopLevelFields = Fields("spec", "status"),
        };
        yield return new ResourceType
        {
            Group = "certificates.k8s.io", Version = "v1", Kind = "CertificateSigningRequest", Plural = "certificatesigningrequests",
            Singular = "certificatesigningrequest", Namespaced = false, ShortNames = ["csr"], HasStatus = true,
            Strategy = new CertificateSigningRequestStrategy(),
            FieldLabels = new Dictionary<string, string> { ["spec.signerName"] = "spec.signerName" },
            TopLevelFields = Fields("spec", "status"),
        };
        yield return new ResourceType
        {
            Group = "authorization.k8s.io", Version = "v1", Kind = "SelfSubjectAccessReview", Plural = "selfsubjectaccessreviews",
            Singular = "selfsubjectaccessreview", Namespaced = false, Verbs = ["create"], TopLevelFields = Fields("spec", "status"),
        };
    }

    /// <summary>The order the real server lists its groups in discovery (CRD groups follow).</summary>
    public static readonly string[] GroupOrder = ["", "apps", "rbac.authorization.k8s.io", "coordination.k8s.io", "discovery.k8s.io", "policy", "apiextensions.k8s.io", "authorization.k8s.io", "certificates.k8s.io"];
}
