using System.Management.Automation;
using Liqo.Engine.ClusterAccess;
using Liqo.PowerShell.Completers;

namespace Liqo.PowerShell.Cmdlets;

/// <summary>
/// A cmdlet that works on two clusters: the local one (consumer) through the parameters of <see cref="ClusterCmdlet"/>,
/// the remote one (provider) through the same set with the Remote prefix, like liqoctl's --remote-* flags.
/// </summary>
public abstract class TwoClusterCmdlet : ClusterCmdlet
{
    /// <summary>
    /// The kubeconfig file of the remote cluster (liqoctl's --remote-kubeconfig). Default: like -Kubeconfig ($env:KUBECONFIG,
    /// else ~/.kube/config), so -RemoteContext alone names another context of the same kubeconfig.
    /// </summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? RemoteKubeconfig { get; set; }

    /// <summary>
    /// The remote cluster's kubeconfig as text (its YAML), e.g. from a secret store: a string, a SecureString (Get-Secret of
    /// SecretManagement) or a PSCredential whose password holds it. It is never written to a file.
    /// </summary>
    [Parameter]
    [SecretTextTransformation]
    [ValidateNotNullOrEmpty]
    public string? RemoteKubeconfigContent { get; set; }

    /// <summary>The kubeconfig context of the remote cluster (liqoctl's --remote-context). Default: the kubeconfig's current-context.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ContextCompleter))]
    public string? RemoteContext { get; set; }

    /// <summary>The namespace Liqo is installed in on the remote cluster (liqoctl's --remote-namespace).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string RemoteLiqoNamespace { get; set; } = KubeconfigSource.DefaultLiqoNamespace;

    // ---- kubectl's access flags for the remote cluster (liqoctl's --remote-* access), as -Cluster ... -RequestTimeout are for the local one ----

    /// <summary>The remote kubeconfig's cluster entry to use instead of the remote context's (kubectl's --cluster).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? RemoteCluster { get; set; }

    /// <summary>The remote kubeconfig's user entry to use instead of the remote context's (kubectl's --user).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? RemoteUser { get; set; }

    /// <summary>
    /// The address of the remote cluster's API server (kubectl's --server), instead of the remote kubeconfig cluster's.
    /// Works without any remote kubeconfig, e.g. with -RemoteToken and -RemoteCertificateAuthority.
    /// </summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? RemoteServer { get; set; }

    /// <summary>
    /// A bearer token for the remote cluster's API server (kubectl's --token): a SecureString, a PSCredential whose password
    /// holds it, or a string. It replaces the remote kubeconfig user's token and credential plugin. It is never shown.
    /// </summary>
    [Parameter]
    [SecretTextTransformation]
    [ValidateNotNullOrEmpty]
    public string? RemoteToken { get; set; }

    /// <summary>The user to act as on the remote cluster (kubectl's --as), which your remote user must be allowed to impersonate.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? RemoteAs { get; set; }

    /// <summary>The groups to act as on the remote cluster (kubectl's --as-group); needs -RemoteAs.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? RemoteAsGroup { get; set; }

    /// <summary>The UID to act as on the remote cluster (kubectl's --as-uid, the Impersonate-Uid header); needs -RemoteAs.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? RemoteAsUid { get; set; }

    /// <summary>A PEM file of the certificate authority to verify the remote API server with (kubectl's --certificate-authority).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? RemoteCertificateAuthority { get; set; }

    /// <summary>
    /// Does not verify the remote cluster's API server certificate (kubectl's --insecure-skip-tls-verify); anyone on the
    /// network path can then read and change the traffic. Verification is on unless this is given.
    /// </summary>
    [Parameter]
    public SwitchParameter RemoteInsecureSkipTlsVerify { get; set; }

    /// <summary>
    /// The name to verify the remote API server certificate against instead of the server's host (kubectl's
    /// --tls-server-name; also the kubeconfig cluster's tls-server-name, which this overrides). The TLS handshake still
    /// names the host (SNI), where kubectl names this.
    /// </summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? RemoteTlsServerName { get; set; }

    /// <summary>
    /// How long one request to the remote cluster may wait for its answer before it counts as failed and is sent again
    /// (kubectl's --request-timeout). Default 30 s; [System.Threading.Timeout]::InfiniteTimeSpan for no bound.
    /// </summary>
    [Parameter]
    [DurationTransformation]
    public TimeSpan? RemoteRequestTimeout { get; set; }

    /// <summary>kubectl's access flags of the remote cluster, as the engine takes them.</summary>
    protected ClusterAccessOverrides RemoteOverrides() =>
        AccessOverrides(RemoteCluster, RemoteUser, RemoteServer, RemoteToken, RemoteAs, RemoteAsGroup, RemoteCertificateAuthority,
            RemoteInsecureSkipTlsVerify, RemoteTlsServerName, RemoteRequestTimeout, RemoteAsUid);

    /// <summary>Whether a remote cluster was named at all (for cmdlets where it is optional).</summary>
    protected bool RemoteGiven => RemoteKubeconfig is not null || RemoteKubeconfigContent is not null || RemoteContext is not null ||
        RemoteServer is not null || RemoteCluster is not null || RemoteUser is not null;

    /// <summary>The remote cluster's access, as given on the command line.</summary>
    protected KubeconfigSource RemoteSource() =>
        RemoteSourceFor(RemoteKubeconfig, RemoteKubeconfigContent, RemoteContext, RemoteLiqoNamespace, RemoteOverrides());
}
