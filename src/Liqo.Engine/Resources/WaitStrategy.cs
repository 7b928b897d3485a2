namespace Liqo.Engine.Resources;

/// <summary>How a wait learns that its condition holds.</summary>
internal enum WaitStrategy
{
    /// <summary>The module's way: one LIST, then a WATCH from its resourceVersion until the condition holds.</summary>
    Watch,

    /// <summary>
    /// liqoctl's way (pkg/liqoctl/wait, Liqo v1.2.0): check at once, then once per <see cref="WaitTarget.PollInterval"/>
    /// (1 s; 100 ms for the offloading of a namespace), a GET for a named object and a LIST otherwise. Only the peering
    /// benchmark selects it, as its measured baseline: no cmdlet parameter reaches it.
    /// </summary>
    LiqoctlPolling,
}
