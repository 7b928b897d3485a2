namespace Liqo.Sandbox.ApiServer.Patch;

/// <summary>
/// A patch that cannot be applied. <see cref="StatusCode"/> and <see cref="Reason"/> are what the API server answers
/// (e.g. 422 Invalid for a failed JSON-patch test, 400 BadRequest for a malformed patch); <see cref="Exception.Message"/>
/// is the Status message, worded like the real server.
/// </summary>
public sealed class PatchException(int statusCode, string reason, string message) : Exception(message)
{
    public int StatusCode { get; } = statusCode;
    public string Reason { get; } = reason;
}
