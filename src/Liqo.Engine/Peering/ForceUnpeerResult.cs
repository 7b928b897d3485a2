namespace Liqo.Engine.Peering;

/// <summary>What a force unpeer did on the local cluster.</summary>
/// <param name="LocalClusterId">The cluster the command ran on.</param>
/// <param name="RemoteClusterId">The peer declared permanently unreachable.</param>
/// <param name="ForeignCluster">The name of the ForeignCluster that now carries the annotation.</param>
/// <param name="TenantNamespace">The local tenant namespace of the peer; null when there was none.</param>
/// <param name="TenantNamespaceGone">Whether the tenant namespace is known to be gone (false with -NoWait or -WhatIf).</param>
/// <param name="WhatIf">Only planned: nothing was written.</param>
/// <param name="Duration">How long the command took.</param>
public sealed record ForceUnpeerResult(string LocalClusterId, string RemoteClusterId, string ForeignCluster, string? TenantNamespace,
    bool TenantNamespaceGone, bool WhatIf, TimeSpan Duration);
