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

    /// <summary>A cmdlet that asks before writing runs in a host that cannot prompt: pass -Confirm:$false or -WhatIf.</summary>
    public const string ConfirmationRequired = "ConfirmationRequired";

    /// <summary>The whole command did not finish within -Timeout (outside a wait, e.g. an API server that stops answering).</summary>
    public const string OperationTimeout = "OperationTimeout";

    /// <summary>A failure the module has no specific id for; the message and the inner exception say what happened.</summary>
    public const string UnexpectedFailure = "UnexpectedFailure";

    /// <summary>A file the module writes (-OutFile) could not be written.</summary>
    public const string FileWriteFailed = "FileWriteFailed";

    /// <summary>A file the module reads (-Path) does not exist.</summary>
    public const string FileNotFound = "FileNotFound";

    /// <summary>The folder of a file to write does not exist.</summary>
    public const string DirectoryNotFound = "DirectoryNotFound";

    /// <summary>More than one object of a kind has the name the command was given (in different namespaces).</summary>
    public const string AmbiguousName = "AmbiguousName";

    /// <summary>The cluster's API server address cannot be found (no control-plane node and no override).</summary>
    public const string ApiServerAddressNotFound = "ApiServerAddressNotFound";

    /// <summary>-DeleteNamespaces on a peering that also runs the other way (liqoctl refuses it too).</summary>
    public const string BidirectionalPeering = "BidirectionalPeering";

    /// <summary>The provider's API server CA cannot be found (neither in the kubeconfig nor in kube-root-ca.crt).</summary>
    public const string CertificateAuthorityNotFound = "CertificateAuthorityNotFound";

    /// <summary>-ClusterId names another cluster than the remote kubeconfig reaches.</summary>
    public const string ClusterIdMismatch = "ClusterIdMismatch";

    /// <summary>The Secret authentication-keys with the cluster's keys does not exist.</summary>
    public const string ClusterKeysNotFound = "ClusterKeysNotFound";

    /// <summary>More than one Connection for the remote cluster.</summary>
    public const string ConnectionAmbiguous = "ConnectionAmbiguous";

    /// <summary>A gateway's Secret has no WireGuard public key.</summary>
    public const string GatewayKeyMissing = "GatewayKeyMissing";

    /// <summary>No GatewayServer for the remote cluster (create it on the server cluster first).</summary>
    public const string GatewayServerNotFound = "GatewayServerNotFound";

    /// <summary>A gateway template is not what Liqo needs.</summary>
    public const string GatewayTemplateInvalid = "GatewayTemplateInvalid";

    /// <summary>A gateway template does not exist.</summary>
    public const string GatewayTemplateNotFound = "GatewayTemplateNotFound";

    /// <summary>The kubeconfig Secret a VirtualNode should use does not exist.</summary>
    public const string KubeconfigSecretNotFound = "KubeconfigSecretNotFound";

    /// <summary>The cluster's Networks (pod, external, service, internal CIDR) have no status.cidr: Liqo's IPAM has not set them up.</summary>
    public const string NetworkNotConfigured = "NetworkNotConfigured";

    /// <summary>The network Configuration for the remote cluster was not found (liqoctl: retry network connect, or reset).</summary>
    public const string NetworkNotInitialized = "NetworkNotInitialized";

    /// <summary>The consumer already holds a signed-nonce Secret for another nonce of that provider.</summary>
    public const string NonceMismatch = "NonceMismatch";

    /// <summary>There is no peering between the two clusters to remove.</summary>
    public const string PeeringNotFound = "PeeringNotFound";

    /// <summary>More than one of Liqo's peering-user roles matches.</summary>
    public const string PeeringUserRoleAmbiguous = "PeeringUserRoleAmbiguous";

    /// <summary>Liqo's peering-user roles are not installed.</summary>
    public const string PeeringUserRoleNotFound = "PeeringUserRoleNotFound";

    /// <summary>No ResourceSlice Identity for the slice (the provider has not accepted it).</summary>
    public const string ResourceSliceIdentityNotFound = "ResourceSliceIdentityNotFound";

    /// <summary>The ResourceSlice does not exist.</summary>
    public const string ResourceSliceNotFound = "ResourceSliceNotFound";

    /// <summary>Input that breaks a rule (an IP, URL, name, port, cluster ID or amount), refused before anything is written.</summary>
    public const string InvalidArgument = "InvalidArgument";

    /// <summary>New-LiqoPeering: the provider did not accept the ResourceSlice's resources (no virtual node).</summary>
    public const string ResourcesNotAccepted = "ResourcesNotAccepted";

    /// <summary>Remove-LiqoVirtualNode: no VirtualNode of that name (unless -IgnoreMissing).</summary>
    public const string VirtualNodeNotFound = "VirtualNodeNotFound";

    /// <summary>Remove-LiqoPeeringUser: no peering user for that consumer (unless -IgnoreMissing).</summary>
    public const string PeeringUserNotFound = "PeeringUserNotFound";

    /// <summary>Disable-LiqoAuthentication while ResourceSlices remain (liqoctl refuses it too).</summary>
    public const string ResourceSlicesPresent = "ResourceSlicesPresent";

    /// <summary>More than one tenant namespace for the remote cluster.</summary>
    public const string TenantNamespaceAmbiguous = "TenantNamespaceAmbiguous";

    /// <summary>The tenant namespace's name is taken by a namespace not labelled as that cluster's tenant namespace.</summary>
    public const string TenantNamespaceConflict = "TenantNamespaceConflict";

    /// <summary>The Tenant does not exist on the provider.</summary>
    public const string TenantNotFound = "TenantNotFound";

    /// <summary>A VirtualNode needs either a kubeconfig Secret or a ResourceSlice.</summary>
    public const string VirtualNodeSourceInvalid = "VirtualNodeSourceInvalid";

    /// <summary>The VkOptionsTemplate is not what Liqo needs.</summary>
    public const string VkOptionsTemplateInvalid = "VkOptionsTemplateInvalid";

    /// <summary>The VkOptionsTemplate does not exist.</summary>
    public const string VkOptionsTemplateNotFound = "VkOptionsTemplateNotFound";

    /// <summary>In-band authentication: the provider's api-server-proxy IP has no address.</summary>
    public const string InBandProxyNotFound = "InBandProxyNotFound";

    /// <summary>In-band authentication: the provider's Configuration is not remapped on the consumer yet.</summary>
    public const string ConfigurationNotRemapped = "ConfigurationNotRemapped";

    /// <summary>More than one GatewayServer, GatewayClient, PublicKey or Configuration carries the remote cluster's label in the networking namespace.</summary>
    public const string NetworkObjectAmbiguous = "NetworkObjectAmbiguous";

    // reliability-rest (issue 12): a write into a namespace another command is deleting
    /// <summary>A write refused because its namespace is being deleted (403, cause NamespaceTerminating), e.g. by Remove-LiqoPeering -DeleteNamespaces.</summary>
    public const string NamespaceTerminating = "NamespaceTerminating";
    // cluster access flags (kubectl's --cluster, --user, ...)

    /// <summary>-Cluster or -User names an entry the kubeconfig does not define.</summary>
    public const string KubeconfigEntryNotFound = "KubeconfigEntryNotFound";

    /// <summary>The kubeconfig user's exec credential plugin could not be run or printed no usable ExecCredential.</summary>
    public const string CredentialPluginFailed = "CredentialPluginFailed";

    /// <summary>The kubeconfig user's auth-provider (azure, gcp, an oidc without tokens) cannot be used.</summary>
    public const string AuthProviderUnsupported = "AuthProviderUnsupported";
    // namespace offloading (liqoctl offload/unoffload namespace)

    /// <summary>A -ClusterSelector that is not a label selector liqoctl accepts.</summary>
    public const string ClusterSelectorInvalid = "ClusterSelectorInvalid";

    /// <summary>A -NamespaceSelector that is not a label selector.</summary>
    public const string NamespaceSelectorInvalid = "NamespaceSelectorInvalid";

    /// <summary>Offloading options liqoctl refuses together (e.g. -RemoteNamespaceName for several namespaces).</summary>
    public const string OffloadingOptionsInvalid = "OffloadingOptionsInvalid";

    /// <summary>The namespace to offload does not exist.</summary>
    public const string NamespaceNotFound = "NamespaceNotFound";

    /// <summary>The NamespaceOffloading reached SomeFailed or AllFailed: the remote namespace could not be created on some clusters.</summary>
    public const string OffloadingFailed = "OffloadingFailed";

    /// <summary>Get-LiqoNamespaceOffloading: the named namespace is not offloaded.</summary>
    public const string NamespaceOffloadingNotFound = "NamespaceOffloadingNotFound";
    // issue 15: Remove-LiqoPeering -Drain

    /// <summary>Remove-LiqoPeering -Drain: an offloaded pod cannot leave (no controller makes it again, or more than one PodDisruptionBudget selects it).</summary>
    public const string DrainBlocked = "DrainBlocked";

    /// <summary>Remove-LiqoPeering -Drain: the consumer's other nodes have no room for the offloaded pods.</summary>
    public const string DrainNoRoom = "DrainNoRoom";

    /// <summary>Remove-LiqoPeering -Drain: the offloaded pods did not leave the virtual nodes within -Timeout (or a PodDisruptionBudget held them back).</summary>
    public const string DrainTimeout = "DrainTimeout";
    // issue 13 item 4: network --namespace/--remote-namespace, --gw-server-type/--gw-client-type

    /// <summary>The gateway template type (-GatewayServerType, -GatewayClientType, -Type) is not served by the cluster.</summary>
    public const string GatewayTypeNotFound = "GatewayTypeNotFound";

    /// <summary>The namespace named for the networking objects (-NetworkingNamespace, -RemoteNetworkingNamespace) does not exist.</summary>
    public const string NetworkingNamespaceNotFound = "NetworkingNamespaceNotFound";
}
