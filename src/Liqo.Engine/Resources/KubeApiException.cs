namespace Liqo.Engine.Resources;

/// <summary>
/// An API server answer other than 401/403 that the caller may handle (404, 409, 422...): the HTTP code, the Status
/// reason and the server's message. Unhandled, it reaches the user as ErrorId ApiError.
/// </summary>
public sealed class KubeApiException(int code, string reason, string message, object? target, LiqoErrorCategory category)
    : LiqoException(ErrorIds.ApiError, category, target, message)
{
    public int Code { get; } = code;

    /// <summary>metav1.Status reason: NotFound, AlreadyExists, Conflict, Invalid, Expired...</summary>
    public string Reason { get; } = reason;

    /// <summary>The answer's Retry-After header (429, 503), when it carried one.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>metav1.Status details.causes: for 422 Invalid, each field the server refused and why.</summary>
    public IReadOnlyList<StatusCause> Causes { get; init; } = [];

    /// <summary>metav1.Status details.kind: the resource the answer is about (a 404 on a create names "namespaces" when the namespace is gone).</summary>
    public string? DetailsKind { get; init; }

    public bool IsNotFound => Code == 404;

    /// <summary>A create into a namespace that does not exist (any more).</summary>
    public bool IsNamespaceNotFound => Code == 404 && DetailsKind == "namespaces";

    public bool IsConflict => Code == 409 && Reason == "Conflict";

    public bool IsAlreadyExists => Code == 409 && Reason == "AlreadyExists";

    /// <summary>An answer worth asking again: 429 (throttled) or 500/502/503/504 (the server or a proxy in front of it failed).</summary>
    public bool IsTransient => Code is 429 or 500 or 502 or 503 or 504;
}
