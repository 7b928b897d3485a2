using Liqo.Engine.ClusterAccess;
using Liqo.Engine.Resources;

namespace Liqo.Engine.Peering;

/// <summary>
/// Checks made before any write: Liqo installed on both clusters (cluster IDs readable), two different clusters (by
/// cluster ID, not just by kubeconfig), and matching Liqo versions (minor: an error unless forced; patch: a warning).
/// </summary>
public static class Preflight
{
    public const string ControllerManagerSelector = "app.kubernetes.io/name=controller-manager,app.kubernetes.io/component=controller-manager";
    public const string ControllerManagerContainer = "controller-manager";

    public static async Task RunAsync(Operation op, ClusterConnection consumer, ClusterConnection provider, bool force)
    {
        var ct = op.Cancellation;
        var consumerId = await ClusterId.ReadAsync(consumer, ct).ConfigureAwait(false);
        var providerId = await ClusterId.ReadAsync(provider, ct).ConfigureAwait(false);
        if (consumerId == providerId)
            throw new LiqoException(ErrorIds.SameCluster, LiqoErrorCategory.InvalidArgument, consumerId,
                $"local and remote clusters must be different: both have the cluster ID '{consumerId}' ({consumer.Server} and {provider.Server}).",
                "Point -RemoteKubeconfig/-RemoteContext at the provider cluster.");
        var consumerVersion = await ReadableVersionAsync(op, consumer).ConfigureAwait(false);
        var providerVersion = await ReadableVersionAsync(op, provider).ConfigureAwait(false);
        op.Log.Verbose($"Liqo versions: local {consumerId} {consumerVersion ?? "unknown"}, remote {providerId} {providerVersion ?? "unknown"}.");
        if (consumerVersion is null || providerVersion is null || consumerVersion == providerVersion) return;
        var (cMajor, cMinor) = MajorMinor(consumerVersion);
        var (pMajor, pMinor) = MajorMinor(providerVersion);
        if (cMajor == pMajor && cMinor == pMinor)
        {
            op.Log.Warning($"The clusters run different Liqo patch versions (local {consumerVersion}, remote {providerVersion}).");
            return;
        }
        if (force)
        {
            op.Log.Warning($"Peering clusters with different Liqo versions (local {consumerVersion}, remote {providerVersion}) because of -Force; Liqo does not support it.");
            return;
        }
        throw new LiqoException(ErrorIds.LiqoVersionMismatch, LiqoErrorCategory.InvalidOperation, $"{consumerVersion} / {providerVersion}",
            $"The clusters run different Liqo versions: local {consumerId} {consumerVersion}, remote {providerId} {providerVersion}. " +
            "The establishment of a peering with a remote cluster leveraging a different version of Liqo, net of patch releases, is currently not supported.",
            "Upgrade one cluster so both run the same minor version, or pass -Force to peer anyway.");
    }

    /// <summary>
    /// The cluster's Liqo version, or null when its user may not read the controller manager (a peering user on the
    /// provider may not): the check is the module's addition, liqoctl peer makes none, so it is skipped then.
    /// </summary>
    private static async Task<string?> ReadableVersionAsync(Operation op, ClusterConnection cluster)
    {
        try
        {
            return await LiqoVersionAsync(cluster, op.Cancellation).ConfigureAwait(false);
        }
        catch (LiqoException e) when (e.ErrorId == ErrorIds.Forbidden)
        {
            op.Log.Verbose($"The {cluster.Scope} cluster's Liqo version is not checked: its user may not read the controller manager Deployment.");
            return null;
        }
    }

    /// <summary>The image tag of the controller-manager container (liqoctl's GetLiqoVersion); null when not found.</summary>
    public static async Task<string?> LiqoVersionAsync(ClusterConnection cluster, CancellationToken ct)
    {
        var deployments = (await cluster.Api.ListAsync(Kinds.Deployment, cluster.LiqoNamespace, ControllerManagerSelector, ct: ct).ConfigureAwait(false)).Items;
        var image = deployments.SelectMany(d => d["spec"]?["template"]?["spec"]?["containers"]?.AsArray() ?? new System.Text.Json.Nodes.JsonArray())
            .FirstOrDefault(c => c?["name"]?.GetValue<string>() == ControllerManagerContainer)?["image"]?.GetValue<string>();
        if (image is null) return null;
        var at = image.IndexOf('@');
        if (at >= 0) image = image[..at];
        var colon = image.LastIndexOf(':');
        return colon > image.LastIndexOf('/') ? image[(colon + 1)..] : null;
    }

    internal static (string Major, string Minor) MajorMinor(string version)
    {
        var parts = version.TrimStart('v').Split('.', '-');
        return (parts.ElementAtOrDefault(0) ?? "", parts.ElementAtOrDefault(1) ?? "");
    }
}
