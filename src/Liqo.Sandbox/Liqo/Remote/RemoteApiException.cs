using System.Text.Json.Nodes;

namespace Liqo.Sandbox.Liqo.Remote;

/// <summary>A failed request to a remote API server: the HTTP status and the Status message (or a transport error).</summary>
internal sealed class RemoteApiException(int statusCode, string reason, string message, Exception? inner = null) : Exception(message, inner)
{
    public int StatusCode { get; } = statusCode;
    public string Reason { get; } = reason;

    public static RemoteApiException FromStatus(int code, JsonObject? status) =>
        new(code, status?["reason"]?.GetValue<string>() ?? "", status?["message"]?.GetValue<string>() ?? $"the server answered {code}");
}
