using Liqo.Sandbox.ApiServer.Go;

namespace Liqo.Sandbox.ApiServer;

/// <summary>The API server's errors with its exact messages (apimachinery pkg/api/errors).</summary>
public static class ApiErrors
{
    public const string NotFoundUrl = "the server could not find the requested resource";

    /// <summary>"configmaps" or "foreignclusters.core.liqo.io".</summary>
    public static string Qualified(string group, string resource) => group.Length == 0 ? resource : resource + "." + group;

    public static ApiException NotFound(string group, string resource, string name) =>
        new(404, "NotFound", $"{Qualified(group, resource)} {Strconv.Quote(name)} not found", name, group, resource);

    public static ApiException NotFoundUrlError() => new(404, "NotFound", NotFoundUrl);

    public static ApiException AlreadyExists(string group, string resource, string name, bool beingDeleted = false) =>
        new(409, "AlreadyExists", (beingDeleted ? "object is being deleted: " : "") + $"{Qualified(group, resource)} {Strconv.Quote(name)} already exists",
            name, group, resource);

    public static ApiException Conflict(string group, string resource, string name, string detail) =>
        new(409, "Conflict", $"Operation cannot be fulfilled on {Qualified(group, resource)} {Strconv.Quote(name)}: {detail}", name, group, resource);

    public const string ModifiedDetail = "the object has been modified; please apply your changes to the latest version and try again";

    public static ApiException Modified(string group, string resource, string name) => Conflict(group, resource, name, ModifiedDetail);

    /// <summary>422: <c>Kind.group "name" is invalid: e</c> or <c>[e1, e2]</c>.</summary>
    public static ApiException Invalid(string group, string kind, string name, IReadOnlyList<FieldError> errors)
    {
        var list = errors.Count == 1 ? errors[0].ToString() : "[" + string.Join(", ", errors.Select(e => e.ToString())) + "]";
        var qualifiedKind = group.Length == 0 ? kind : kind + "." + group;
        return new ApiException(422, "Invalid", $"{qualifiedKind} {Strconv.Quote(name)} is invalid: {list}", name, group, kind,
            causes: errors.Select(e => new StatusCause(e.CauseReason, e.MessageWithoutField, e.Field)).ToList());
    }

    public static ApiException Invalid(string group, string kind, string name, FieldError error) => Invalid(group, kind, name, [error]);

    public static ApiException BadRequest(string message) => new(400, "BadRequest", message);

    public static ApiException Unauthorized() => new(401, "Unauthorized", "Unauthorized");

    public static ApiException Forbidden(string group, string resource, string name, string detail, IReadOnlyList<StatusCause>? causes = null)
    {
        var q = Qualified(group, resource);
        var msg = name.Length == 0 ? $"{q} is forbidden: {detail}" : $"{q} {Strconv.Quote(name)} is forbidden: {detail}";
        return new ApiException(403, "Forbidden", msg, name, group, resource, causes: causes);
    }

    public static ApiException MethodNotAllowed() =>
        new(405, "MethodNotAllowed", "the server does not allow this method on the requested resource");

    public static ApiException NotAcceptable(string accepted) =>
        new(406, "NotAcceptable", "only the following media types are accepted: " + accepted);

    public static ApiException UnsupportedMediaType(string accepted) =>
        new(415, "UnsupportedMediaType", "the body of the request was in an unknown format - accepted media types include: " + accepted);

    public static ApiException Expired(string message) => new(410, "Expired", message);

    public static ApiException Internal(string message) =>
        new(500, "InternalError", "Internal error occurred: " + message, causes: [new StatusCause("", message)]);

    public static ApiException TooManyRequests(int retryAfterSeconds) =>
        new(429, "TooManyRequests", "Too many requests, please try again later.", retryAfterSeconds: retryAfterSeconds);

    public static ApiException ServiceUnavailable() =>
        new(503, "ServiceUnavailable", "the server is currently unable to handle the request");
}
