using System.Text.Json.Nodes;

namespace Liqo.Sandbox.ApiServer;

/// <summary>One entry of status.details.causes.</summary>
public sealed record StatusCause(string Reason, string Message, string? Field = null);

/// <summary>
/// An API error: what the API server answers as a metav1.Status with HTTP status <see cref="Code"/>.
/// The store throws it in-process; the HTTP layer writes <see cref="ToStatus"/> as the response body.
/// </summary>
public sealed class ApiException : Exception
{
    public ApiException(int code, string reason, string message, string? name = null, string? group = null, string? kind = null,
        string? uid = null, IReadOnlyList<StatusCause>? causes = null, int? retryAfterSeconds = null) : base(message)
    {
        Code = code;
        Reason = reason;
        Name = name;
        Group = group;
        Kind = kind;
        Uid = uid;
        Causes = causes ?? [];
        RetryAfterSeconds = retryAfterSeconds;
    }

    public int Code { get; }
    /// <summary>The StatusReason (NotFound, Conflict, ...); empty for StatusReasonUnknown.</summary>
    public string Reason { get; }
    public string? Name { get; }
    public string? Group { get; }
    public string? Kind { get; }
    public string? Uid { get; }
    public IReadOnlyList<StatusCause> Causes { get; }
    public int? RetryAfterSeconds { get; }

    /// <summary>The metav1.Status body, shaped like the API server's (empty fields omitted).</summary>
    public JsonObject ToStatus()
    {
        var status = new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = "Failure",
            ["message"] = Message,
        };
        if (!string.IsNullOrEmpty(Reason)) status["reason"] = Reason;
        var details = new JsonObject();
        if (!string.IsNullOrEmpty(Name)) details["name"] = Name;
        if (!string.IsNullOrEmpty(Group)) details["group"] = Group;
        if (!string.IsNullOrEmpty(Kind)) details["kind"] = Kind;
        if (!string.IsNullOrEmpty(Uid)) details["uid"] = Uid;
        if (Causes.Count > 0)
        {
            var arr = new JsonArray();
            foreach (var c in Causes)
            {
                var o = new JsonObject();
                if (c.Reason.Length > 0) o["reason"] = c.Reason;
                o["message"] = c.Message;
                if (c.Field is not null) o["field"] = c.Field;
                arr.Add(o);
            }
            details["causes"] = arr;
        }
        if (RetryAfterSeconds is { } r) details["retryAfterSeconds"] = r;
        if (details.Count > 0) status["details"] = details;
        status["code"] = Code;
        return status;
    }
}
