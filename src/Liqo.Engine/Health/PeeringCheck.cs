namespace Liqo.Engine.Health;

/// <summary>
/// One check of a peering's health, as Test-LiqoPeering reports it.
/// </summary>
/// <param name="Scope">The kubeconfig the check read through: local or remote.</param>
/// <param name="ClusterId">The ID of the cluster the check read (empty when that cluster could not be reached).</param>
/// <param name="PeerClusterId">The peer the check is about; empty for checks of a cluster itself (API server, version).</param>
/// <param name="Name">The check: ApiServer, LiqoVersion, ForeignClusterNetworking, ForeignClusterAuthentication,
/// ForeignClusterOffloading, Connection, GatewayPods, IdentityCertificate, Tenant, ResourceSlice, VirtualNode,
/// NamespaceOffloading.</param>
/// <param name="Object">The object read, as Kind namespace/name (Kind name when cluster-scoped).</param>
/// <param name="Remediation">The cmdlet or kubectl command that fixes (or shows more of) what failed; null for a pass.</param>
public sealed record PeeringCheck(string Scope, string ClusterId, string PeerClusterId, string Name, PeeringCheckStatus Status, string Object,
    string Message, string? Remediation);
