namespace Liqo;

/// <summary>
/// A namespace's offloading: its NamespaceOffloading <c>offloading</c> (spec as liqoctl wrote it, status as Liqo reports
/// it), as Enable-LiqoNamespaceOffloading left it or Get-LiqoNamespaceOffloading found it.
/// </summary>
public sealed class NamespaceOffloadingInfo
{
    /// <summary>The offloaded (local) namespace.</summary>
    public string Namespace { get; init; } = "";

    /// <summary>LocalAndRemote, Local or Remote.</summary>
    public string PodOffloadingStrategy { get; init; } = "";

    /// <summary>DefaultName, EnforceSameName or SelectedName.</summary>
    public string NamespaceMappingStrategy { get; init; } = "";

    /// <summary>Ready, NoClusterSelected, InProgress, SomeFailed, AllFailed, Terminating; empty before Liqo reported it.</summary>
    public string OffloadingPhase { get; init; } = "";

    /// <summary>The namespace's name on the providers (status.remoteNamespaceName).</summary>
    public string RemoteNamespaceName { get; init; } = "";

    /// <summary>The cluster selector's terms (ORed), each as its ANDed requirements, e.g. "region In (europe), !staging"; none: every cluster.</summary>
    public string[] ClusterSelector { get; init; } = [];

    /// <summary>Per remote cluster, whether it is selected and whether its remote namespace is ready.</summary>
    public RemoteNamespaceStatus[] Clusters { get; init; } = [];

    public DateTime? CreationTimestamp { get; init; }

    /// <summary>Like kubectl's AGE column.</summary>
    public string Age => PowerShell.Info.KubeAge.Of(CreationTimestamp);

    /// <summary>The run only planned (-WhatIf): nothing was written.</summary>
    public bool WhatIf { get; init; }
}

/// <summary>One remote cluster's conditions in a NamespaceOffloading's status.</summary>
public sealed class RemoteNamespaceStatus
{
    /// <summary>The remote cluster (the key of status.remoteNamespacesConditions: its NamespaceMap, named after its cluster ID).</summary>
    public string ClusterId { get; init; } = "";

    /// <summary>The OffloadingRequired condition: True when the cluster selector selects the cluster.</summary>
    public string OffloadingRequired { get; init; } = "";

    /// <summary>The Ready condition: True when the remote namespace exists.</summary>
    public string Ready { get; init; } = "";

    /// <summary>NamespaceCreated, Creating, CreationLoopBackOff, Terminating (Ready), or ClusterNotSelected.</summary>
    public string Reason { get; init; } = "";

    public string Message { get; init; } = "";

    public override string ToString() => $"{ClusterId}: {(Ready.Length > 0 ? "Ready=" + Ready : "OffloadingRequired=" + OffloadingRequired)}";
}
