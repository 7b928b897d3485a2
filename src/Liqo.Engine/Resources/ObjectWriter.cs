using System.Text.Json.Nodes;
using Liqo.Engine.ClusterAccess;

namespace Liqo.Engine.Resources;

/// <summary>
/// CreateOrUpdate as liqoctl does it, but writing nothing when the object already is as wanted (so a second run of a
/// finished peering writes nothing), and asking before every write (ShouldProcess, -WhatIf).
/// </summary>
internal static class ObjectWriter
{
    /// <summary>
    /// Creates <paramref name="desired"/> when absent; otherwise <paramref name="mutate"/> applies the wanted fields to a copy of
    /// the existing object and the copy is written only if it differs. Returns the object as stored (or as planned).
    /// </summary>
    public static async Task<JsonObject> CreateOrUpdateAsync(Operation op, ClusterConnection cluster, ResourceKind kind, JsonObject desired,
        Action<JsonObject> mutate)
    {
        var name = desired.Name();
        var ns = desired.Namespace();
        var what = $"{kind.Kind} {(ns is null ? name : ns + "/" + name)}";
        var existing = await cluster.Api.GetAsync(kind, ns, name, op.Cancellation).ConfigureAwait(false);
        if (existing is null)
        {
            if (!await op.MayWriteAsync(cluster, "Create", what).ConfigureAwait(false)) return desired;
            return await cluster.Api.CreateAsync(kind, ns, desired, op.Cancellation).ConfigureAwait(false);
        }
        var updated = (JsonObject)existing.DeepClone();
        mutate(updated);
        if (Json.DeepEquals(updated, existing)) return existing;
        if (!await op.MayWriteAsync(cluster, "Update", what).ConfigureAwait(false)) return updated;
        return await cluster.Api.UpdateAsync(kind, ns, updated, op.Cancellation).ConfigureAwait(false);
    }

    /// <summary>Deletes when present; returns whether it existed. Asks first.</summary>
    public static async Task<bool> DeleteAsync(Operation op, ClusterConnection cluster, ResourceKind kind, string? ns, string name)
    {
        var what = $"{kind.Kind} {(ns is null ? name : ns + "/" + name)}";
        if (await cluster.Api.GetAsync(kind, ns, name, op.Cancellation).ConfigureAwait(false) is null) return false;
        if (!await op.MayWriteAsync(cluster, "Delete", what).ConfigureAwait(false)) return true;
        return await cluster.Api.DeleteAsync(kind, ns, name, op.Cancellation).ConfigureAwait(false);
    }

    /// <summary>Sets metadata.labels[key] = value.</summary>
    public static void SetLabel(JsonObject o, string key, string value)
    {
        var meta = (JsonObject)(o["metadata"] ??= new JsonObject());
        var labels = (JsonObject)(meta["labels"] ??= new JsonObject());
        labels[key] = value;
    }
}
