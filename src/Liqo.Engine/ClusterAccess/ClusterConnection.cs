using k8s;

namespace Liqo.Engine.ClusterAccess;

/// <summary>
/// One cluster, reached the way kubectl reaches it: the kubeconfig's server, TLS settings and credentials for the
/// chosen context. Every request goes through <see cref="Api"/> so failures become <see cref="LiqoException"/>s
/// with stable ids. Credentials stay inside the client; only the server URL and context name are exposed.
/// </summary>
public sealed class ClusterConnection : IDisposable
{
    private ClusterConnection(Kubernetes client, string server, string context, KubeconfigSource source)
    {
        Client = client;
        Retry = new RequestRetry(this);
        Api = new Resources.KubeApi(client, this);
        Server = server;
        Context = context;
        Source = source;
    }

    /// <summary>The API server URL (no credentials in it).</summary>
    public string Server { get; }

    /// <summary>The kubeconfig context in use.</summary>
    public string Context { get; }

    /// <summary>"local" or "remote", as liqoctl scopes its messages.</summary>
    public string Scope => Source.Scope;

    /// <summary>The Liqo cluster ID, once read (<see cref="ClusterId.ReadAsync(ClusterConnection, CancellationToken)"/>).</summary>
    public string? ClusterId { get; internal set; }

    /// <summary>The namespace Liqo is installed in on this cluster.</summary>
    public string LiqoNamespace => Source.LiqoNamespace;

    internal KubeconfigSource Source { get; }

    /// <summary>The server's answers to access reviews on this connection (<see cref="Resources.AccessCheck"/>), by question.</summary>
    internal System.Collections.Concurrent.ConcurrentDictionary<string, bool> AccessAnswers { get; } = new(StringComparer.Ordinal);

    internal Kubernetes Client { get; }

    /// <summary>How requests to this cluster are retried (see <see cref="AttachTo"/>).</summary>
    internal RequestRetry Retry { get; }

    /// <summary>
    /// Reports this cluster's retries to <paramref name="log"/> (one Verbose line each) and lets them go on for as long as
    /// the caller's cancellation allows (<paramref name="bounded"/>: the caller has a time budget). Until then, a request
    /// retries transient failures for at most a minute and reports nothing.
    /// </summary>
    public void AttachTo(IOperationLog log, bool bounded)
    {
        Retry.Log = log;
        Retry.Window = bounded ? System.Threading.Timeout.InfiniteTimeSpan : RequestRetry.DefaultWindow;
    }

    /// <summary>How long one request may take before it counts as a transient failure and is sent again (default 30 s).</summary>
    public TimeSpan RequestTimeout
    {
        get => Retry.RequestTimeout;
        set => Retry.RequestTimeout = value;
    }

    /// <summary>The last transient failure of a request to this cluster (the request and the reason), or null.</summary>
    public string? LastTransientFailure => Retry.LastTransient;

    /// <summary>REST access to any resource as JSON.</summary>
    internal Resources.KubeApi Api { get; }

    /// <summary>Builds the connection from the kubeconfig; fails with KubeconfigNotFound, KubeconfigInvalid or ContextNotFound.</summary>
    public static ClusterConnection Open(KubeconfigSource source)
    {
        var (config, context, impersonateUser, impersonateGroups, impersonateUid) = KubeconfigLoader.Resolve(source);
        var server = config.Host.TrimEnd('/');
        var ca = config.SslCaCerts is { Count: > 0 } certs ? string.Concat(certs.Select(c => c.ExportCertificatePem() + "\n")) : null;
        var certificateCheck = ServerCertificateCheck.Install(config);
        Kubernetes client;
        try
        {
            client = impersonateUser is null
                ? new Kubernetes(config)
                : new Kubernetes(config, new ImpersonationHandler(impersonateUser, impersonateGroups, impersonateUid));
        }
        catch (System.Security.Cryptography.CryptographicException e)
        {
            // KubernetesClient builds the client certificate here; .NET has no Ed25519 (OID 1.3.101.112), so Liqo's
            // Ed25519 identities (a peering user made with Ed25519, the kubeconfig Secrets of Liqo identities) cannot be used.
            var ed25519 = e.Message.Contains("1.3.101.112", StringComparison.Ordinal);
            throw new LiqoException(ErrorIds.KubeconfigInvalid, LiqoErrorCategory.InvalidData, context,
                ed25519
                    ? $"The context '{context}' of the {source.Scope} cluster authenticates with an Ed25519 client certificate, which .NET (and so this module) cannot present in TLS."
                    : $"The context '{context}' of the {source.Scope} cluster has a client certificate or key that cannot be used: {e.Message}",
                ed25519
                    ? "Use an RSA or ECDSA client certificate; for a peering user, make it with New-LiqoPeeringUser -KeyAlgorithm Rsa (the default)."
                    : "Check the client-certificate and client-key data of the kubeconfig's user.", e);
        }
        var connection = new ClusterConnection(client, server, context, source) { CertificateAuthorityPem = ca, CertificateCheck = certificateCheck };
        // kubectl's --request-timeout: 0 there, an infinite TimeSpan here, means no bound
        if (source.Overrides.RequestTimeout is { } requestTimeout) connection.RequestTimeout = requestTimeout;
        return connection;
    }

    /// <summary>The check of the server's certificate (its server name and its last refusal), or null when verification is off.</summary>
    internal ServerCertificateCheck? CertificateCheck { get; private init; }

    /// <summary>The certificate authority the kubeconfig trusts for this server (PEM), or null when it names none.</summary>
    internal string? CertificateAuthorityPem { get; private init; }

    /// <summary>The contexts a kubeconfig defines (argument completion); empty when it cannot be read.</summary>
    public static IReadOnlyList<string> ContextNames(KubeconfigSource source) => KubeconfigLoader.ContextNames(source);

    public void Dispose() => Client.Dispose();
}
