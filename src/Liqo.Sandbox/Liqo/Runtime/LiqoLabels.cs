namespace Liqo.Sandbox.Liqo.Runtime;

/// <summary>Liqo's label, annotation and finalizer keys (pkg/consts).</summary>
internal static class LiqoLabels
{
    public const string RemoteClusterId = "liqo.io/remote-cluster-id";
    public const string TenantNamespace = "liqo.io/tenant-namespace";
    public const string Nonce = "liqo.io/nonce";
    public const string SignedNonce = "liqo.io/signed-nonce";
    public const string IdentityType = "liqo.io/identity-type";
    public const string RemoteTenantNamespaceAnnotation = "liqo.io/remote-tenant-namespace";
    public const string Replication = "liqo.io/replication";
    public const string RemoteId = "liqo.io/remoteID";
    public const string OriginId = "liqo.io/originID";
    public const string Replicated = "liqo.io/replicated";
    public const string CreateVirtualNodeAnnotation = "liqo.io/create-virtual-node";
    public const string ResourceSliceName = "liqo.io/resourceslice-name";
    public const string GatewayResource = "networking.liqo.io/gateway-resource";
    public const string Type = "liqo.io/type";
    public const string CordonTenantAnnotation = "liqo.io/cordon-tenant";
    public const string CordonAnnotation = "liqo.io/cordon";
    /// <summary>On a ForeignCluster: the peer will never come back (liqoctl force unpeer sets it).</summary>
    public const string PermanentlyUnreachableAnnotation = "liqo.io/foreign-cluster-permanently-unreachable";
    public const string AppName = "app.kubernetes.io/name";
    public const string CidrType = "configuration.liqo.io/cidr-type";
    public const string Configured = "configuration.liqo.io/configured";
    public const string NetworkType = "ipam.liqo.io/network-type";
    public const string NetworkNotRemapped = "ipam.liqo.io/network-not-remapped";

    public const string TenantFinalizer = "tenant.liqo.io/finalizer";
    public const string CrdReplicatorFinalizer = "crdreplicator.liqo.io/resource";
    public const string VirtualNodeFinalizer = "virtualnode-controller.liqo.io/finalizer";
    public const string IpamFinalizer = "ipam.liqo.io/ipam";

    // Offloading and reflection (pkg/consts, pkg/virtualKubelet/forge).
    public const string ReflectionOrigin = "offloading.liqo.io/origin";
    public const string ReflectionDestination = "offloading.liqo.io/destination";
    public const string ReflectionNodeName = "offloading.liqo.io/nodename";
    public const string LocalPod = "liqo.io/shadowPod";
    public const string ManagedBy = "liqo.io/managed-by";
    public const string SkipReflectionAnnotation = "liqo.io/skip-reflection";
    public const string VirtualNodeTaint = "virtual-node.liqo.io/not-allowed";
    public const string EndpointSliceManagedByReflection = "endpointslice.reflection.liqo.io";
    public const string ServiceName = "kubernetes.io/service-name";
    public const string EndpointSliceManagedBy = "endpointslice.kubernetes.io/managed-by";
}
