namespace Liqo.Engine;

/// <summary>Names, labels and values Liqo v1.2 relies on (pkg/consts in Liqo); a real installation acts only on these exact strings.</summary>
public static class LiqoConstants
{
    /// <summary>Label of the ConfigMap that holds the cluster ID.</summary>
    public const string ClusterIdConfigMapNameLabel = "app.kubernetes.io/name";

    public const string ClusterIdConfigMapNameLabelValue = "clusterid-configmap";

    /// <summary>The selector liqoctl lists the cluster-ID ConfigMap with.</summary>
    public const string ClusterIdConfigMapSelector = ClusterIdConfigMapNameLabel + " in (" + ClusterIdConfigMapNameLabelValue + ")";

    /// <summary>The data key of the cluster ID.</summary>
    public const string ClusterIdDataKey = "CLUSTER_ID";

    /// <summary>The ConfigMap the Helm chart creates (informational; lookups go by label).</summary>
    public const string ClusterIdConfigMapName = "liqo-clusterid-configmap";

    public const string RemoteClusterIdLabel = "liqo.io/remote-cluster-id";
    public const string TenantNamespaceLabel = "liqo.io/tenant-namespace";
    public const string TenantNamespacePrefix = "liqo-tenant-";
    public const string NonceSecretLabel = "liqo.io/nonce";
    public const string SignedNonceSecretLabel = "liqo.io/signed-nonce";
    public const string NonceSecretName = "liqo-nonce";
    public const string SignedNonceSecretName = "liqo-signed-nonce";
    public const string ReplicationLabel = "liqo.io/replication";
    public const string RemoteIdLabel = "liqo.io/remoteID";
    public const string ReplicatedLabel = "liqo.io/replicated";
    public const string OriginIdLabel = "liqo.io/originID";
    public const string CreateVirtualNodeAnnotation = "liqo.io/create-virtual-node";
    public const string ResourceSliceNameLabel = "liqo.io/resourceslice-name";
    public const string GatewayResourceLabel = "networking.liqo.io/gateway-resource";
    public const string NetworkTypeLabel = "ipam.liqo.io/network-type";
    public const string IdentityTypeLabel = "liqo.io/identity-type";
    public const string RemoteTenantNamespaceAnnotation = "liqo.io/remote-tenant-namespace";
    public const string VirtualNodeTypeLabel = "liqo.io/type";

    /// <summary>
    /// On a ForeignCluster, value "true": the peer will never come back, so Liqo's controllers clean up locally without it
    /// (once its API server is not Established either); liqoctl force unpeer sets it.
    /// </summary>
    public const string PermanentlyUnreachableAnnotation = "liqo.io/foreign-cluster-permanently-unreachable";
    public const string AuthenticationKeysSecretName = "authentication-keys";

    /// <summary>The labels every tenant namespace carries (pkg/tenantNamespace ForgeNamespace).</summary>
    public static IReadOnlyDictionary<string, string> TenantNamespaceLabels(string remoteClusterId) => new Dictionary<string, string>
    {
        [RemoteClusterIdLabel] = remoteClusterId,
        [TenantNamespaceLabel] = "true",
        ["pod-security.kubernetes.io/audit"] = "privileged",
        ["pod-security.kubernetes.io/enforce"] = "privileged",
        ["pod-security.kubernetes.io/warn"] = "privileged",
    };
}
