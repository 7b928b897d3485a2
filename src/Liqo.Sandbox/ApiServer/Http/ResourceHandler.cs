using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Liqo.Sandbox.ApiServer.Go;
using Liqo.Sandbox.ApiServer.Printing;
using Liqo.Sandbox.ApiServer.Security;
using Liqo.Sandbox.ApiServer.Storage;
using Liqo.Sandbox.ApiServer.Types;
using Microsoft.AspNetCore.Http;

namespace Liqo.Sandbox.ApiServer.Http;

/// <summary>get, list, create, update, patch, delete and deletecollection on a resource (watch is <see cref="WatchHandler"/>).</summary>
internal sealed class ResourceHandler(ClusterStore store, RbacAuthorizer rbac, TimeProvider time)
{
    private const int MaxBody = 3 * 1024 * 1024;

    public async Task<ApiResponse> HandleAsync(HttpContext ctx, RequestInfo info, ResourceType type, UserInfo user, MediaTypes accept)
    {
        var q = ctx.Request.Query;
        var ns = type.Namespaced ? info.Namespace : null;
        var sub = info.Subresource.Length > 0 ? info.Subresource : null;
        switch (info.Verb)
        {
            case "get":
            {
                if (sub is not null && sub != "status" && !IsApproval(type, sub) || sub == "status" && !type.HasStatus) throw ApiErrors.NotFoundUrlError();
                var obj = store.Get(type, ns, info.Name);
                if (q["fieldSelector"].ToString() is { Length: > 0 } fs && fs.StartsWith("metadata.name=", StringComparison.Ordinal) &&
                    fs["metadata.name=".Length..] != info.Name)
                    throw ApiErrors.BadRequest("fieldSelector metadata.name doesn't match requested name");
                return ApiResponse.Ok(Render(type, [obj], ObjectMeta.ResourceVersion(obj), null, accept, q, single: true));
            }
            case "list":
            {
                var result = store.List(type, ns, new ListOptions
                {
                    LabelSelector = q["labelSelector"], FieldSelector = q["fieldSelector"],
                    Limit = int.TryParse(q["limit"], out var limit) ? limit : null, Continue = q["continue"],
                    ResourceVersion = q["resourceVersion"],
                });
                return ApiResponse.Ok(Render(type, result.Items, result.ResourceVersion, result, accept, q, single: false));
            }
            case "create":
            {
                if (sub == "eviction" && type.Key == "/pods")
                    return new EvictionHandler(store).Evict(ns ?? "", info.Name, await ReadObjectAsync(ctx, type, ProtobufBodies.EvictionKey), DryRun(q["dryRun"]));
                if (sub is not null) throw ApiErrors.MethodNotAllowed();
                var body = await ReadObjectAsync(ctx, type);
                if (type.Key == "authorization.k8s.io/selfsubjectaccessreviews") return ApiResponse.Ok(AccessReview(body, user), 201);
                var options = WriteOptionsFrom(ctx, null, type, user);
                if (type.Key == CertificateSigningRequestStrategy.Key) options = options with { Admit = (_, csr) => StampRequester(csr, user) };
                var r = store.Create(type, ns, body, options);
                return WithWarnings(ApiResponse.Ok(r.Object, 201), r.Warnings);
            }
            case "update":
            {
                var body = await ReadObjectAsync(ctx, type);
                if (IsApproval(type, sub)) CheckApprover(type, info.Name, user);
                var r = store.Update(type, ns, info.Name, body, WriteOptionsFrom(ctx, sub, type, user));
                return WithWarnings(ApiResponse.Ok(r.Object, r.Created ? 201 : 200), r.Warnings);
            }
            case "patch":
            {
                var contentType = ctx.Request.ContentType?.Split(';')[0].Trim().ToLowerInvariant() ?? "";
                PatchType? pt = contentType switch
                {
                    "application/json-patch+json" => PatchType.JsonPatch,
                    "application/merge-patch+json" => PatchType.MergePatch,
                    "application/strategic-merge-patch+json" => PatchType.StrategicMergePatch,
                    "application/apply-patch+yaml" => PatchType.Apply,
                    _ => null,
                };
                if (pt is null)
                    throw ApiErrors.UnsupportedMediaType(type.IsCustom
                        ? "application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml"
                        : "application/json-patch+json, application/merge-patch+json, application/strategic-merge-patch+json, application/apply-patch+yaml");
                var text = await ReadTextAsync(ctx);
                JsonNode? patch;
                try
                {
                    patch = pt == PatchType.Apply && !text.TrimStart().StartsWith('{') ? YamlToJson.Convert(text)
                        : ServerJson.Parse(text);
                }
                catch (JsonException e)
                {
                    throw ApiErrors.BadRequest("error decoding patch: " + e.Message);
                }
                if (patch is null) throw ApiErrors.BadRequest("error decoding patch: the patch is empty");
                if (IsApproval(type, sub)) CheckApprover(type, info.Name, user);
                var r = store.Patch(type, ns, info.Name, pt.Value, patch, WriteOptionsFrom(ctx, sub, type, user));
                return WithWarnings(ApiResponse.Ok(r.Object, r.Created ? 201 : 200), r.Warnings);
            }
            case "delete":
            {
                if (sub is not null) throw ApiErrors.MethodNotAllowed();
                var options = await DeleteOptionsFromAsync(ctx);
                var r = store.Delete(type, ns, info.Name, options);
                if (!r.Deleted || type.ReturnDeletedObject) return ApiResponse.Ok(r.Object);
                var details = new JsonObject { ["name"] = info.Name };
                if (type.Group.Length > 0) details["group"] = type.Group;
                details["kind"] = type.Plural;
                details["uid"] = ObjectMeta.Uid(r.Object);
                return ApiResponse.Ok(new JsonObject
                {
                    ["kind"] = "Status", ["apiVersion"] = "v1", ["metadata"] = new JsonObject(), ["status"] = "Success", ["details"] = details,
                });
            }
            case "deletecollection":
            {
                var options = await DeleteOptionsFromAsync(ctx);
                var deleted = store.DeleteCollection(type, ns, new ListOptions { LabelSelector = q["labelSelector"], FieldSelector = q["fieldSelector"] }, options);
                var items = new JsonArray(deleted.Select(o => (JsonNode)Strip(type, o)).ToArray());
                return ApiResponse.Ok(new JsonObject
                {
                    ["kind"] = type.ListKind, ["apiVersion"] = type.ApiVersion,
                    ["metadata"] = new JsonObject { ["resourceVersion"] = store.ResourceVersion.ToString(CultureInfo.InvariantCulture) }, ["items"] = items,
                });
            }
            default:
                throw ApiErrors.MethodNotAllowed();
        }
    }

    private static ApiResponse WithWarnings(ApiResponse r, IReadOnlyList<string> warnings)
    {
        r.Warnings.AddRange(warnings);
        return r;
    }

    private static JsonObject Strip(ResourceType type, JsonObject o)
    {
        if (!type.IsCustom)
        {
            o.Remove("kind");
            o.Remove("apiVersion");
        }
        return o;
    }

    /// <summary>A list or single object as JSON, as a Table, or as PartialObjectMetadata(List), as the Accept header asks.</summary>
    private JsonNode Render(ResourceType type, IReadOnlyList<JsonObject> items, string rv, StoreListResult? list,
        MediaTypes accept, IQueryCollection q, bool single)
    {
        var chosen = accept.Choose("Table", single ? "PartialObjectMetadata" : "PartialObjectMetadataList")
            ?? throw ApiErrors.NotAcceptable(MediaTypes.Accepted);
        switch (chosen)
        {
            case "Table":
            {
                var include = q["includeObject"].ToString() switch { "None" => IncludeObject.None, "Object" => IncludeObject.Object, _ => IncludeObject.Metadata };
                var full = items.Select(i => WithType(type, i)).ToList();
                return TablePrinters.BuildTable(type.TablePrinter(), full, rv, list?.Continue, include, false, time.GetUtcNow());
            }
            case "PartialObjectMetadata":
                return PartialMetadata(items[0]);
            case "PartialObjectMetadataList":
                return new JsonObject
                {
                    ["kind"] = "PartialObjectMetadataList", ["apiVersion"] = "meta.k8s.io/v1", ["metadata"] = ListMeta(rv, list),
                    ["items"] = new JsonArray(items.Select(i => (JsonNode)PartialMetadata(i)).ToArray()),
                };
        }
        if (single) return items[0];
        return new JsonObject
        {
            ["kind"] = type.ListKind, ["apiVersion"] = type.ApiVersion, ["metadata"] = ListMeta(rv, list),
            ["items"] = new JsonArray(items.Select(i => (JsonNode)i).ToArray()),
        };
    }

    private static JsonObject WithType(ResourceType type, JsonObject o)
    {
        o["kind"] = type.Kind;
        o["apiVersion"] = type.ApiVersion;
        return ObjectMeta.Canonical(o);
    }

    private static JsonObject ListMeta(string rv, StoreListResult? list)
    {
        var meta = new JsonObject { ["resourceVersion"] = rv };
        if (list?.Continue is { } c) meta["continue"] = c;
        if (list?.RemainingItemCount is { } n) meta["remainingItemCount"] = n;
        return meta;
    }

    private static JsonObject PartialMetadata(JsonObject o) => new()
    {
        ["kind"] = "PartialObjectMetadata", ["apiVersion"] = "meta.k8s.io/v1", ["metadata"] = ServerJson.Obj(o, "metadata")?.DeepClone(),
    };

    /// <summary>SelfSubjectAccessReview: answered from the authorizer for the requesting user (201, not stored).</summary>
    private JsonObject AccessReview(JsonObject body, UserInfo user)
    {
        var spec = ServerJson.Obj(body, "spec");
        var ra = ServerJson.Obj(spec, "resourceAttributes");
        var nra = ServerJson.Obj(spec, "nonResourceAttributes");
        if (ra is null && nra is null)
            throw ApiErrors.Invalid("authorization.k8s.io", "SelfSubjectAccessReview", "",
                new FieldError(FieldErrorType.Invalid, "spec.resourceAttributes", null, "exactly one of nonResourceAttributes or resourceAttributes must be specified"));
        var attrs = ra is not null
            ? new AuthorizationAttributes(ServerJson.Str(ra, "verb") ?? "", true, ServerJson.Str(ra, "group") ?? "",
                ServerJson.Str(ra, "resource") ?? "", ServerJson.Str(ra, "subresource") ?? "",
                ServerJson.Str(ra, "namespace") ?? "", ServerJson.Str(ra, "name") ?? "", "")
            : new AuthorizationAttributes(ServerJson.Str(nra, "verb") ?? "", false, "", "", "", "", "",
                ServerJson.Str(nra, "path") ?? "");
        var (allowed, reason) = rbac.Authorize(user, attrs);
        var status = new JsonObject { ["allowed"] = allowed };
        if (reason.Length > 0) status["reason"] = reason;
        return new JsonObject
        {
            ["kind"] = "SelfSubjectAccessReview", ["apiVersion"] = "authorization.k8s.io/v1",
            ["metadata"] = new JsonObject { ["creationTimestamp"] = null }, ["spec"] = spec?.DeepClone() ?? new JsonObject(), ["status"] = status,
        };
    }

    private static bool IsApproval(ResourceType type, string? sub) => sub == "approval" && type.Key == CertificateSigningRequestStrategy.Key;

    /// <summary>The CSR registry's PrepareForCreate: spec.username, uid and groups are the requesting user's, never the client's.</summary>
    private static void StampRequester(JsonObject csr, UserInfo user)
    {
        var spec = ServerJson.Ensure(csr, "spec");
        spec["username"] = user.Name;
        spec["groups"] = new JsonArray(user.Groups.Select(g => (JsonNode?)JsonValue.Create(g)).ToArray());
        spec.Remove("uid");
        spec.Remove("extra");
    }

    /// <summary>
    /// The CertificateSigningRequest approval admission: besides update on certificatesigningrequests/approval, the user
    /// needs approve on signers (certificates.k8s.io) named after the signer, or its domain with /*.
    /// </summary>
    private void CheckApprover(ResourceType type, string name, UserInfo user)
    {
        if (user.IsMaster) return;
        var signer = ServerJson.Str(ServerJson.Obj(store.Get(type, null, name), "spec"), "signerName") ?? "";
        var domainWildcard = signer.Split('/')[0] + "/*";
        foreach (var resourceName in new[] { signer, domainWildcard })
            if (rbac.Authorize(user, new AuthorizationAttributes("approve", true, "certificates.k8s.io", "signers", "", "", resourceName, "")).Allowed)
                return;
        throw ApiErrors.Forbidden(type.Group, type.Plural, name, $"user not permitted to approve requests with signerName {Strconv.Quote(signer)}");
    }

    private WriteOptions WriteOptionsFrom(HttpContext ctx, string? sub, ResourceType type, UserInfo user)
    {
        var q = ctx.Request.Query;
        var fv = q["fieldValidation"].ToString();
        var validation = fv switch
        {
            "" or "Warn" => FieldValidation.Warn,
            "Strict" => FieldValidation.Strict,
            "Ignore" => FieldValidation.Ignore,
            _ => throw ApiErrors.BadRequest($"fieldValidation: Unsupported value: {Strconv.Quote(fv)}: supported values: \"Ignore\", \"Strict\", \"Warn\""),
        };
        bool? force = null;
        if (q.TryGetValue("force", out var f)) force = f.ToString() is "true" or "1";
        var manager = q["fieldManager"].ToString();
        var isApply = ctx.Request.ContentType?.StartsWith("application/apply-patch", StringComparison.OrdinalIgnoreCase) == true;
        if (manager.Length == 0 && !isApply)
        {
            // Like the real server: without fieldManager, the User-Agent up to the first '/' (at most 128 characters).
            manager = ctx.Request.Headers.UserAgent.ToString().Split('/')[0];
            if (manager.Length > 128) manager = manager[..128];
        }
        return new WriteOptions
        {
            FieldManager = manager.Length > 0 ? manager : null,
            FieldValidation = validation,
            DryRun = DryRun(q["dryRun"]),
            Subresource = sub,
            Force = force,
            Admit = EscalationCheck.Applies(type) && !user.IsMaster ? new EscalationCheck(store, rbac, user).Check : null,
        };
    }

    internal static bool DryRun(string? value) => value switch
    {
        null or "" => false,
        "All" => true,
        _ => throw ApiErrors.BadRequest($"dryRun: Unsupported value: {Strconv.Quote(value)}: supported values: \"All\""),
    };

    private static async Task<DeleteOptions> DeleteOptionsFromAsync(HttpContext ctx)
    {
        var q = ctx.Request.Query;
        var policy = q["propagationPolicy"].ToString() is { Length: > 0 } p ? p : null;
        if (q.TryGetValue("orphanDependents", out var od) && policy is null) policy = od.ToString() == "true" ? "Orphan" : "Background";
        long? grace = long.TryParse(q["gracePeriodSeconds"], out var g) ? g : null;
        var options = new DeleteOptions { PropagationPolicy = policy, GracePeriodSeconds = grace, DryRun = DryRun(q["dryRun"]) };
        var text = await ReadTextAsync(ctx);
        if (string.IsNullOrWhiteSpace(text)) return options;
        JsonObject? body;
        try
        {
            body = ServerJson.Parse(text) as JsonObject;
        }
        catch (JsonException e)
        {
            throw ApiErrors.BadRequest("couldn't get version/kind; json parse error: " + e.Message);
        }
        return WithBody(options, body);
    }

    /// <summary>A DeleteOptions body (of a DELETE, or an Eviction's deleteOptions) over the query's options.</summary>
    internal static DeleteOptions WithBody(DeleteOptions options, JsonObject? body)
    {
        if (body is null) return options;
        if (ServerJson.Str(body, "propagationPolicy") is { } bp) options = options with { PropagationPolicy = bp };
        else if (body["orphanDependents"] is JsonValue ov && ov.TryGetValue<bool>(out var orphan)) options = options with { PropagationPolicy = orphan ? "Orphan" : "Background" };
        if (body["gracePeriodSeconds"] is JsonValue gv && gv.TryGetValue<long>(out var bg)) options = options with { GracePeriodSeconds = bg };
        if (ServerJson.Arr(body, "dryRun") is { Count: > 0 } dr) options = options with { DryRun = DryRun(dr[0]?.GetValue<string>()) };
        var pre = ServerJson.Obj(body, "preconditions");
        return options with { PreconditionUid = ServerJson.Str(pre, "uid"), PreconditionResourceVersion = ServerJson.Str(pre, "resourceVersion") };
    }

    private static async Task<string> ReadTextAsync(HttpContext ctx)
    {
        using var ms = new MemoryStream();
        var buffer = new byte[16384];
        int n;
        while ((n = await ctx.Request.Body.ReadAsync(buffer, ctx.RequestAborted)) > 0)
        {
            ms.Write(buffer, 0, n);
            if (ms.Length > MaxBody) throw new ApiException(413, "RequestEntityTooLarge", $"Request entity too large: limit is {MaxBody}");
        }
        return Encoding.UTF8.GetString(ms.GetBuffer(), 0, (int)ms.Length);
    }

    /// <summary>The body of a create or update: JSON or YAML; 415 for other media types.</summary>
    private static async Task<JsonObject> ReadObjectAsync(HttpContext ctx, ResourceType type, string? protobufKey = null)
    {
        var contentType = ctx.Request.ContentType?.Split(';')[0].Trim().ToLowerInvariant() ?? "application/json";
        protobufKey ??= type.Key;
        if (contentType == "application/vnd.kubernetes.protobuf" && ProtobufBodies.Supports(protobufKey))
        {
            using var ms = new MemoryStream();
            await ctx.Request.Body.CopyToAsync(ms, ctx.RequestAborted);
            return ProtobufBodies.Decode(protobufKey, ms.ToArray());
        }
        if (contentType is not ("application/json" or "application/yaml" or "" or "*/*"))
            throw ApiErrors.UnsupportedMediaType(MediaTypes.Accepted);
        var text = await ReadTextAsync(ctx);
        JsonNode? node;
        try
        {
            node = contentType == "application/yaml" ? YamlToJson.Convert(text) : ServerJson.Parse(text);
        }
        catch (JsonException e)
        {
            throw ApiErrors.BadRequest("couldn't get version/kind; json parse error: " + e.Message);
        }
        return node as JsonObject ?? throw ApiErrors.BadRequest($"{type.Kind} in version {Strconv.Quote(type.Version)} cannot be handled as a {type.Kind}: the body is not an object");
    }
}
