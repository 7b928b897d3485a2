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
}
