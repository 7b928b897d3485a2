using k8s;

namespace Liqo.Engine.ClusterAccess;

/// <summary>
/// One cluster, reached the way kubectl reaches it: the kubeconfig's server, TLS settings and credentials for the
/// chosen context. Every request goes through <see cref="CallAsync{T}"/> so failures become <see cref="LiqoException"/>s
/// with stable ids. Credentials stay inside the client; only the server URL and context name are exposed.
/// </summary>
public sealed class ClusterConnection : IDisposable
{
    private ClusterConnection(IKubernetes client, string server, string context, KubeconfigSource source)
    {
        Client = client;
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

    /// <summary>The namespace Liqo is installed in on this cluster.</summary>
    public string LiqoNamespace => Source.LiqoNamespace;

    internal KubeconfigSource Source { get; }

    internal IKubernetes Client { get; }

    /// <summary>Builds the connection from the kubeconfig; fails with KubeconfigNotFound, KubeconfigInvalid or ContextNotFound.</summary>
    public static ClusterConnection Open(KubeconfigSource source)
    {
        var (config, context) = KubeconfigLoader.BuildClientConfiguration(source);
        var server = config.Host.TrimEnd('/');
        return new ClusterConnection(new Kubernetes(config), server, context, source);
    }

    /// <summary>The contexts a kubeconfig defines (argument completion); empty when it cannot be read.</summary>
    public static IReadOnlyList<string> ContextNames(KubeconfigSource source) => KubeconfigLoader.ContextNames(source);

    /// <summary>Runs one API call and translates its failures (unreachable, TLS, 401, 403, other Status errors).</summary>
    internal async Task<T> CallAsync<T>(string verb, string resource, Func<IKubernetes, CancellationToken, Task<T>> call, CancellationToken ct)
    {
        try
        {
            return await call(Client, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (ApiErrorTranslator.Translate(e, this, verb, resource, ct) is { } translated)
        {
            throw translated;
        }
    }

    public void Dispose() => Client.Dispose();
}
