using System.Globalization;
using System.Text.Json.Nodes;
using Liqo.Engine.ClusterAccess;
using Liqo.Engine.Resources;

namespace Liqo.Engine.Info;

/// <summary>Lists the ForeignClusters (one request) for Get-LiqoForeignCluster and the cluster-ID completers.</summary>
public static class ForeignClusterReader
{
    /// <summary>The modules a ForeignCluster reports, in liqoctl's order.</summary>
    private static readonly string[] ModuleNames = ["networking", "authentication", "offloading"];

    /// <summary>
    /// The ForeignClusters, within <paramref name="timeout"/> (default a minute; OperationTimeout when it runs out); retries
    /// are Verbose lines of <paramref name="log"/>.
    /// </summary>
    public static Task<IReadOnlyList<ForeignClusterRecord>> ListAsync(ClusterConnection cluster, CancellationToken ct, TimeSpan? timeout = null,
        IOperationLog? log = null) =>
        Operation.ReadAsync(log ?? NullOperationLog.Instance, timeout, ct, bounded => ListUnboundedAsync(cluster, bounded), cluster);

    private static async Task<IReadOnlyList<ForeignClusterRecord>> ListUnboundedAsync(ClusterConnection cluster, CancellationToken ct)
    {
        try
        {
            var list = await cluster.Api.ListAsync(Kinds.ForeignCluster, null, ct: ct).ConfigureAwait(false);
            return list.Items.Select(ToRecord).ToList();
        }
        catch (KubeApiException e) when (e.IsNotFound)
        {
            throw new LiqoException(ErrorIds.LiqoNotInstalled, LiqoErrorCategory.NotInstalled, Kinds.ForeignCluster.DisplayName,
                $"The {cluster.Scope} cluster ({cluster.Server}, context '{cluster.Context}') does not serve {Kinds.ForeignCluster.DisplayName}: " +
                "Liqo's CRDs are not installed there.",
                "Install Liqo on that cluster (liqoctl install).", e);
        }
    }

    /// <summary>The peers' cluster IDs, for argument completion; empty when the cluster cannot be read.</summary>
    public static async Task<IReadOnlyList<string>> ClusterIdsAsync(KubeconfigSource source, TimeSpan timeout)
    {
        try
        {
            using var cts = new CancellationTokenSource(timeout);
            using var cluster = ClusterConnection.Open(source);
            return (await ListAsync(cluster, cts.Token, timeout).ConfigureAwait(false)).Select(f => f.ClusterId).Where(id => id.Length > 0).Distinct().ToList();
        }
        catch (Exception e) when (e is LiqoException or OperationCanceledException or IOException or HttpRequestException)
        {
            return [];
        }
    }

    internal static ForeignClusterRecord ToRecord(JsonObject fc)
    {
        var status = fc["status"];
        var modules = ModuleNames.Select(name =>
        {
            var module = ModuleHealth.Module(fc, name);
            return new ForeignClusterModuleRecord(name, InfoJson.Bool(module?["enabled"]), ModuleHealth.Check(module).Status, Conditions(module?["conditions"]));
        }).ToList();
        return new ForeignClusterRecord(fc.Name(), InfoJson.Str(fc["spec"]?["clusterID"]), InfoJson.Str(status?["role"]), fc.CreationTimestamp(),
            InfoJson.StrOrNull(status?["apiServerUrl"]), InfoJson.StrOrNull(status?["foreignProxyUrl"]),
            InfoJson.StrOrNull(status?["tenantNamespace"]?["local"]), InfoJson.StrOrNull(status?["tenantNamespace"]?["remote"]),
            modules, Conditions(status?["conditions"]));
    }

    private static IReadOnlyList<ForeignClusterConditionRecord> Conditions(JsonNode? conditions) =>
        InfoJson.Objects(conditions).Select(c => new ForeignClusterConditionRecord(InfoJson.Str(c["type"]), InfoJson.Str(c["status"]),
            InfoJson.StrOrNull(c["reason"]), InfoJson.StrOrNull(c["message"]),
            InfoJson.StrOrNull(c["lastTransitionTime"]) is { } t && DateTimeOffset.TryParse(t, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var d)
                ? d : null)).ToList();
}
