using Liqo.Engine.ClusterAccess;

namespace Liqo.Engine.Resources;

/// <summary>Waiting for deleted objects to be gone (their finalizers are held by Liqo's controllers).</summary>
internal static class Absence
{
    /// <summary>Waits until no object matches; false in plan mode (nothing was deleted, nothing to wait for).</summary>
    public static async Task<bool> WaitAsync(Operation op, ClusterConnection cluster, ResourceKind kind, string? ns, string? labelSelector,
        string? fieldSelector, string what) =>
        await op.WaitAsync(cluster, kind, ns, labelSelector, fieldSelector, items => items.Count == 0 ? items : null,
            new WaitTarget($"Waiting for {kind.Kind}s to be deleted", what, "deleted",
                "Their finalizers are held by Liqo's controllers; check the controller manager, or give more time with -Timeout.")).ConfigureAwait(false) is not null;
}
