namespace Liqo.Sandbox.Liqo.Runtime;

/// <summary>An apiVersion and kind the simulated Liqo reads or writes.</summary>
internal sealed record Kind(string ApiVersion, string Name)
{
    public string Group => ApiVersion.Contains('/') ? ApiVersion[..ApiVersion.IndexOf('/')] : "";

    public static readonly Kind Namespace = new("v1", "Namespace");
    public static readonly Kind Secret = new("v1", "Secret");
    public static readonly Kind ConfigMap = new("v1", "ConfigMap");
    public static readonly Kind Service = new("v1", "Service");
    public static readonly Kind ServiceAccount = new("v1", "ServiceAccount");
    public static readonly Kind Pod = new("v1", "Pod");
    public static readonly Kind Node = new("v1", "Node");
    public static readonly Kind Event = new("v1", "Event");
    public static readonly Kind Deployment = new("apps/v1", "Deployment");
    public static readonly Kind ReplicaSet = new("apps/v1", "ReplicaSet");
    public static readonly Kind EndpointSlice = new("discovery.k8s.io/v1", "EndpointSlice");
    public static readonly Kind ClusterRole = new("rbac.authorization.k8s.io/v1", "ClusterRole");
    public static readonly Kind ClusterRoleBinding = new("rbac.authorization.k8s.io/v1", "ClusterRoleBinding");
    public static readonly Kind RoleBinding = new("rbac.authorization.k8s.io/v1", "RoleBinding");
    public static readonly Kind Crd = new("apiextensions.k8s.io/v1", "CustomResourceDefinition");

    private const string Auth = "authentication.liqo.io/v1beta1";
    private const string Net = "networking.liqo.io/v1beta1";
    private const string Ipam = "ipam.liqo.io/v1alpha1";
    private const string Off = "offloading.liqo.io/v1beta1";

    public static readonly Kind Identity = new(Auth, "Identity");
    public static readonly Kind ResourceSlice = new(Auth, "ResourceSlice");
    public static readonly Kind Tenant = new(Auth, "Tenant");
    public static readonly Kind Renew = new(Auth, "Renew");
    public static readonly Kind ForeignCluster = new("core.liqo.io/v1beta1", "ForeignCluster");
    public static readonly Kind Network = new(Ipam, "Network");
    public static readonly Kind Ip = new(Ipam, "IP");
    public static readonly Kind Configuration = new(Net, "Configuration");
    public static readonly Kind Connection = new(Net, "Connection");
    public static readonly Kind GatewayServer = new(Net, "GatewayServer");
    public static readonly Kind GatewayClient = new(Net, "GatewayClient");
    public static readonly Kind PublicKey = new(Net, "PublicKey");
    public static readonly Kind WgGatewayServer = new(Net, "WgGatewayServer");
    public static readonly Kind WgGatewayClient = new(Net, "WgGatewayClient");
    public static readonly Kind WgGatewayServerTemplate = new(Net, "WgGatewayServerTemplate");
    public static readonly Kind WgGatewayClientTemplate = new(Net, "WgGatewayClientTemplate");
    public static readonly Kind VirtualNode = new(Off, "VirtualNode");
    public static readonly Kind VkOptionsTemplate = new(Off, "VkOptionsTemplate");
    public static readonly Kind Quota = new(Off, "Quota");
    public static readonly Kind NamespaceMap = new(Off, "NamespaceMap");
    public static readonly Kind ShadowPod = new(Off, "ShadowPod");
    public static readonly Kind ShadowEndpointSlice = new(Off, "ShadowEndpointSlice");
    public static readonly Kind NamespaceOffloading = new(Off, "NamespaceOffloading");
}
