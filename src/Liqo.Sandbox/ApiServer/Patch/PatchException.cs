namespace Liqo.Sandbox.ApiServer.Patch;

/// <summary>
/// A patch that cannot be applied. <see cref="StatusCode"/> and <see cref="Reason"/> are what the API server answers
/// (e.g. 422 Invalid for a failed JSON-patch test, 400 BadRequest for a malformed patch); <see cref="Exception.Message"/>
/// is the Status message, worded like the real server.
/// </summary>
/// <remarks>
/// <see cref="Reason"/> is empty when the real server answers with a plain error (500 without a reason, which
/// apimachinery's <c>ErrorToAPIStatus</c> produces for errors that are not API statuses).
/// </remarks>
public sealed class PatchException(int statusCode, string reason, string message) : Exception(message)
{
    public int StatusCode { get; } = statusCode;
    public string Reason { get; } = reason;

    /// <summary>
    /// The engine's own explanation when the Status message is generic. A real API server hides it: a failed JSON
    /// patch answers only "the server rejected our request due to an error in our request" (no causes). The sandbox
    /// keeps it for its request log; it must not be put in the response.
    /// </summary>
    internal string? Detail { get; init; }

    /// <summary>400 BadRequest with the given message.</summary>
    internal static PatchException BadRequest(string message) => new(400, "BadRequest", message);

    /// <summary>
    /// 422 Invalid as <c>NewGenericServerResponse(422, …, isUnexpectedResponse=false)</c> builds it: a fixed message,
    /// no causes. <paramref name="detail"/> is what the real server computed and threw away.
    /// </summary>
    internal static PatchException GenericInvalid(string detail) =>
        new(422, "Invalid", "the server rejected our request due to an error in our request") { Detail = detail };

    /// <summary>500 with no reason: a plain Go error passed through <c>ErrorToAPIStatus</c>.</summary>
    internal static PatchException Plain(string message) => new(500, "", message);
}
