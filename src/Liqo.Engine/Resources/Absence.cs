using System.Text.Json.Nodes;
using Liqo.Engine.ClusterAccess;

namespace Liqo.Engine.Resources;

/// <summary>Waiting for deleted objects to be gone (their finalizers are held by Liqo's controllers).</summary>
internal static class Absence
{
    /// <summary>
    /// Waits until no object matches (or, given <paramref name="deleted"/>, until none of those objects is left: one made
    /// anew by another command meanwhile has another uid and does not hold the wait); false in plan mode (nothing was
    /// deleted, nothing to wait for).
    /// </summary>
    public static async Task<bool> WaitAsync(Operation op, ClusterConnection cluster, ResourceKind kind, string? ns, string? labelSelector,
        string? fieldSelector, string what, IEnumerable<JsonObject>? deleted = null)
    {
        var uids = deleted?.Select(d => d.StringAt("metadata.uid")).OfType<string>().ToHashSet(StringComparer.Ordinal);
        bool Gone(IReadOnlyCollection<JsonObject> items) =>
            uids is { Count: > 0 } ? !items.Any(i => i.StringAt("metadata.uid") is { } u && uids.Contains(u)) : items.Count == 0;
        return await op.WaitAsync(cluster, kind, ns, labelSelector, fieldSelector, items => Gone(items) ? items : null,
            new WaitTarget($"Waiting for {kind.Kind}s to be deleted", what, "deleted",
                "Their finalizers are held by Liqo's controllers; check the controller manager, or give more time with -Timeout.")).ConfigureAwait(false) is not null;
    }
}
