namespace Liqo.Engine.Lifecycle;

/// <summary>Why the offloaded pods cannot all leave the virtual node: the ErrorId, what blocks, and what to do.</summary>
internal sealed record DrainBlocker(string ErrorId, string Reason, string Remedy);
