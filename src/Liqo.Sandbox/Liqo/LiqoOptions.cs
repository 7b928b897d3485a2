using System.Collections.Immutable;

namespace Liqo.Sandbox.Liqo;

/// <summary>The key type of a cluster's authentication-keys Secret (Liqo's tls-compatibility-mode chooses RSA).</summary>
public enum LiqoKeyAlgorithm { Ed25519, Rsa2048 }

/// <summary>
/// How one sandbox cluster's simulated Liqo installation looks and behaves: its identity, what is installed, how fast
/// its controllers react and which failure a test wants to see. Every knob defaults to a healthy Liqo v1.2.0 with
/// controllers that react at once. Change it at run time with <see cref="LiqoCluster.UpdateOptions"/>.
/// </summary>
public sealed record LiqoOptions
{
    /// <summary>The cluster ID (data.CLUSTER_ID of liqo-clusterid-configmap); null: the cluster's name.</summary>
    public string? ClusterId { get; init; }

    /// <summary>False: a bare cluster, as when Liqo is not installed (no liqo namespace, no CRDs, no controllers).</summary>
    public bool Installed { get; init; } = true;

    /// <summary>The image tag of every Liqo component (container controller-manager of liqo-controller-manager).</summary>
    public string LiqoVersion { get; init; } = "v1.2.0";

    /// <summary>The cluster key type; RSA-2048 is Liqo's TLS compatibility mode.</summary>
    public LiqoKeyAlgorithm KeyAlgorithm { get; init; } = LiqoKeyAlgorithm.Ed25519;

    /// <summary>The Liqo namespace.</summary>
    public string Namespace { get; init; } = "liqo";

    /// <summary>How long every controller waits before each step it takes (zero: at once).</summary>
    public TimeSpan Latency { get; init; } = TimeSpan.Zero;

    /// <summary>Per-controller step latency (by controller name, see docs/sandbox.md); overrides <see cref="Latency"/>.</summary>
    public ImmutableDictionary<string, TimeSpan> ControllerLatencies { get; init; } = ImmutableDictionary<string, TimeSpan>.Empty;

    /// <summary>Controllers that do not run at all (by name), to exercise stuck paths.</summary>
    public ImmutableHashSet<string> DisabledControllers { get; init; } = ImmutableHashSet<string>.Empty;

    /// <summary>The provider's tenant controller rejects every nonce signature (Warning event SignatureVerificationFailed, Tenant status stays empty).</summary>
    public bool SignatureRejected { get; init; }

    /// <summary>
    /// The provider cannot forge a ResourceSlice's auth parameters (its identity provider fails, as when the CSR cannot be
    /// signed yet): the slice gets Authentication Denied, and is retried when the knob is cleared, as Liqo's remote
    /// ResourceSlice controller requeues on that error. Set then cleared at run time, it is a transient Denied.
    /// </summary>
    public bool AuthParamsFailing { get; init; }

    /// <summary>The provider cordons every tenant (spec.tenantCondition Cordoned): ResourceSlices get Resources Denied.</summary>
    public bool TenantCordoned { get; init; }

    /// <summary>This cluster's gateways never complete the WireGuard handshake: Connections stay Connecting.</summary>
    public bool TunnelNeverEstablished { get; init; }

    /// <summary>This cluster's gateway pods never become Ready: gw-&lt;name&gt; Deployments keep readyReplicas 0 and no Connection appears.</summary>
    public bool GatewayPodNeverReady { get; init; }

    /// <summary>This cluster's CRD replicator cannot reach any provider: ResourceSlices are never replicated, their status stays empty.</summary>
    public bool CrdReplicationBlocked { get; init; }

    /// <summary>
    /// On a provider: its NamespaceMap controller cannot create the remote namespaces consumers ask for (the create is
    /// refused), so their mappings stay CreationLoopBackOff and the consumers' NamespaceOffloadings go SomeFailed or
    /// AllFailed, naming this cluster; clearing the knob lets the next reconcile create them (phase Ready).
    /// </summary>
    public bool RemoteNamespaceCreationFailing { get; init; }

    /// <summary>The name of a Liqo Deployment whose pod is unhealthy (not Ready, restarting), e.g. liqo-crd-replicator; null: all healthy.</summary>
    public string? UnhealthyPod { get; init; }

    /// <summary>
    /// Pods this cluster's kubelet marks Failed (as when their containers exit with an error and are not restarted):
    /// each entry is a pod name (in any namespace) or NAMESPACE/NAME. On a provider this fails the pod of an offloaded
    /// pod (same name as the consumer's), and the virtual kubelet reflects the Failed status back to the consumer.
    /// </summary>
    public ImmutableHashSet<string> FailedPods { get; init; } = ImmutableHashSet<string>.Empty;

    /// <summary>Pod CIDR (status.cidr of Network pod-cidr); null: distinct per cluster (10.(200+i).0.0/16) unless CIDRs overlap.</summary>
    public string? PodCidr { get; init; }

    /// <summary>External CIDR; null: distinct per cluster (10.(150+i).0.0/16) unless CIDRs overlap.</summary>
    public string? ExternalCidr { get; init; }

    /// <summary>The provider's default node resources (Helm offloading.defaultNodeResources), overridden key by key by a ResourceSlice.</summary>
    public ImmutableDictionary<string, string> DefaultNodeResources { get; init; } = new Dictionary<string, string>
    {
        ["cpu"] = "4",
        ["memory"] = "8Gi",
        ["pods"] = "110",
        ["ephemeral-storage"] = "20Gi",
    }.ToImmutableDictionary();

    /// <summary>The latency of one step of the named controller.</summary>
    public TimeSpan LatencyOf(string controller) => ControllerLatencies.TryGetValue(controller, out var l) ? l : Latency;
}
