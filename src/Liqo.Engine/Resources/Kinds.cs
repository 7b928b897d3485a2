namespace Liqo.Engine.Resources;

/// <summary>The resources the module reads and writes: Kubernetes built-ins and Liqo v1.2's custom resources.</summary>
public static class Kinds
{
    public static readonly ResourceKind Namespace = new("", "v1", "namespaces", "Namespace", false);
    public static readonly ResourceKind ConfigMap = new("", "v1", "configmaps", "ConfigMap", true);
    public static readonly ResourceKind Secret = new("", "v1", "secrets", "Secret", true);
    public static readonly ResourceKind Pod = new("", "v1", "pods", "Pod", true);
    public static readonly ResourceKind Node = new("", "v1", "nodes", "Node", false);
    public static readonly ResourceKind Service = new("", "v1", "services", "Service", true);
    public static readonly ResourceKind Deployment = new("apps", "v1", "deployments", "Deployment", true);

    public static readonly ResourceKind Role = new("rbac.authorization.k8s.io", "v1", "roles", "Role", true);
    public static readonly ResourceKind RoleBinding = new("rbac.authorization.k8s.io", "v1", "rolebindings", "RoleBinding", true);
    public static readonly ResourceKind ClusterRole = new("rbac.authorization.k8s.io", "v1", "clusterroles", "ClusterRole", false);
    public static readonly ResourceKind ClusterRoleBinding = new("rbac.authorization.k8s.io", "v1", "clusterrolebindings", "ClusterRoleBinding", false);
    public static readonly ResourceKind CertificateSigningRequest = new("certificates.k8s.io", "v1", "certificatesigningrequests", "CertificateSigningRequest", false);

    public static readonly ResourceKind ForeignCluster = new("core.liqo.io", "v1beta1", "foreignclusters", "ForeignCluster", false);

    public static readonly ResourceKind Configuration = new("networking.liqo.io", "v1beta1", "configurations", "Configuration", true);
    public static readonly ResourceKind GatewayServer = new("networking.liqo.io", "v1beta1", "gatewayservers", "GatewayServer", true);
    public static readonly ResourceKind GatewayClient = new("networking.liqo.io", "v1beta1", "gatewayclients", "GatewayClient", true);
    public static readonly ResourceKind PublicKey = new("networking.liqo.io", "v1beta1", "publickeies", "PublicKey", true);
    public static readonly ResourceKind Connection = new("networking.liqo.io", "v1beta1", "connections", "Connection", true);
    public static readonly ResourceKind WgGatewayServerTemplate = new("networking.liqo.io", "v1beta1", "wggatewayservertemplates", "WgGatewayServerTemplate", true);
    public static readonly ResourceKind WgGatewayClientTemplate = new("networking.liqo.io", "v1beta1", "wggatewayclienttemplates", "WgGatewayClientTemplate", true);

    public static readonly ResourceKind Tenant = new("authentication.liqo.io", "v1beta1", "tenants", "Tenant", true);
    public static readonly ResourceKind Identity = new("authentication.liqo.io", "v1beta1", "identities", "Identity", true);
    public static readonly ResourceKind ResourceSlice = new("authentication.liqo.io", "v1beta1", "resourceslices", "ResourceSlice", true);

    public static readonly ResourceKind VirtualNode = new("offloading.liqo.io", "v1beta1", "virtualnodes", "VirtualNode", true);
    public static readonly ResourceKind VkOptionsTemplate = new("offloading.liqo.io", "v1beta1", "vkoptionstemplates", "VkOptionsTemplate", true);
    public static readonly ResourceKind Quota = new("offloading.liqo.io", "v1beta1", "quotas", "Quota", true);
    public static readonly ResourceKind NamespaceOffloading = new("offloading.liqo.io", "v1beta1", "namespaceoffloadings", "NamespaceOffloading", true);

    public static readonly ResourceKind Network = new("ipam.liqo.io", "v1alpha1", "networks", "Network", true);
    public static readonly ResourceKind Ip = new("ipam.liqo.io", "v1alpha1", "ips", "IP", true);
}
