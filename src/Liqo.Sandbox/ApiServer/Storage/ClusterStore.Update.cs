using System.Text.Json.Nodes;
using Liqo.Sandbox.ApiServer.Go;
using Liqo.Sandbox.ApiServer.Patch;
using Liqo.Sandbox.ApiServer.Types;

namespace Liqo.Sandbox.ApiServer.Storage;

public sealed partial class ClusterStore
{
    private enum UpdateMode { Put, Patch, Apply }

    /// <summary>Replaces an object (PUT), on the main resource or on a subresource (status, finalize).</summary>
    public WriteResult Update(ResourceType type, string? ns, string name, JsonObject obj, WriteOptions? options = null)
    {
        options ??= new WriteOptions();
        var committed = new List<ChangeRecord>();
        WriteResult result;
        lock (_gate) result = UpdateLocked(type, ns, name, (JsonObject)obj.DeepClone(), options, committed, UpdateMode.Put);
        RunAfterCommit(committed);
        return result;
    }

    /// <summary>Patches an object: JSON patch, merge patch, strategic merge patch (built-ins only) or server-side apply.</summary>
    public WriteResult Patch(ResourceType type, string? ns, string name, PatchType patchType, JsonNode patch, WriteOptions? options = null)
    {
        options ??= new WriteOptions();
        if (patchType != PatchType.Apply && options.Force is not null)
            throw ApiErrors.Invalid("meta.k8s.io", "PatchOptions", "",
                new FieldError(FieldErrorType.Forbidden, "force", null, "may not be specified for non-apply patch"));
        if (patchType == PatchType.Apply && string.IsNullOrEmpty(options.FieldManager))
            throw ApiErrors.Invalid("meta.k8s.io", "PatchOptions", "",
                new FieldError(FieldErrorType.Required, "fieldManager", null, "is required for apply patch"));
        if (patchType == PatchType.StrategicMergePatch && type.IsCustom)
            throw ApiErrors.UnsupportedMediaType("application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml");
        if (!type.Supports("patch")) throw ApiErrors.MethodNotAllowed();

        var committed = new List<ChangeRecord>();
        WriteResult result;
        lock (_gate)
        {
            var nsv = NsOf(type, ns);
            var existing = Find(type, nsv, name);
            if (patchType == PatchType.Apply)
                result = ApplyLocked(type, nsv, name, existing, patch as JsonObject
                    ?? throw ApiErrors.BadRequest("error decoding YAML: the applied configuration is not an object"), options, committed);
            else
            {
                if (existing is null) throw ApiErrors.NotFound(type.Group, type.Plural, name);
                var target = Output(type, existing);
                JsonNode? patched;
                try
                {
                    patched = patchType switch
                    {
                        PatchType.JsonPatch => JsonPatch.Apply(target, patch as JsonArray
                            ?? throw ApiErrors.BadRequest("json: cannot unmarshal object into Go value of type jsonpatch.Patch")),
                        PatchType.MergePatch => JsonMergePatch.Apply(target, patch),
                        _ => StrategicMergePatch.Apply(target, patch as JsonObject
                            ?? throw ApiErrors.BadRequest("json: cannot unmarshal array into Go value of type map[string]interface {}"), type.Group, type.Kind),
                    };
                }
                catch (PatchException e)
                {
                    throw PatchError(e);
                }
                if (patched is not JsonObject patchedObj)
                    throw ApiErrors.BadRequest("the patch did not produce an object");
                result = UpdateLocked(type, ns, name, patchedObj, options, committed, UpdateMode.Patch);
            }
        }
        RunAfterCommit(committed);
        return result;
    }

    private static ApiException PatchError(PatchException e)
    {
        const string generic = "the server rejected our request due to an error in our request";
        if (e.StatusCode == 422 && e.Message != generic)
            return new ApiException(422, e.Reason, generic, causes: [new StatusCause("UnexpectedServerResponse", e.Message)]);
        return new ApiException(e.StatusCode, e.Reason, e.Message);
    }

    private WriteResult ApplyLocked(ResourceType type, string ns, string name, JsonObject? existing, JsonObject patch, WriteOptions o,
        List<ChangeRecord> committed)
    {
        var applied = (JsonObject)patch.DeepClone();
        var warnings = new List<string>();
        if (ServerJson.Str(applied, "kind") is not { Length: > 0 }
            || ServerJson.Str(applied, "apiVersion") is not { Length: > 0 })
            throw ApiErrors.BadRequest("invalid object type: " + (ServerJson.Str(applied, "apiVersion") ?? "")
                + ", Kind=" + (ServerJson.Str(applied, "kind") ?? ""));
        CheckTypeOf(type, applied);
        var meta = ObjectMeta.Meta(applied);
        var bodyName = ServerJson.Str(meta, "name") ?? "";
        if (bodyName.Length > 0 && bodyName != name)
            throw ApiErrors.BadRequest($"the name of the object ({bodyName}) does not match the name on the URL ({name})");
        meta["name"] = name;
        var unknown = UnknownFields(type, applied);
        if (unknown.Count > 0)
        {
            if (o.FieldValidation == FieldValidation.Strict)
                throw ApiErrors.BadRequest($"failed to create typed patch object ({type.GroupVersion}, Kind={type.Kind}): " +
                    string.Join("\n", unknown.Select(u => $".{u}: field not declared in schema")));
            if (o.FieldValidation == FieldValidation.Warn) warnings.AddRange(unknown.Select(u => $"unknown field {Strconv.Quote(u)}"));
        }
        if (type.HasStatus)
        {
            if (o.Subresource == "status")
            {
                foreach (var (k, _) in applied.ToList())
                    if (k is not ("apiVersion" or "kind" or "metadata" or "status")) applied.Remove(k);
            }
            else applied.Remove("status");
        }
        else if (o.Subresource is not null) throw ApiErrors.NotFoundUrlError();

        var manager = o.FieldManager!;
        var force = o.Force ?? false;
        if (existing is null)
        {
            if (o.Subresource is not null) throw ApiErrors.NotFound(type.Group, type.Plural, name);
            var created = FieldManagement.Apply(type, null, applied, manager, force, null, Now);
            var r = CreateLocked(type, ns, created, o, committed, managedAlready: true);
            return r with { Warnings = [.. warnings, .. r.Warnings] };
        }
        var merged = FieldManagement.Apply(type, Output(type, existing), applied, manager, force, o.Subresource, Now);
        var u = UpdateLocked(type, ns, name, merged, o, committed, UpdateMode.Apply);
        return u with { Warnings = [.. warnings, .. u.Warnings] };
    }

    private WriteResult UpdateLocked(ResourceType type, string? ns, string name, JsonObject obj, WriteOptions o, List<ChangeRecord> committed,
        UpdateMode mode)
    {
        if (!type.Supports("update") && mode == UpdateMode.Put) throw ApiErrors.MethodNotAllowed();
        var warnings = new List<string>();
        var meta = ObjectMeta.Meta(obj);
        if (string.IsNullOrEmpty(ns) && type.Namespaced) ns = ServerJson.Str(meta, "namespace");
        var nsv = NsOf(type, ns);
        var sub = o.Subresource;
        if (sub is not null && !(sub == "status" && type.HasStatus) && !(sub == "finalize" && type.Key == "/namespaces") &&
            !(sub == "approval" && type.Key == CertificateSigningRequestStrategy.Key))
            throw ApiErrors.NotFoundUrlError();
        var existing = Find(type, nsv, name);
        if (existing is null)
        {
            if (mode == UpdateMode.Put && sub is null && type.AllowCreateOnUpdate
                && string.IsNullOrEmpty(ServerJson.Str(meta, "resourceVersion")))
                return CreateLocked(type, ns, obj, o, committed, managedAlready: false);
            throw ApiErrors.NotFound(type.Group, type.Plural, name);
        }
        CheckTypeOf(type, obj);
        var bodyName = ServerJson.Str(meta, "name") ?? "";
        if (bodyName != name)
            throw ApiErrors.BadRequest($"the name of the object ({bodyName}) does not match the name on the URL ({name})");
        ResolveNamespace(type, nsv, meta);

        var existingRv = ObjectMeta.ResourceVersion(existing);
        var bodyRv = ServerJson.Str(meta, "resourceVersion") ?? "";
        if (bodyRv.Length == 0)
        {
            if (!type.AllowUnconditionalUpdate)
                throw ApiErrors.Invalid(type.Group, type.Kind, name,
                    new FieldError(FieldErrorType.Invalid, "metadata.resourceVersion", "0x0", "must be specified for an update"));
        }
        else if (bodyRv != existingRv)
            throw ApiErrors.Modified(type.Group, type.Plural, name);

        if (mode != UpdateMode.Apply) HandleUnknownFields(type, obj, o.FieldValidation, warnings, patch: mode == UpdateMode.Patch);

        JsonObject result;
        if (sub == "status")
        {
            result = (JsonObject)existing.DeepClone();
            if (obj.TryGetPropertyValue("status", out var st) && st is not null) result["status"] = st.DeepClone();
            else result.Remove("status");
            if (ServerJson.Arr(meta, "managedFields") is { } mf) ObjectMeta.Meta(result)["managedFields"] = mf.DeepClone();
        }
        else if (sub == "approval")
        {
            result = CertificateSigningRequestStrategy.ApplyApproval(existing, obj, Now);
            if (ServerJson.Arr(meta, "managedFields") is { } mf) ObjectMeta.Meta(result)["managedFields"] = mf.DeepClone();
        }
        else if (sub == "finalize")
        {
            result = (JsonObject)existing.DeepClone();
            var finalizers = ServerJson.Arr(ServerJson.Obj(obj, "spec"), "finalizers");
            var spec = ServerJson.Ensure(result, "spec");
            if (finalizers is null) spec.Remove("finalizers");
            else spec["finalizers"] = finalizers.DeepClone();
        }
        else
        {
            result = obj;
            if (type.HasStatus)
            {
                if (existing.TryGetPropertyValue("status", out var st) && st is not null) result["status"] = st.DeepClone();
                else result.Remove("status");
            }
        }

        // Server-managed metadata cannot be changed by clients.
        var rmeta = ObjectMeta.Meta(result);
        var emeta = ObjectMeta.Meta(existing);
        foreach (var f in new[] { "uid", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "generation" })
        {
            if (emeta.TryGetPropertyValue(f, out var v) && v is not null) rmeta[f] = v.DeepClone();
            else rmeta.Remove(f);
        }
        if (!rmeta.ContainsKey("managedFields") && emeta["managedFields"] is { } emf) rmeta["managedFields"] = emf.DeepClone();
        rmeta.Remove("selfLink");
        rmeta["resourceVersion"] = existingRv;

        var ctx = Context();
        if (sub is null) type.Strategy.PrepareForUpdate(result, existing, ctx);
        type.Schema?.ApplyDefaults(result);
        if (sub is null) Admit(type, "UPDATE", nsv, result, existing);
        Validate(type, result, existing);
        o.Admit?.Invoke(type, result);

        if (type.BumpsGeneration && sub is null && SpecChanged(existing, result))
            rmeta["generation"] = ObjectMeta.Generation(existing) + 1;

        var canonical = ObjectMeta.Canonical(result);
        if (ObjectMeta.IsDeleting(existing) && ObjectMeta.Finalizers(canonical).Count == 0 && NamespaceFinalized(type, canonical))
        {
            // The write that removes the last finalizer deletes the object (watchers see only DELETED).
            if (!o.DryRun) Commit(type, "DELETED", existing, (JsonObject)existing.DeepClone(), committed);
            return new WriteResult(Output(type, canonical), false, warnings);
        }
        if (JsonNode.DeepEquals(canonical, existing)) return new WriteResult(Output(type, existing), false, warnings);
        if (mode != UpdateMode.Apply)
            FieldManagement.RecordUpdate(type, existing, canonical, o.FieldManager ?? DefaultManager, sub, ctx.Now);
        if (o.DryRun) return new WriteResult(Output(type, canonical), false, warnings);
        var record = Commit(type, "MODIFIED", existing, canonical, committed);
        return new WriteResult(Output(type, record.New), false, warnings);
    }

    private static bool NamespaceFinalized(ResourceType type, JsonObject obj) =>
        type.Key != "/namespaces" || ServerJson.Arr(ServerJson.Obj(obj, "spec"), "finalizers") is not { Count: > 0 };

    /// <summary>Whether anything outside metadata and status changed (generation is bumped then).</summary>
    private static bool SpecChanged(JsonObject a, JsonObject b)
    {
        static JsonObject Strip(JsonObject o)
        {
            var c = new JsonObject();
            foreach (var (k, v) in o)
                if (k is not ("metadata" or "status" or "kind" or "apiVersion")) c[k] = v?.DeepClone();
            return c;
        }
        return !JsonNode.DeepEquals(Strip(a), Strip(b));
    }
}
