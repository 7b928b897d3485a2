using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Liqo.Sandbox.ApiServer.Go;
using Liqo.Sandbox.ApiServer.Types;

namespace Liqo.Sandbox.ApiServer.Storage;

public sealed partial class ClusterStore
{
    private const string NameAlphabet = "bcdfghjklmnpqrstvwxz2456789";

    /// <summary>Creates an object (POST): 201 semantics, generateName, namespace admission, defaults, validation.</summary>
    public WriteResult Create(ResourceType type, string? ns, JsonObject obj, WriteOptions? options = null)
    {
        options ??= new WriteOptions();
        var committed = new List<ChangeRecord>();
        WriteResult result;
        lock (_gate) result = CreateLocked(type, ns, (JsonObject)obj.DeepClone(), options, committed, managedAlready: false);
        RunAfterCommit(committed);
        return result;
    }

    /// <summary>Creates an object with a fixed uid (seeding, e.g. the kube-system namespace).</summary>
    internal WriteResult CreateWithUid(ResourceType type, string? ns, JsonObject obj, string uid)
    {
        var committed = new List<ChangeRecord>();
        WriteResult result;
        lock (_gate) result = CreateLocked(type, ns, (JsonObject)obj.DeepClone(), new WriteOptions { FieldManager = "kube-apiserver" }, committed, false, uid);
        RunAfterCommit(committed);
        return result;
    }

    private WriteResult CreateLocked(ResourceType type, string? ns, JsonObject obj, WriteOptions o, List<ChangeRecord> committed,
        bool managedAlready, string? fixedUid = null)
    {
        if (!type.Supports("create")) throw ApiErrors.MethodNotAllowed();
        var warnings = new List<string>();
        CheckTypeOf(type, obj);
        var meta = ObjectMeta.Meta(obj);
        ns = ResolveNamespace(type, ns, meta);
        if (!string.IsNullOrEmpty(ServerJson.Str(meta, "resourceVersion")))
            throw new ApiException(500, "", "resourceVersion should not be set on objects to be created");
        if (!managedAlready) HandleUnknownFields(type, obj, o.FieldValidation, warnings, patch: false);

        var name = ServerJson.Str(meta, "name") ?? "";
        var generateName = ServerJson.Str(meta, "generateName") ?? "";
        if (type.Namespaced) AdmitCreate(type, ns, name);

        if (type.HasStatus && type.Kind != "Node") obj.Remove("status");
        foreach (var f in new[] { "uid", "generation", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "selfLink" })
            meta.Remove(f);
        var generated = name.Length == 0 && generateName.Length > 0;
        if (generated) name = GenerateName(type, ns, generateName);
        if (name.Length > 0) meta["name"] = name;

        var ctx = Context();
        type.Strategy.PrepareForCreate(obj, ctx);
        type.Schema?.ApplyDefaults(obj);
        Admit(type, "CREATE", ns, obj, null);
        Validate(type, obj, null);

        o.Admit?.Invoke(type, obj);
        if (Find(type, ns, name) is { } existing)
            throw ApiErrors.AlreadyExists(type.Group, type.Plural, name, ObjectMeta.IsDeleting(existing));

        meta["uid"] = fixedUid ?? Guid.NewGuid().ToString();
        meta["creationTimestamp"] = ObjectMeta.Timestamp(ctx.Now);
        if (type.BumpsGeneration) meta["generation"] = 1;
        if (!managedAlready) FieldManagement.RecordUpdate(type, null, obj, o.FieldManager ?? DefaultManager, o.Subresource, ctx.Now);
        if (o.DryRun) return new WriteResult(Output(type, ObjectMeta.Canonical(obj)), true, warnings);
        var record = Commit(type, "ADDED", null, obj, committed);
        return new WriteResult(Output(type, record.New), true, warnings);
    }

    private string GenerateName(ResourceType type, string ns, string prefix)
    {
        if (prefix.Length > 58) prefix = prefix[..58];
        for (var attempt = 0; attempt < 8; attempt++)
        {
            var chars = new char[5];
            for (var i = 0; i < chars.Length; i++) chars[i] = NameAlphabet[RandomNumberGenerator.GetInt32(NameAlphabet.Length)];
            var candidate = prefix + new string(chars);
            if (Find(type, ns, candidate) is null) return candidate;
        }
        throw ApiErrors.AlreadyExists(type.Group, type.Plural, prefix);
    }

    /// <summary>The namespace lifecycle admission: 404 for a missing namespace, 403 for a terminating one.</summary>
    private void AdmitCreate(ResourceType type, string ns, string name)
    {
        var nsType = Types.Find("", "v1", "namespaces")!;
        var nsObj = Find(nsType, "", ns);
        if (nsObj is null) throw ApiErrors.NotFound("", "namespaces", ns);
        if (ObjectMeta.IsDeleting(nsObj))
            throw ApiErrors.Forbidden(type.Group, type.Plural, name,
                $"unable to create new content in namespace {ns} because it is being terminated",
                [new StatusCause("NamespaceTerminating", $"namespace {ns} is being terminated", "metadata.namespace")]);
    }

    /// <summary>The namespace of a write: the URL's, defaulted into the body; 400 when they differ.</summary>
    private static string ResolveNamespace(ResourceType type, string? ns, JsonObject meta)
    {
        if (!type.Namespaced)
        {
            meta.Remove("namespace");
            return "";
        }
        var bodyNs = ServerJson.Str(meta, "namespace") ?? "";
        if (string.IsNullOrEmpty(ns)) ns = bodyNs;
        else if (bodyNs.Length > 0 && bodyNs != ns)
            throw ApiErrors.BadRequest("the namespace of the provided object does not match the namespace sent on the request");
        if (string.IsNullOrEmpty(ns)) throw ApiErrors.BadRequest("an empty namespace may not be set during creation");
        meta["namespace"] = ns;
        return ns;
    }

    /// <summary>apiVersion and kind of a body must be the URL's (defaulted when absent).</summary>
    private static void CheckTypeOf(ResourceType type, JsonObject obj)
    {
        var apiVersion = ServerJson.Str(obj, "apiVersion");
        var kind = ServerJson.Str(obj, "kind");
        if (!string.IsNullOrEmpty(kind) && kind != type.Kind)
            throw ApiErrors.BadRequest($"{kind} in version {Strconv.Quote(type.Version)} cannot be handled as a {type.Kind}: the kind in the data ({kind}) does not match the expected kind ({type.Kind})");
        if (!string.IsNullOrEmpty(apiVersion) && apiVersion != type.ApiVersion)
            throw ApiErrors.BadRequest($"the API version in the data ({apiVersion}) does not match the expected API version ({type.ApiVersion})");
        obj["kind"] = type.Kind;
        obj["apiVersion"] = type.ApiVersion;
    }

    /// <summary>
    /// fieldValidation: unknown fields are pruned (custom resources: by the schema; built-ins: top-level and metadata fields),
    /// and reported as warnings (Warn) or as the real 400 (Strict).
    /// </summary>
    private static void HandleUnknownFields(ResourceType type, JsonObject obj, FieldValidation mode, List<string> warnings, bool patch)
    {
        var unknown = UnknownFields(type, obj);
        if (unknown.Count == 0) return;
        switch (mode)
        {
            case FieldValidation.Strict:
                var text = "strict decoding error: " + string.Join(", ", unknown.Select(u => $"unknown field {Strconv.Quote(u)}"));
                throw ApiErrors.BadRequest(patch ? text : $"{type.Kind} in version {Strconv.Quote(type.Version)} cannot be handled as a {type.Kind}: {text}");
            case FieldValidation.Warn:
                warnings.AddRange(unknown.Select(u => $"unknown field {Strconv.Quote(u)}"));
                break;
        }
    }

    /// <summary>Removes undeclared fields and returns their paths (spec.foo).</summary>
    internal static List<string> UnknownFields(ResourceType type, JsonObject obj)
    {
        if (type.Schema is { } schema) return [.. schema.Prune(obj)];
        var unknown = new List<string>();
        if (type.TopLevelFields is { } declared)
            foreach (var (k, _) in obj.ToList())
                if (k is not ("apiVersion" or "kind" or "metadata") && !declared.Contains(k))
                {
                    unknown.Add(k);
                    obj.Remove(k);
                }
        if (ServerJson.Obj(obj, "metadata") is { } meta)
            foreach (var (k, _) in meta.ToList())
                if (!ObjectMeta.KnownFields.Contains(k))
                {
                    unknown.Add("metadata." + k);
                    meta.Remove(k);
                }
        return unknown;
    }

    /// <summary>Metadata, kind-specific and schema validation; 422 Invalid with every error.</summary>
    private static void Validate(ResourceType type, JsonObject obj, JsonObject? old)
    {
        var errors = new List<FieldError>();
        MetadataValidation.Validate(obj, type.Strategy.NameRule, errors);
        type.Strategy.Validate(obj, old, errors);
        if (type.Schema is { } schema) errors.AddRange(schema.Validate(obj, old));
        if (old is not null)
        {
            var oldMeta = ServerJson.Obj(old, "metadata");
            var meta = ServerJson.Obj(obj, "metadata");
            if (ServerJson.Str(meta, "name") != ServerJson.Str(oldMeta, "name"))
                errors.Add(new FieldError(FieldErrorType.Invalid, "metadata.name",
                    Strconv.Quote(ServerJson.Str(meta, "name") ?? ""), "field is immutable"));
        }
        if (errors.Count > 0) throw ApiErrors.Invalid(type.Group, type.Kind, ObjectMeta.Name(obj), errors);
    }
}
