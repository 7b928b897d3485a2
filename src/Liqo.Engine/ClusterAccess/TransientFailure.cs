using System.Net.Sockets;
using System.Security.Authentication;
using Liqo.Engine.Resources;

namespace Liqo.Engine.ClusterAccess;

/// <summary>
/// Whether a failed request is worth sending again, and why, in words for a Verbose line: a throttled or failing server
/// (429, 500, 502, 503, 504), a connection refused, reset or dropped, a TLS handshake cut short, or no answer within the
/// request timeout. A certificate the kubeconfig does not trust, a name that does not resolve, 400, 401, 403, 404, 409 and
/// 422 are permanent: asking again would get the same answer.
/// </summary>
internal static class TransientFailure
{
    /// <summary>The reason to retry <paramref name="e"/>, or null when it is permanent.</summary>
    public static string? Reason(Exception e)
    {
        if (e is KubeApiException api)
            return api.IsTransient
                ? $"{api.Code} {(api.Reason.Length > 0 ? api.Reason : "from the server")}" +
                  (api.RetryAfter is { } after ? $", Retry-After {after.TotalSeconds:0.#} s" : "")
                : null;
        if (e is LiqoException) return null; // 401, 403 and the rest, already translated
        if (Find<HttpRequestException>(e) is { HttpRequestError: HttpRequestError.NameResolutionError }) return null;
        if (Find<AuthenticationException>(e) is { } tls)
            // a handshake the network cut short is transient; a certificate that is not trusted is not
            return tls.InnerException is IOException or SocketException ? "the TLS handshake was cut short" : null;
        if (Find<SocketException>(e) is { } socket)
            return socket.SocketErrorCode switch
            {
                SocketError.ConnectionRefused => "connection refused",
                SocketError.ConnectionReset => "connection reset",
                SocketError.ConnectionAborted => "connection aborted",
                SocketError.TimedOut => "the connection timed out",
                SocketError.HostUnreachable or SocketError.NetworkUnreachable => "the host is unreachable",
                SocketError.HostNotFound or SocketError.NoData => null,
                _ => socket.Message,
            };
        if (e is HttpRequestException http)
            return http.HttpRequestError switch
            {
                HttpRequestError.ConnectionError => "the connection failed",
                HttpRequestError.ResponseEnded => "the connection closed before the answer",
                HttpRequestError.SecureConnectionError => "the TLS handshake failed",
                HttpRequestError.InvalidResponse => "the answer was cut short",
                _ => "the request failed (" + http.Message + ")",
            };
        if (Find<IOException>(e) is not null) return "the connection dropped";
        return null;
    }

    private static T? Find<T>(Exception? e) where T : Exception
    {
        for (; e is not null; e = e.InnerException)
            if (e is T t) return t;
        return null;
    }
}
