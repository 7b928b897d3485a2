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
    public const string ConfiguredCondition = "NetworkCIDRsConfigured";

    /// <summary>A cluster's CIDRs as a Configuration carries them.</summary>
    public sealed record Cidrs(IReadOnlyList<string> Pod, IReadOnlyList<string> External);

    /// <summary>Reads the cluster's pod CIDRs and external CIDR from the Networks in its Liqo namespace.</summary>
    public static async Task<Cidrs> ReadLocalCidrsAsync(ClusterConnection cluster, CancellationToken ct)
    {
        async Task<List<string>> Read(string type)
        {
            var nets = (await cluster.Api.ListAsync(Kinds.Network, cluster.LiqoNamespace, $"{LiqoConstants.NetworkTypeLabel}={type}", ct: ct)
                .ConfigureAwait(false)).Items;
            var cidrs = nets.Select(n => n.StringAt("status.cidr")).Where(c => !string.IsNullOrEmpty(c)).Select(c => c!).OrderBy(c => c, StringComparer.Ordinal).ToList();
            if (cidrs.Count == 0)
                throw new LiqoException("NetworkNotConfigured", LiqoErrorCategory.NotInstalled, type,
                    $"The {cluster.Scope} cluster has no {type} Network with a status.cidr in the namespace '{cluster.LiqoNamespace}': Liqo's IPAM has not set it up.",
                    "Check that Liqo's networking module is enabled and healthy on that cluster (Get-LiqoInfo).");
            return cidrs;
        }
        return new Cidrs(await Read("pod-cidr").ConfigureAwait(false), await Read("external-cidr").ConfigureAwait(false));
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

    /// <summary>v1.2: NetworkCIDRsConfigured is True for the current generation.</summary>
    public static bool IsConfigured(JsonObject configuration)
    {
        var c = configuration.Condition(ConfiguredCondition);
        return c?["status"]?.GetValue<string>() == "True" &&
               c["observedGeneration"]?.ToString() == configuration["metadata"]?["generation"]?.ToString();
    }
}
