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
    public const string ReflectionManagedBy = "liqo.io/managed-by";
    public const string SkipReflectionAnnotation = "liqo.io/skip-reflection";
    public const string EndpointSliceManagedByReflection = "endpointslice.reflection.liqo.io";
    public const string ServiceName = "kubernetes.io/service-name";
    public const string EndpointSliceManagedBy = "endpointslice.kubernetes.io/managed-by";

    // Namespace offloading (pkg/consts/namespace_mapping.go).
    /// <summary>The only name a NamespaceOffloading may have.</summary>
    public const string NamespaceOffloadingName = "offloading";
    /// <summary>On a namespace whose pods may go to virtual nodes (the pod webhook's namespaceSelector).</summary>
    public const string SchedulingEnabled = "liqo.io/scheduling-enabled";
    /// <summary>On a remote namespace and its RoleBinding: &lt;namespace&gt;/&lt;name&gt; of the NamespaceMap that manages it.</summary>
    public const string ManagedByNamespaceMap = "liqo.io/managed-by-namespace-map";
    /// <summary>On a remote namespace: the consumer's namespace it stands for.</summary>
    public const string OriginalName = "liqo.io/original-name";
    /// <summary>The ClusterRole bound to the consumer's group in each remote namespace.</summary>
    public const string VirtualKubeletRemoteClusterRole = "liqo-virtual-kubelet-remote";
    public const string ManagedBy = "app.kubernetes.io/managed-by";
    public const string StorageAvailable = "storage.liqo.io/available";
    public const string NamespaceOffloadingFinalizer = "namespaceoffloading-controller.liqo.io/finalizer";
    public const string NamespaceMapFinalizer = "namespacemap-controller.liqo.io/finalizer";
    public const string VirtualNodeTolerationKey = "virtual-node.liqo.io/not-allowed";
}
