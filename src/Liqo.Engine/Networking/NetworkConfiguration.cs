using System.Text.Json.Nodes;
using Liqo.Engine.ClusterAccess;
using Liqo.Engine.Resources;

namespace Liqo.Engine.Networking;

/// <summary>
/// The networking Configuration: a cluster's pod and external CIDRs (read from its ipam.liqo.io Networks) written into
/// the other cluster's tenant namespace as Configuration &lt;clusterID&gt;, whose controller remaps them and sets
/// NetworkCIDRsConfigured.
/// </summary>
public static class NetworkConfiguration
{
    /// <summary>The remote cluster's CIDRs of one kind ("pod" or "external"): as it announced them (spec) or as remapped here (status).</summary>
    public static string[] RemoteCidrs(JsonObject configuration, string kind, bool remapped) =>
        (configuration[remapped ? "status" : "spec"]?["remote"]?["cidr"]?[kind] as JsonArray)?.Select(n => n?.ToString() ?? "").ToArray() ?? [];

    public const string ConfiguredCondition = "NetworkCIDRsConfigured";
    private const string Module = "Networking";

    /// <summary>A cluster's CIDRs as a Configuration carries them.</summary>
    public sealed record Cidrs(IReadOnlyList<string> Pod, IReadOnlyList<string> External);

    /// <summary>Reads the cluster's pod CIDRs and external CIDR from the Networks in its Liqo namespace.</summary>
    public static async Task<Cidrs> ReadLocalCidrsAsync(ClusterConnection cluster, CancellationToken ct)
    {
        async Task<List<string>> ReadAsync(string type)
        {
            var nets = (await cluster.Api.ListAsync(Kinds.Network, cluster.LiqoNamespace, $"{LiqoConstants.NetworkTypeLabel}={type}", ct: ct)
                .ConfigureAwait(false)).Items;
            var cidrs = nets.Select(n => n.StringAt("status.cidr")).Where(c => !string.IsNullOrEmpty(c)).Select(c => c!).OrderBy(c => c, StringComparer.Ordinal).ToList();
            if (cidrs.Count == 0)
                throw new LiqoException(ErrorIds.NetworkNotConfigured, LiqoErrorCategory.NotInstalled, type,
                    $"The {cluster.Scope} cluster has no {type} Network with a status.cidr in the namespace '{cluster.LiqoNamespace}': Liqo's IPAM has not set it up.",
                    "Check that Liqo's networking module is enabled and healthy on that cluster (Get-LiqoInfo).");
            return cidrs;
        }
        return new Cidrs(await ReadAsync("pod-cidr").ConfigureAwait(false), await ReadAsync("external-cidr").ConfigureAwait(false));
    }

    /// <summary>The Configuration describing <paramref name="remoteClusterId"/>'s CIDRs, for its tenant namespace.</summary>
    public static JsonObject Forge(string remoteClusterId, string tenantNamespace, Cidrs remote)
    {
        var o = Json.Object(Kinds.Configuration, remoteClusterId, tenantNamespace,
            new Dictionary<string, string> { [LiqoConstants.RemoteClusterIdLabel] = remoteClusterId });
        o["spec"] = new JsonObject { ["remote"] = RemoteSpec(remote) };
        return o;
    }

    private static JsonObject RemoteSpec(Cidrs c) =>
        new() { ["cidr"] = new JsonObject { ["pod"] = Json.Strings(c.Pod), ["external"] = Json.Strings(c.External) } };

    /// <summary>CreateOrUpdate as liqoctl: on update only the label and spec.remote are set (spec.local is the controller's).</summary>
    internal static Task<JsonObject> EnsureAsync(Operation op, ClusterConnection cluster, string remoteClusterId, string tenantNamespace, Cidrs remote) =>
        ObjectWriter.CreateOrUpdateAsync(op, cluster, Kinds.Configuration, Forge(remoteClusterId, tenantNamespace, remote), existing =>
        {
            ObjectWriter.SetLabel(existing, LiqoConstants.RemoteClusterIdLabel, remoteClusterId);
            var spec = (JsonObject)(existing["spec"] ??= new JsonObject());
            spec["remote"] = RemoteSpec(remote);
        });

    /// <summary>Reads the cluster's own CIDRs (liqoctl: "Network configuration correctly retrieved").</summary>
    public static async Task<Cidrs> RetrieveAsync(Operation op, ClusterConnection cluster)
    {
        var cidrs = await ReadLocalCidrsAsync(cluster, op.Cancellation).ConfigureAwait(false);
        op.Info(cluster, Module, "ConfigurationRetrieved", "Network configuration correctly retrieved", whatIf: "Network configuration retrieved");
        return cidrs;
    }

    /// <summary>Writes the remote cluster's Configuration (liqoctl: "Network configuration correctly set up").</summary>
    public static async Task<JsonObject> SetUpAsync(Operation op, ClusterConnection cluster, string remoteClusterId, string tenantNamespace, Cidrs remote)
    {
        var conf = await EnsureAsync(op, cluster, remoteClusterId, tenantNamespace, remote).ConfigureAwait(false);
        op.Info(cluster, Module, "ConfigurationSetUp", "Network configuration correctly set up", whatIf: "Network configuration would be set up");
        return conf;
    }

    /// <summary>
    /// Waits for the Configuration's CIDRs to be remapped (liqoctl: "Configuration applied successfully"). As liqoctl's
    /// ForConfiguration, the Configuration is the one labelled for the remote cluster in the namespace, whatever its name
    /// (one made with liqoctl create configuration NAME counts); none yet is waited through, several end the wait at once
    /// (liqoctl: "multiple Configurations found").
    /// </summary>
    public static async Task<JsonObject?> WaitAppliedAsync(Operation op, ClusterConnection cluster, string tenantNamespace, string remoteClusterId)
    {
        var conf = await op.WaitAsync(cluster, Kinds.Configuration, tenantNamespace, $"{LiqoConstants.RemoteClusterIdLabel}={remoteClusterId}", null,
            items => items.Count switch
            {
                0 => null,
                1 => items.First() is var only && IsConfigured(only) ? only : null,
                _ => throw Ambiguous(cluster, tenantNamespace, remoteClusterId, items),
            },
            new WaitTarget("Waiting for the network Configuration to be applied", $"Configuration for {remoteClusterId} in {tenantNamespace}",
                $"condition {ConfiguredCondition}=True for the current generation",
                "Check Liqo's controller manager on that cluster; its IPAM must be able to remap the remote CIDRs.")).ConfigureAwait(false);
        op.Info(cluster, Module, "ConfigurationApplied", "Configuration applied successfully", whatIf: "Configuration would be applied");
        return conf;
    }

    /// <summary>liqoctl's one-shot CheckNetworkInitialized, with its messages ("Network correctly initialized").</summary>
    public static async Task CheckInitializedAsync(Operation op, ClusterConnection cluster, string tenantNamespace, string remoteClusterId)
    {
        if (!op.PlanOnly)
        {
            var conf = await FindAsync(cluster, tenantNamespace, remoteClusterId, op.Cancellation).ConfigureAwait(false);
            if (conf is null)
                throw new LiqoException(ErrorIds.NetworkNotInitialized, LiqoErrorCategory.ObjectNotFound, $"Configuration {tenantNamespace}/{remoteClusterId}",
                    "Network Configuration not found. Retry to issue `liqoctl network connect`. If the issue persist, you can try to reset the network with `liqoctl network reset`.",
                    "Run Enable-LiqoNetworking again (out of band: Import-LiqoNetworkConfiguration); if it persists, Reset-LiqoNetworking.");
            if (!IsConfigured(conf))
                throw new LiqoException(ErrorIds.NetworkNotInitialized, LiqoErrorCategory.ResourceUnavailable, $"Configuration {tenantNamespace}/{remoteClusterId}",
                    "network Configuration status is not set yet. Retry later. If the issue persist, you can try to reset the network with `liqoctl network reset`.",
                    "Run Enable-LiqoNetworking again (out of band: Import-LiqoNetworkConfiguration); if it persists, Reset-LiqoNetworking.");
        }
        // under -WhatIf the check runs when nothing was skipped yet (the Configuration exists), and is skipped after that
        if (op.PlanOnly) op.Info(cluster, Module, "NetworkInitialized", "Network initialization would be checked");
        else op.Info(cluster, Module, "NetworkInitialized", "Network correctly initialized", whatIf: "Network initialized");
    }

    /// <summary>The Configuration labelled for the remote cluster in the namespace, whatever its name (liqoctl's GetConfigurationByClusterID); several are an error.</summary>
    public static async Task<JsonObject?> FindAsync(ClusterConnection cluster, string ns, string remoteClusterId, CancellationToken ct)
    {
        var items = (await cluster.Api.ListAsync(Kinds.Configuration, ns, $"{LiqoConstants.RemoteClusterIdLabel}={remoteClusterId}", ct: ct)
            .ConfigureAwait(false)).Items;
        return items.Count switch { 0 => null, 1 => items[0], _ => throw Ambiguous(cluster, ns, remoteClusterId, items) };
    }

    private static LiqoException Ambiguous(ClusterConnection cluster, string ns, string remoteClusterId, IEnumerable<JsonObject> items) =>
        new(ErrorIds.NetworkObjectAmbiguous, LiqoErrorCategory.InvalidData, remoteClusterId,
            $"multiple Configurations found for ForeignCluster {remoteClusterId} in {ns} on the {cluster.Scope} cluster " +
            $"({string.Join(", ", items.Select(o => o.Name()).Order(StringComparer.Ordinal))})",
            "Keep one of them (Reset-LiqoNetworking removes them all): liqoctl and Liqo's controllers fail the same way while there are several.");

    /// <summary>v1.2: NetworkCIDRsConfigured is True for the current generation.</summary>
    public static bool IsConfigured(JsonObject configuration)
    {
        var c = configuration.Condition(ConfiguredCondition);
        return c?["status"]?.GetValue<string>() == "True" &&
               c["observedGeneration"]?.ToString() == configuration["metadata"]?["generation"]?.ToString();
    }
}
