using System.Text.Json.Nodes;
using Liqo.Engine.ClusterAccess;
using Liqo.Engine.Resources;

namespace Liqo.Engine.Lifecycle;

/// <summary>
/// liqoctl cordon / uncordon resourceslice (pkg/liqoctl/cordon, uncordon of Liqo v1.2.0), run on the provider: the
/// ResourceSlice named &lt;name&gt; in the tenant namespace of the consumer (--remote-cluster-id) gets the annotation
/// liqo.io/cordon=true, or loses it. Liqo's quota creator then marks the slice's Quota cordoned, and the ShadowPod
/// webhook refuses new pods of that slice; the consumer's control-plane user may not touch that annotation (webhook).
/// </summary>
public static class ResourceSliceCordon
{
    public const string Annotation = "liqo.io/cordon";

    public static async Task<ResourceSliceCordonChange> SetAsync(Operation op, ClusterConnection provider, string name, string consumerClusterId,
        bool cordon)
    {
        op.Attach(provider);
        var ns = await TenantNamespace.FindAsync(provider, consumerClusterId, op.Cancellation).ConfigureAwait(false)
                 ?? throw new LiqoException(ErrorIds.TenantNamespaceNotFound, LiqoErrorCategory.ObjectNotFound, consumerClusterId,
                     $"unable to get tenant namespace: the {provider.Scope} cluster has no tenant namespace for the cluster '{consumerClusterId}'.",
                     "Run the command against the provider, with the consumer's cluster ID as -RemoteClusterId.");
        var slice = await provider.Api.GetAsync(Kinds.ResourceSlice, ns, name, op.Cancellation).ConfigureAwait(false)
                    ?? throw new LiqoException(ErrorIds.ResourceSliceNotFound, LiqoErrorCategory.ObjectNotFound, name,
                        $"unable to get ResourceSlice: resourceslices.authentication.liqo.io \"{name}\" not found in {ns}.",
                        $"Get-LiqoPeerInfo {consumerClusterId} lists the consumer's slices.");
        // cordon writes "true" (over any other value), uncordon deletes the key whatever its value, as liqoctl does
        var value = slice.Annotation(Annotation);
        var has = cordon ? value == "true" : value is not null;
        var label = $"ResourceSlice \"{name}\"";
        var written = false;
        if (has != cordon)
        {
            var stored = await ObjectWriter.CreateOrUpdateAsync(op, provider, Kinds.ResourceSlice, slice, s =>
            {
                if (s["metadata"] is not JsonObject meta) return;
                if (cordon)
                {
                    if (meta["annotations"] is not JsonObject a) meta["annotations"] = a = new JsonObject();
                    a[Annotation] = "true";
                }
                else (meta["annotations"] as JsonObject)?.Remove(Annotation);
            }, globalMetadata: false).ConfigureAwait(false);
            written = !op.PlanOnly && (stored.Annotation(Annotation) is not null) == cordon;
        }
        op.Info(provider, "ResourceSlice", cordon ? "cordon" : "uncordon", $"{label} {(cordon ? "cordoned" : "uncordoned")}",
            $"{label} would be {(cordon ? "cordoned" : "uncordoned")}");
        return new ResourceSliceCordonChange(ns, name, consumerClusterId, op.PlanOnly ? value is not null : cordon, written);
    }
}
