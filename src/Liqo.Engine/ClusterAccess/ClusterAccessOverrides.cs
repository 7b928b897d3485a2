namespace Liqo.Engine.ClusterAccess;

/// <summary>
/// kubectl's access flags that liqoctl inherits (k8s.io/cli-runtime's genericclioptions: --cluster, --user, --server,
/// --token, --as, --as-group, --as-uid, --certificate-authority, --insecure-skip-tls-verify, --tls-server-name, --request-timeout),
/// with kubectl's meaning: each one given overrides the same setting of the kubeconfig's context, and --server works
/// without any kubeconfig. A class, not a record, so that no generated ToString can show the token.
/// </summary>
public sealed class ClusterAccessOverrides
{
    /// <summary>No override: the kubeconfig's context as it is.</summary>
    public static readonly ClusterAccessOverrides None = new();

    /// <summary>The kubeconfig cluster entry to use instead of the context's (--cluster).</summary>
    public string? Cluster { get; init; }

    /// <summary>The kubeconfig user entry to use instead of the context's (--user).</summary>
    public string? User { get; init; }

    /// <summary>The API server URL (--server); without a kubeconfig, the cluster is this URL alone.</summary>
    public string? Server { get; init; }

    /// <summary>A bearer token (--token); replaces the user's token and credential plugins. Secret: never shown.</summary>
    public string? Token { get; init; }

    /// <summary>The user to impersonate (--as): the Impersonate-User header.</summary>
    public string? As { get; init; }

    /// <summary>The groups to impersonate (--as-group): one Impersonate-Group header each; needs <see cref="As"/>.</summary>
    public IReadOnlyList<string>? AsGroups { get; init; }

    /// <summary>The UID to impersonate (--as-uid): the Impersonate-Uid header; needs <see cref="As"/>.</summary>
    public string? AsUid { get; init; }

    /// <summary>A CA certificate file (--certificate-authority), a full path; replaces the kubeconfig's CA.</summary>
    public string? CertificateAuthority { get; init; }

    /// <summary>Turns server certificate verification off (--insecure-skip-tls-verify); it is on unless asked off.</summary>
    public bool InsecureSkipTlsVerify { get; init; }

    /// <summary>The name the server certificate is verified against, and sent as SNI (--tls-server-name).</summary>
    public string? TlsServerName { get; init; }

    /// <summary>How long one request may take (--request-timeout); null keeps the module's default.</summary>
    public TimeSpan? RequestTimeout { get; init; }

    /// <summary>Whether any override was given.</summary>
    public bool Any =>
        Cluster is not null || User is not null || Server is not null || Token is not null || As is not null ||
        AsGroups is { Count: > 0 } || AsUid is not null || CertificateAuthority is not null || InsecureSkipTlsVerify || TlsServerName is not null ||
        RequestTimeout is not null;

    /// <summary>
    /// Refuses what kubectl (or the API server, for groups without a user) refuses, before any request; the
    /// <paramref name="prefix"/> ("" or "Remote") names the parameters in the message.
    /// </summary>
    public void Validate(string scope, string prefix = "")
    {
        if (InsecureSkipTlsVerify && CertificateAuthority is not null)
            throw new LiqoException(ErrorIds.InvalidArgument, LiqoErrorCategory.InvalidArgument, CertificateAuthority,
                $"-{prefix}CertificateAuthority and -{prefix}InsecureSkipTlsVerify were both given for the {scope} cluster: a CA to verify " +
                "the server with and no verification cannot both hold (kubectl refuses them too). Give one of them.");
        if (AsGroups is { Count: > 0 } && string.IsNullOrEmpty(As))
            throw new LiqoException(ErrorIds.InvalidArgument, LiqoErrorCategory.InvalidArgument, string.Join(",", AsGroups),
                $"-{prefix}AsGroup was given for the {scope} cluster without -{prefix}As: the API server impersonates groups only " +
                $"together with a user. Add -{prefix}As <user>.");
        if (AsUid is not null && string.IsNullOrEmpty(As))
            throw new LiqoException(ErrorIds.InvalidArgument, LiqoErrorCategory.InvalidArgument, AsUid,
                $"-{prefix}AsUid was given for the {scope} cluster without -{prefix}As: the API server impersonates a UID only " +
                $"together with a user. Add -{prefix}As <user>.");
        if (Server is not null && !(Uri.TryCreate(Server, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http"))
            throw new LiqoException(ErrorIds.InvalidArgument, LiqoErrorCategory.InvalidArgument, Server,
                $"-{prefix}Server '{Server}' is not an http(s) URL. Give the API server's address, e.g. https://203.0.113.10:6443.");
        if (Token is { Length: 0 })
            throw new LiqoException(ErrorIds.InvalidArgument, LiqoErrorCategory.InvalidArgument, null,
                $"-{prefix}Token is empty for the {scope} cluster.");
    }
}
