using System.Net;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Text.Json;
using Liqo.Engine.Resources;

namespace Liqo.Engine.ClusterAccess;

/// <summary>
/// Turns transport and API failures into <see cref="LiqoException"/>s a user can act on. Messages carry the server URL,
/// the context and the API server's own Status message, never a request or response header, token or key.
/// </summary>
internal static class ApiErrorTranslator
{
    public static LiqoException? Translate(Exception e, ClusterConnection cluster, string verb, string resource, CancellationToken ct)
    {
        if (e is LiqoException) return null;
        if (e is OperationCanceledException && ct.IsCancellationRequested) return null;
        var where = $"the {cluster.Scope} cluster's API server {cluster.Server} (context '{cluster.Context}')";

        if (Find<AuthenticationException>(e) is { } tls) return TlsFailure(tls, cluster, where, e);

        if (e is HttpRequestException or TimeoutException or IOException || Find<SocketException>(e) is not null ||
            e is TaskCanceledException && !ct.IsCancellationRequested)
        {
            var reason = Find<SocketException>(e)?.Message ?? (e is TaskCanceledException ? "the request timed out" : e.Message);
            return new LiqoException(ErrorIds.ClusterUnreachable, LiqoErrorCategory.ConnectionError, cluster.Server,
                $"Cannot reach {where}: {reason}.",
                "Check that the cluster is running and that the kubeconfig's server address is reachable from here.", e);
        }
        return null;
    }

    /// <summary>
    /// A refused server certificate: not trusted by the CA, or not naming the server; with a server name
    /// (-TlsServerName or the kubeconfig cluster's tls-server-name) the names the certificate carries, as kubectl says them.
    /// </summary>
    private static LiqoException TlsFailure(AuthenticationException tls, ClusterConnection cluster, string where, Exception e)
    {
        if (cluster.CertificateCheck is not { ServerName: { } serverName } check)
            return new LiqoException(ErrorIds.TlsVerificationFailed, LiqoErrorCategory.SecurityError, cluster.Server,
                $"The TLS connection to {where} failed: the server's certificate is not trusted by the kubeconfig's " +
                $"certificate authority, or does not name the server ({tls.Message}).",
                "Check the cluster's certificate-authority data and server address in the kubeconfig.", e);
        var source = $"the name '{serverName}' (-TlsServerName, or the kubeconfig cluster's tls-server-name)";
        return check.Rejection is { } why
            ? new LiqoException(ErrorIds.TlsVerificationFailed, LiqoErrorCategory.SecurityError, cluster.Server,
                $"The TLS connection to {where} failed: the server's certificate is verified against {source} and does not carry it ({why}).",
                "Give -TlsServerName (or the kubeconfig cluster's tls-server-name) a name the certificate is valid for, or leave it out to verify the certificate against the server's host.", e)
            : new LiqoException(ErrorIds.TlsVerificationFailed, LiqoErrorCategory.SecurityError, cluster.Server,
                $"The TLS connection to {where} failed: the server's certificate, verified against {source}, is not trusted by the kubeconfig's certificate authority ({tls.Message}).",
                "Check the cluster's certificate-authority data in the kubeconfig, or give -CertificateAuthority.", e);
    }

    /// <summary>The exception for a non-2xx answer: 401 and 403 for the user, anything else for the caller to handle.</summary>
    public static LiqoException FromStatus(int code, string body, ClusterConnection cluster, string verb, string resource, TimeSpan? retryAfter = null)
    {
        var where = $"the {cluster.Scope} cluster's API server {cluster.Server} (context '{cluster.Context}')";
        var (message, reason, causes, detailsKind) = StatusOf(body);
        message ??= $"HTTP {code}";
        if (code == 403 && causes.Any(c => c.Type == NamespaceTerminatingCause))
            return new LiqoException(ErrorIds.NamespaceTerminating, LiqoErrorCategory.ResourceUnavailable, $"{verb} {resource}",
                $"{Capital(where)} refused '{verb}' on '{resource}': {message}",
                "Another command is deleting that namespace (Remove-LiqoPeering -DeleteNamespaces): wait until it is gone, then run the command again.");
        return code switch
        {
            401 => new LiqoException(ErrorIds.Unauthorized, LiqoErrorCategory.AuthenticationError, cluster.Server,
                $"{Capital(where)} refused the credentials of the kubeconfig (401 Unauthorized): {message}",
                "Check that the kubeconfig's credentials are current (an expired token or certificate is the usual cause)."),
            403 => new LiqoException(ErrorIds.Forbidden, LiqoErrorCategory.PermissionDenied, $"{verb} {resource}",
                $"{Capital(where)} forbids '{verb}' on '{resource}' (403 Forbidden): {message}",
                "Use a kubeconfig whose user may do this, or ask a cluster administrator for the permission."),
            _ => new KubeApiException(code, reason ?? "", $"{Capital(where)} failed '{verb}' on '{resource}' ({code}): {message}",
                $"{verb} {resource}", CategoryFor((HttpStatusCode)code)) { RetryAfter = retryAfter, Causes = causes, DetailsKind = detailsKind },
        };
    }

    private static LiqoErrorCategory CategoryFor(HttpStatusCode code) => (int)code switch
    {
        404 => LiqoErrorCategory.ObjectNotFound,
        409 => LiqoErrorCategory.ResourceExists,
        400 or 422 => LiqoErrorCategory.InvalidData,
        429 or 503 => LiqoErrorCategory.ResourceUnavailable,
        504 => LiqoErrorCategory.OperationTimeout,
        _ => LiqoErrorCategory.NotSpecified,
    };

    /// <summary>The 403 cause of a create in a namespace that is being deleted (the namespace lifecycle admission).</summary>
    internal const string NamespaceTerminatingCause = "NamespaceTerminating";

    /// <summary>The message, reason, details.causes and details.kind of a metav1.Status body, when the body is one.</summary>
    internal static (string? Message, string? Reason, IReadOnlyList<StatusCause> Causes, string? DetailsKind) StatusOf(string? body)
    {
        if (string.IsNullOrWhiteSpace(body)) return (null, null, [], null);
        try
        {
            using var doc = JsonDocument.Parse(body);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return (null, null, [], null);
            var details = root.TryGetProperty("details", out var d) && d.ValueKind == JsonValueKind.Object ? d : default;
            var causes = new List<StatusCause>();
            if (details.ValueKind == JsonValueKind.Object && details.TryGetProperty("causes", out var cs) && cs.ValueKind == JsonValueKind.Array)
                foreach (var c in cs.EnumerateArray().Where(c => c.ValueKind == JsonValueKind.Object))
                    causes.Add(new StatusCause(Str(c, "reason") ?? "", Str(c, "message") ?? "", Str(c, "field") ?? ""));
            return (Str(root, "message"), Str(root, "reason"), causes, details.ValueKind == JsonValueKind.Object ? Str(details, "kind") : null);
        }
        catch (JsonException)
        {
            return (null, null, [], null);
        }

        static string? Str(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
    }

    private static T? Find<T>(Exception? e) where T : Exception
    {
        for (; e is not null; e = e.InnerException)
            if (e is T t) return t;
        return null;
    }

    private static string Capital(string s) => char.ToUpperInvariant(s[0]) + s[1..];
}
