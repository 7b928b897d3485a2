using System.Text.Json.Nodes;
using Liqo.Sandbox.ApiServer.Go;
using Liqo.Sandbox.ApiServer.Types;

namespace Liqo.Sandbox.ApiServer.Storage;

public sealed partial class ClusterStore
{
    internal const string ForegroundFinalizer = "foregroundDeletion";
    internal const string OrphanFinalizer = "orphan";
    internal const string CrdCleanupFinalizer = "customresourcecleanup.apiextensions.k8s.io";
    private static readonly string[] ImmortalNamespaces = ["default", "kube-system", "kube-public"];

    /// <summary>
    /// Deletes an object. With finalizers (or a Foreground/Orphan policy) it only gets a deletionTimestamp and stays until
    /// the last finalizer is removed; otherwise it is gone at once. Namespaces go to Terminating for the namespace controller.
    /// </summary>
    public DeleteResult Delete(ResourceType type, string? ns, string name, DeleteOptions? options = null)
    {
        options ??= new DeleteOptions();
        if (!type.Supports("delete")) throw ApiErrors.MethodNotAllowed();
        var committed = new List<ChangeRecord>();
        DeleteResult result;
        lock (_gate) result = DeleteLocked(type, NsOf(type, ns), name, options, committed);
        RunAfterCommit(committed);
        return result;
    }

    /// <summary>Deletes every object matching the selectors (deletecollection); returns the objects as after the delete.</summary>
    public IReadOnlyList<JsonObject> DeleteCollection(ResourceType type, string? ns, ListOptions? list, DeleteOptions? options = null)
    {
        if (!type.Supports("deletecollection")) throw ApiErrors.MethodNotAllowed();
        options ??= new DeleteOptions();
        var committed = new List<ChangeRecord>();
        var result = new List<JsonObject>();
        lock (_gate)
        {
            var items = List(type, ns, (list ?? new ListOptions()) with { Limit = null, Continue = null, ResourceVersion = null }).Items;
            foreach (var item in items)
            {
                try
                {
                    result.Add(DeleteLocked(type, NsOf(type, ObjectMeta.Namespace(item)), ObjectMeta.Name(item), options, committed).Object);
                }
                catch (ApiException e) when (e.Code is 404 or 409 or 403)
                {
                    // gone meanwhile, or protected: deletecollection skips it
                }
            }
        }
        RunAfterCommit(committed);
        return result;
    }

    private DeleteResult DeleteLocked(ResourceType type, string ns, string name, DeleteOptions o, List<ChangeRecord> committed)
    {
        var existing = Find(type, ns, name) ?? throw ApiErrors.NotFound(type.Group, type.Plural, name);
        if (o.PreconditionUid is { Length: > 0 } uid && uid != ObjectMeta.Uid(existing))
            throw ApiErrors.Conflict(type.Group, type.Plural, name,
                $"Precondition failed: UID in precondition: {uid}, UID in object meta: {ObjectMeta.Uid(existing)}");
        if (o.PreconditionResourceVersion is { Length: > 0 } prv && prv != ObjectMeta.ResourceVersion(existing))
            throw ApiErrors.Conflict(type.Group, type.Plural, name,
                $"Precondition failed: ResourceVersion in precondition: {prv}, ResourceVersion in object meta: {ObjectMeta.ResourceVersion(existing)}");
        var policy = o.PropagationPolicy ?? type.DefaultPropagation;
        if (policy is not ("Background" or "Foreground" or "Orphan"))
            throw ApiErrors.Invalid("meta.k8s.io", "DeleteOptions", "", new FieldError(FieldErrorType.NotSupported, "propagationPolicy",
                Strconv.Quote(policy), "supported values: \"Foreground\", \"Background\", \"Orphan\", \"nil\""));

        var now = Now;
        var updated = (JsonObject)existing.DeepClone();
        var meta = ObjectMeta.Meta(updated);

        if (type.Key == "/namespaces")
        {
            if (ImmortalNamespaces.Contains(name))
                throw ApiErrors.Forbidden("", "namespaces", name, "this namespace may not be deleted");
            if (ObjectMeta.IsDeleting(existing))
            {
                if (!NamespaceFinalized(type, existing))
                    throw ApiErrors.Conflict("", "namespaces", name,
                        "The system is ensuring all content is removed from this namespace.  Upon completion, this namespace will automatically be purged by the system.");
                return new DeleteResult(Output(type, existing), false);
            }
            meta["deletionTimestamp"] = ObjectMeta.Timestamp(now);
            meta["deletionGracePeriodSeconds"] = 0;
            ServerJson.Ensure(updated, "status")["phase"] = "Terminating";
            if (NamespaceFinalized(type, updated) && ObjectMeta.Finalizers(updated).Count == 0)
                return DeleteNow(type, existing, o, committed);
            return Pending(type, existing, updated, o, committed);
        }

        var finalizers = ObjectMeta.Finalizers(updated);
        if (type.Key == "apiextensions.k8s.io/customresourcedefinitions" && !finalizers.Contains(CrdCleanupFinalizer) && !ObjectMeta.IsDeleting(existing))
        {
            finalizers.Add(CrdCleanupFinalizer);
            var conditions = ServerJson.Arr(ServerJson.Ensure(updated, "status"), "conditions") ?? [];
            conditions.Add(new JsonObject
            {
                ["type"] = "Terminating", ["status"] = "True", ["lastTransitionTime"] = ObjectMeta.Timestamp(now),
                ["reason"] = "InstanceDeletionPending", ["message"] = "CustomResourceDefinition marked for deletion; CustomResource deletion will begin soon",
            });
            ServerJson.Ensure(updated, "status")["conditions"] = conditions;
        }
        if (policy == "Foreground" && !finalizers.Contains(ForegroundFinalizer))
        {
            finalizers.Remove(OrphanFinalizer);
            finalizers.Add(ForegroundFinalizer);
        }
        if (policy == "Orphan" && !finalizers.Contains(OrphanFinalizer))
        {
            finalizers.Remove(ForegroundFinalizer);
            finalizers.Add(OrphanFinalizer);
        }
        if (finalizers.Count == 0) return DeleteNow(type, existing, o, committed);

        ObjectMeta.SetFinalizers(updated, finalizers);
        if (!ObjectMeta.IsDeleting(existing))
        {
            meta["deletionTimestamp"] = ObjectMeta.Timestamp(now);
            meta["deletionGracePeriodSeconds"] = 0;
            if (ObjectMeta.Generation(existing) > 0) meta["generation"] = ObjectMeta.Generation(existing) + 1;
        }
        return Pending(type, existing, updated, o, committed);
    }

    private DeleteResult Pending(ResourceType type, JsonObject existing, JsonObject updated, DeleteOptions o, List<ChangeRecord> committed)
    {
        updated = ObjectMeta.Canonical(updated);
        if (JsonNode.DeepEquals(updated, existing) || o.DryRun) return new DeleteResult(Output(type, updated), false);
        var record = Commit(type, "MODIFIED", existing, updated, committed);
        return new DeleteResult(Output(type, record.New), false);
    }

    private DeleteResult DeleteNow(ResourceType type, JsonObject existing, DeleteOptions o, List<ChangeRecord> committed)
    {
        if (o.DryRun) return new DeleteResult(Output(type, existing), true);
        var record = Commit(type, "DELETED", existing, (JsonObject)existing.DeepClone(), committed);
        return new DeleteResult(Output(type, record.New), true);
    }
}
