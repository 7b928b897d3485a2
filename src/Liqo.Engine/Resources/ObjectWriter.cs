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
    /// Another writer racing this one is expected (two runs of the same command, a Liqo controller): a create that finds the
    /// object made meanwhile (AlreadyExists) and an update that finds it changed meanwhile (409 Conflict) read it again
    /// and apply the wanted fields to what is there, a few times at most.
    /// The operation's global labels and annotations (<see cref="Operation.GlobalMetadata"/>) are put on the object after
    /// the wanted fields, when it is made and when it exists, as liqoctl's CreateOrUpdate wrapper does, unless
    /// <paramref name="globalMetadata"/> is false: for the writes liqoctl makes with a plain Update (cordon, uncordon).
    /// </summary>
    public static async Task<JsonObject> CreateOrUpdateAsync(Operation op, ClusterConnection cluster, ResourceKind kind, JsonObject desired,
        Action<JsonObject> mutate, bool globalMetadata = true)
    {
        var global = globalMetadata ? op.GlobalMetadata : GlobalMetadata.None;
        if (!global.IsEmpty)
        {
            desired = (JsonObject)desired.DeepClone();
            global.ApplyTo(desired, kind);
            var wanted = mutate;
            mutate = o =>
            {
                wanted(o);
                global.ApplyTo(o, kind);
            };
        }
        var name = desired.Name();
        var ns = desired.Namespace();
        var what = $"{kind.Kind} {(ns is null ? name : ns + "/" + name)}{global.Describe(desired, kind)}";
        for (var attempt = 1; ; attempt++)
        {
            var existing = await cluster.Api.GetAsync(kind, ns, name, op.Cancellation).ConfigureAwait(false);
            try
            {
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
            catch (KubeApiException e) when (op.Refusal(kind, e) is { } invalid)
            {
                throw invalid;
            }
            catch (KubeApiException e) when ((e.IsAlreadyExists || e.IsConflict) && attempt < MaxRaces)
            {
                op.Log.Verbose($"{what} on the {cluster.Scope} cluster changed while it was written ({e.Reason}); reading it again.");
            }
            catch (LiqoException e) when (existing is null && attempt < MaxRaces && e is not KubeApiException { IsNotFound: true })
            {
                // a create refused because another writer made the object first: an admission webhook that allows one
                // per namespace (Liqo's Tenant) answers 403, not AlreadyExists
                if (!await ExistsNowAsync(op, cluster, kind, ns, name).ConfigureAwait(false)) throw;
                op.Log.Verbose($"{what} on the {cluster.Scope} cluster was made by another writer meanwhile ({e.Message}); reading it again.");
            }
        }
    }

    private static async Task<bool> ExistsNowAsync(Operation op, ClusterConnection cluster, ResourceKind kind, string? ns, string name)
    {
        try
        {
            return await cluster.Api.GetAsync(kind, ns, name, op.Cancellation).ConfigureAwait(false) is not null;
        }
        catch (LiqoException)
        {
            return false;
        }
    }

    /// <summary>How often a write that lost a race with another writer is tried again.</summary>
    private const int MaxRaces = 5;

    /// <summary>
    /// Creates <paramref name="obj"/> unless it exists (made by a concurrent run, or by an earlier attempt whose answer was
    /// lost); true when this call made it. Asks first. It gets the operation's global labels and annotations, as liqoctl
    /// gives them to the objects it only creates (the signed nonce Secret); an object that exists is left as it is.
    /// </summary>
    public static async Task<bool> CreateIfAbsentAsync(Operation op, ClusterConnection cluster, ResourceKind kind, JsonObject obj)
    {
        var ns = obj.Namespace();
        if (!op.GlobalMetadata.IsEmpty)
        {
            obj = (JsonObject)obj.DeepClone();
            op.GlobalMetadata.ApplyTo(obj, kind);
        }
        if (!await op.MayWriteAsync(cluster, "Create",
                $"{kind.Kind} {(ns is null ? obj.Name() : ns + "/" + obj.Name())}{op.GlobalMetadata.Describe(obj, kind)}").ConfigureAwait(false)) return false;
        try
        {
            await cluster.Api.CreateAsync(kind, ns, obj, op.Cancellation).ConfigureAwait(false);
            return true;
        }
        catch (KubeApiException e) when (e.IsAlreadyExists)
        {
            return false;
        }
        catch (KubeApiException e) when (op.Refusal(kind, e) is { } invalid)
        {
            throw invalid;
        }
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
