namespace Liqo.Engine.Info;

/// <summary>A ForeignCluster as the cmdlets show it (kubectl get foreignclusters, with the status spelled out).</summary>
public sealed record ForeignClusterRecord(
    string Name,
    string ClusterId,
    string Role,
    DateTimeOffset? CreationTimestamp,
    string? ApiServerUrl,
    string? ForeignProxyUrl,
    string? LocalTenantNamespace,
    string? RemoteTenantNamespace,
    IReadOnlyList<ForeignClusterModuleRecord> Modules,
    IReadOnlyList<ForeignClusterConditionRecord> Conditions);

/// <summary>One module of a ForeignCluster (networking, authentication, offloading) with liqoctl's status for it.</summary>
public sealed record ForeignClusterModuleRecord(string Name, bool Enabled, string Status, IReadOnlyList<ForeignClusterConditionRecord> Conditions);

/// <summary>A ForeignCluster condition.</summary>
public sealed record ForeignClusterConditionRecord(string Type, string Status, string? Reason, string? Message, DateTimeOffset? LastTransitionTime);
