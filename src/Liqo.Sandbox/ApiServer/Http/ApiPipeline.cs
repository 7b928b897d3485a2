using System.Text.Json.Nodes;
using Liqo.Sandbox.ApiServer.Audit;
using Liqo.Sandbox.ApiServer.Security;
using Liqo.Sandbox.ApiServer.Storage;
using Microsoft.AspNetCore.Http;

namespace Liqo.Sandbox.ApiServer.Http;

/// <summary>
/// The request pipeline of one cluster (a single terminal middleware): authentication → request info → fault injection →
/// authorization (RBAC unless system:masters) → discovery/OpenAPI/resource/watch handlers → one audit event per request.
/// </summary>
internal sealed class ApiPipeline(
    ClusterStore store,
    Authenticator authenticator,
    RbacAuthorizer authorizer,
    AuditLog audit,
    FaultInjector faults,
    DiscoveryHandler discovery,
    OpenApiHandler openApi,
    ResourceHandler resources,
    WatchHandler watches,
    TimeProvider time,
    CancellationToken shutdown)
{
    private static readonly string[] PublicPaths = ["/version", "/healthz", "/livez", "/readyz"];

    public async Task HandleAsync(HttpContext ctx)
    {
        if (faults.Unreachable)
        {
            // an outage: the connection drops unanswered, as from a server that is down or cut off
            ctx.Abort();
            return;
        }
        var received = time.GetUtcNow();
        var auditId = Guid.NewGuid().ToString();
        var path = ctx.Request.Path.Value ?? "/";
        var info = RequestInfo.Parse(ctx.Request.Method, path, ctx.Request.Query);
        UserInfo? user = null;
        UserInfo? impersonator = null;
        ApiResponse response;
        var decision = "";
        var reason = "";
        try
        {
            user = authenticator.Authenticate(ctx);
            if (user is null || (user == UserInfo.Anonymous && !PublicPaths.Contains(path.TrimEnd('/'))))
                throw ApiErrors.Unauthorized();
            if (Impersonation.Requested(ctx.Request.Headers))
            {
                // from here on the request acts as the impersonated user; the audit event names both
                impersonator = user;
                user = Impersonation.Apply(ctx.Request.Headers, user, authorizer);
            }

            var fault = faults.Evaluate(info.Verb, info.Group, info.Resource, info.Subresource, info.Namespace, info.Name, user.Name, path);
            if (fault is not null && fault.Latency > TimeSpan.Zero) await Task.Delay(fault.Latency, ctx.RequestAborted);
            if (fault?.Error is { } injected) throw injected;

            var attrs = new AuthorizationAttributes(info.Verb, info.IsResourceRequest, info.Group, info.Resource, info.Subresource,
                info.Namespace, info.Name, path);
            if (user != UserInfo.Anonymous)
            {
                var (allowed, why) = authorizer.Authorize(user, attrs);
                if (!allowed)
                {
                    decision = "forbid";
                    throw RbacAuthorizer.Forbidden(user, attrs);
                }
                decision = "allow";
                reason = why;
            }

            var accept = new MediaTypes(ctx.Request.Headers.Accept.ToString());
            if (!info.IsResourceRequest)
            {
                response = discovery.TryHandle(path, accept) ?? openApi.TryHandle(path) ?? ApiResponse.FromError(ApiErrors.NotFoundUrlError());
            }
            else
            {
                var type = store.Types.Find(info.Group, info.Version, info.Resource) ?? throw ApiErrors.NotFoundUrlError();
                if (type.Namespaced && !info.NamespaceInPath && info.Verb is not ("list" or "watch"))
                    throw info.Verb == "create" ? ApiErrors.MethodNotAllowed() : ApiErrors.NotFoundUrlError();
                if (!type.Namespaced && info.NamespaceInPath && type.Key != "/namespaces") throw ApiErrors.NotFoundUrlError();
                if (!type.Supports(info.Verb)) throw ApiErrors.MethodNotAllowed();
                if (info.Verb == "watch")
                {
                    var outcome = await watches.ServeAsync(ctx, info, type, accept, fault?.DropWatchAfterEvents, auditId, shutdown, faults.Outage);
                    WriteAudit(ctx, info, user, impersonator, auditId, received, outcome.Code, null, decision, reason);
                    return;
                }
                response = await resources.HandleAsync(ctx, info, type, user, accept);
            }
        }
        catch (ApiException e)
        {
            response = ApiResponse.FromError(e);
        }
        catch (OperationCanceledException) when (ctx.RequestAborted.IsCancellationRequested)
        {
            WriteAudit(ctx, info, user, impersonator, auditId, received, 499, null, decision, reason);
            return;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            response = ApiResponse.FromError(ApiErrors.Internal(e.GetType().Name + ": " + e.Message));
        }
        WriteAudit(ctx, info, user, impersonator, auditId, received, response.Code, response.Error, decision, reason, response.Body);
        try
        {
            await response.WriteAsync(ctx, auditId);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException)
        {
            // the client went away
        }
    }

    private void WriteAudit(HttpContext ctx, RequestInfo info, UserInfo? user, UserInfo? impersonator, string auditId, DateTimeOffset received, int code,
        ApiException? error, string decision, string reason, JsonNode? responseBody = null)
    {
        var requestUri = ctx.Request.Path.Value + ctx.Request.QueryString.Value;
        var ev = new JsonObject
        {
            ["kind"] = "Event",
            ["apiVersion"] = "audit.k8s.io/v1",
            ["level"] = "Metadata",
            ["auditID"] = auditId,
            ["stage"] = "ResponseComplete",
            ["requestURI"] = requestUri,
            ["verb"] = info.Verb,
            ["user"] = AuditUser(impersonator ?? user),
            ["sourceIPs"] = new JsonArray(ctx.Connection.RemoteIpAddress?.ToString() ?? "127.0.0.1"),
        };
        if (impersonator is not null && user is not null) ev["impersonatedUser"] = AuditUser(user);
        var ua = ctx.Request.Headers.UserAgent.ToString();
        if (ua.Length > 0) ev["userAgent"] = ua;
        if (info.IsResourceRequest)
        {
            var objectRef = new JsonObject { ["resource"] = info.Resource };
            if (info.Namespace.Length > 0) objectRef["namespace"] = info.Namespace;
            if (info.Name.Length > 0) objectRef["name"] = info.Name;
            // a create names its object in the body, not the URL: the real server's audit (LogRequestObject) fills the name
            // in from the decoded object; generateName is resolved later, so such a create stays without a name
            else if (info.Verb == "create" && info.Subresource.Length == 0 && responseBody is JsonObject created &&
                     created["metadata"] is JsonObject meta && meta["generateName"] is null && meta["name"]?.GetValue<string>() is { Length: > 0 } name)
                objectRef["name"] = name;
            if (info.Group.Length > 0) objectRef["apiGroup"] = info.Group;
            objectRef["apiVersion"] = info.Version;
            if (info.Subresource.Length > 0) objectRef["subresource"] = info.Subresource;
            ev["objectRef"] = objectRef;
        }
        var status = new JsonObject { ["metadata"] = new JsonObject() };
        if (error is not null)
        {
            status["status"] = "Failure";
            status["message"] = error.Message;
            if (error.Reason.Length > 0) status["reason"] = error.Reason;
        }
        status["code"] = code;
        ev["responseStatus"] = status;
        ev["requestReceivedTimestamp"] = AuditLog.Timestamp(received);
        ev["stageTimestamp"] = AuditLog.Timestamp(time.GetUtcNow());
        if (decision.Length > 0)
        {
            var annotations = new JsonObject { ["authorization.k8s.io/decision"] = decision };
            annotations["authorization.k8s.io/reason"] = reason;
            ev["annotations"] = annotations;
        }
        audit.Write(ev);
    }

    private static JsonObject AuditUser(UserInfo? user)
    {
        if (user is null) return new JsonObject();
        var o = new JsonObject { ["username"] = user.Name };
        if (user.Uid is not null) o["uid"] = user.Uid; // authentication/v1 UserInfo: username, uid, groups
        o["groups"] = new JsonArray(user.Groups.Select(g => (JsonNode)JsonValue.Create(g)!).ToArray());
        return o;
    }
}
