namespace Liqo.Engine;

/// <summary>The stable error identifiers the module reports. Scripts branch on these; never rename one.</summary>
public static class ErrorIds
{
    public const string KubeconfigNotFound = "KubeconfigNotFound";
    public const string KubeconfigInvalid = "KubeconfigInvalid";
    public const string KubeconfigConflict = "KubeconfigConflict";
    public const string ContextNotFound = "ContextNotFound";
    public const string ClusterUnreachable = "ClusterUnreachable";
    public const string TlsVerificationFailed = "TlsVerificationFailed";
    public const string Unauthorized = "Unauthorized";
    public const string Forbidden = "Forbidden";
    public const string ApiError = "ApiError";
    public const string LiqoNotInstalled = "LiqoNotInstalled";
    public const string ClusterIdAmbiguous = "ClusterIdAmbiguous";
    public const string ClusterIdInvalid = "ClusterIdInvalid";
    public const string WaitTimeout = "WaitTimeout";
    public const string OperationDeclined = "OperationDeclined";
    public const string ClusterKeysInvalid = "ClusterKeysInvalid";
    public const string PublicKeyInvalid = "PublicKeyInvalid";
    public const string SameCluster = "SameCluster";
    public const string LiqoVersionMismatch = "LiqoVersionMismatch";

    /// <summary>Out-of-band peering material made for another cluster than the one importing it.</summary>
    public const string PeeringMaterialForAnotherCluster = "PeeringMaterialForAnotherCluster";

    /// <summary>Out-of-band peering material of another kind than the cmdlet takes.</summary>
    public const string PeeringMaterialKindMismatch = "PeeringMaterialKindMismatch";

    /// <summary>A file or object that is not (valid) peering material.</summary>
    public const string PeeringMaterialInvalid = "PeeringMaterialInvalid";

    /// <summary>A file the module would write exists already (no -Force).</summary>
    public const string FileExists = "FileExists";

    /// <summary>A resource amount that is not a Kubernetes quantity.</summary>
    public const string InvalidQuantity = "InvalidQuantity";

    /// <summary>A peering user for that consumer exists already.</summary>
    public const string PeeringUserExists = "PeeringUserExists";

    /// <summary>The tenant namespace of a remote cluster does not exist (authenticate or import first).</summary>
    public const string TenantNamespaceNotFound = "TenantNamespaceNotFound";

    /// <summary>A -Get path that does not name a field (liqoctl's "invalid query" errors).</summary>
    public const string InvalidQuery = "InvalidQuery";

    /// <summary>A cluster ID with no ForeignCluster (liqoctl: Peer clusters "..." not found in active peerings).</summary>
    public const string PeerNotFound = "PeerNotFound";

    /// <summary>The provider did not accept the Tenant in time (bad signature or CSR, or its controller is down).</summary>
    public const string TenantNotAccepted = "TenantNotAccepted";

    /// <summary>The provider denied the ResourceSlice (authentication), or did not accept it in time.</summary>
    public const string ResourceSliceDenied = "ResourceSliceDenied";

    /// <summary>The WireGuard tunnel did not come up in time.</summary>
    public const string ConnectionNotEstablished = "ConnectionNotEstablished";

    /// <summary>A gateway pod did not become ready in time.</summary>
    public const string GatewayNotReady = "GatewayNotReady";
}
