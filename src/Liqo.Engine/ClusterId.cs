using System.Text.RegularExpressions;
using Liqo.Engine.ClusterAccess;
using Liqo.Engine.Resources;

namespace Liqo.Engine;

/// <summary>
/// A Liqo cluster ID, read as liqoctl reads it: list the ConfigMaps in the Liqo namespace labelled
/// app.kubernetes.io/name=clusterid-configmap; exactly one must match; the ID is its data.CLUSTER_ID.
/// </summary>
public static partial class ClusterId
{
    /// <summary>The format Liqo's ClusterID type enforces.</summary>
    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex Format();

    public static bool IsValid(string? id) => id is not null && Format().IsMatch(id);

    /// <summary>
    /// Reads the ID within <paramref name="timeout"/> (Get-LiqoClusterId; OperationTimeout when it runs out); retries are
    /// Verbose lines of <paramref name="log"/>.
    /// </summary>
    public static Task<string> ReadAsync(ClusterConnection cluster, TimeSpan timeout, IOperationLog log, CancellationToken ct) =>
        Operation.ReadAsync(log, timeout, ct, bounded => ReadAsync(cluster, bounded), cluster);

    /// <summary>Reads the ID, bounded by <paramref name="ct"/> (an operation's budget).</summary>
    public static async Task<string> ReadAsync(ClusterConnection cluster, CancellationToken ct)
    {
        var ns = cluster.LiqoNamespace;
        var items = (await cluster.Api.ListAsync(Kinds.ConfigMap, ns, LiqoConstants.ClusterIdConfigMapSelector, ct: ct).ConfigureAwait(false)).Items;
        if (items.Count == 0)
            throw new LiqoException(ErrorIds.LiqoNotInstalled, LiqoErrorCategory.NotInstalled, ns,
                $"Liqo is not installed on the {cluster.Scope} cluster ({cluster.Server}, context '{cluster.Context}'): no ConfigMap " +
                $"labelled {LiqoConstants.ClusterIdConfigMapNameLabel}={LiqoConstants.ClusterIdConfigMapNameLabelValue} exists in the namespace '{ns}'.",
                "Install Liqo on that cluster, or pass the namespace it is installed in with -LiqoNamespace (-RemoteLiqoNamespace for the remote cluster).");
        if (items.Count > 1)
            throw new LiqoException(ErrorIds.ClusterIdAmbiguous, LiqoErrorCategory.InvalidData, ns,
                $"The namespace '{ns}' of the {cluster.Scope} cluster holds {items.Count} ConfigMaps labelled " +
                $"{LiqoConstants.ClusterIdConfigMapNameLabel}={LiqoConstants.ClusterIdConfigMapNameLabelValue} " +
                $"({string.Join(", ", items.Select(i => i.Name()))}); exactly one was expected.",
                "Delete the extra ConfigMaps so that only Liqo's own remains.");
        var cm = items[0];
        var id = cm["data"]?[LiqoConstants.ClusterIdDataKey]?.GetValue<string>();
        if (string.IsNullOrEmpty(id))
            throw new LiqoException(ErrorIds.ClusterIdInvalid, LiqoErrorCategory.InvalidData, cm.Name(),
                $"The ConfigMap '{ns}/{cm.Name()}' of the {cluster.Scope} cluster has no {LiqoConstants.ClusterIdDataKey} value.");
        cluster.ClusterId = id;
        return id;
    }
}
