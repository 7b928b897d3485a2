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

    public bool IsNotFound => Code == 404;

    public bool IsConflict => Code == 409 && Reason == "Conflict";

    public bool IsAlreadyExists => Code == 409 && Reason == "AlreadyExists";
}
