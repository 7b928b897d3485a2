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
}
