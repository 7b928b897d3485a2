using System.Management.Automation;
using Liqo.Engine;
using Liqo.Engine.ClusterAccess;
using Liqo.Engine.Peering;
using Liqo.Engine.Resources;
using Liqo.PowerShell.Completers;

namespace Liqo.PowerShell.Cmdlets;

/// <summary>
/// A cmdlet that works on one cluster, reached like kubectl reaches it: -Kubeconfig (else $env:KUBECONFIG, else
/// ~/.kube/config), -Context, or -KubeconfigContent for runbooks that hold a kubeconfig as a secret string (never written
/// to disk); -LiqoNamespace where Liqo is installed.
/// </summary>
/// <remarks>
/// The cmdlet classes go no deeper than PSCmdlet, <see cref="LiqoCmdlet"/>, ClusterCmdlet, <see cref="TwoClusterCmdlet"/>:
/// the bases hold only the cluster-access parameters every cmdlet of their kind takes. Each cmdlet declares the rest of
/// its parameters itself, in the order its syntax lists them (PowerShell lists a class's own parameters before its base's,
/// positional ones first), with its own -Timeout default; what several cmdlets do alike is in helpers they call by name
/// (<see cref="MaterialExchange"/>, <see cref="Teardown"/>, <see cref="ParameterConversions"/>, <see cref="OutputMapper"/>).
/// </remarks>
public abstract class ClusterCmdlet : LiqoCmdlet
{
    /// <summary>
    /// The kubeconfig file of the local cluster (kubectl's --kubeconfig). Default: the files in $env:KUBECONFIG, merged with
    /// kubectl's rules, else ~/.kube/config. Give this or -KubeconfigContent, not both.
    /// </summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Kubeconfig { get; set; }

    /// <summary>
    /// The local cluster's kubeconfig as text (its YAML), e.g. read from a secret store or an Automation variable in an Azure
    /// Automation runbook: a string, a SecureString (Get-Secret of SecretManagement) or a PSCredential whose password holds
    /// it. It is never written to a file.
    /// </summary>
    [Parameter]
    [SecretTextTransformation]
    [ValidateNotNullOrEmpty]
    public string? KubeconfigContent { get; set; }

    /// <summary>
    /// The kubeconfig context of the local cluster (kubectl's --context). Default: the kubeconfig's current-context. Tab
    /// completion lists the contexts of the kubeconfig named on the same command line.
    /// </summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ContextCompleter))]
    public string? Context { get; set; }

    /// <summary>The namespace Liqo is installed in on the local cluster (liqoctl's --namespace).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string LiqoNamespace { get; set; } = KubeconfigSource.DefaultLiqoNamespace;

    // ---- kubectl's access flags that liqoctl inherits (cli-runtime genericclioptions), applied on top of the kubeconfig ----

    /// <summary>
    /// The kubeconfig cluster entry to use instead of the context's (kubectl's --cluster): its server and certificate
    /// authority.
    /// </summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Cluster { get; set; }

    /// <summary>The kubeconfig user entry to use instead of the context's (kubectl's --user): its credentials.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? User { get; set; }

    /// <summary>
    /// The address of the local cluster's API server (kubectl's --server), instead of the kubeconfig cluster's. Works
    /// without any kubeconfig, e.g. with -Token and -CertificateAuthority.
    /// </summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Server { get; set; }

    /// <summary>
    /// A bearer token for the local cluster's API server (kubectl's --token): a SecureString (Get-Secret of
    /// SecretManagement), a PSCredential whose password holds it, or a string. It replaces the kubeconfig user's token and
    /// credential plugin. It is never shown in any output, message or log.
    /// </summary>
    [Parameter]
    [SecretTextTransformation]
    [ValidateNotNullOrEmpty]
    public string? Token { get; set; }

    /// <summary>
    /// The user to act as on the local cluster (kubectl's --as): sent as the Impersonate-User header; the API server
    /// checks that your own user may impersonate it (RBAC verb impersonate) and then authorizes every request as that user.
    /// </summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? As { get; set; }

    /// <summary>The groups to act as on the local cluster (kubectl's --as-group), one Impersonate-Group header each; needs -As.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string[]? AsGroup { get; set; }

    /// <summary>
    /// The UID to act as on the local cluster (kubectl's --as-uid), sent as the Impersonate-Uid header; needs -As. The API
    /// server checks that your own user may impersonate it (RBAC verb impersonate on uids in authentication.k8s.io).
    /// </summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? AsUid { get; set; }

    /// <summary>
    /// A PEM file holding the certificate authority to verify the local cluster's API server with (kubectl's
    /// --certificate-authority), instead of the kubeconfig's.
    /// </summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? CertificateAuthority { get; set; }

    /// <summary>
    /// Does not verify the local cluster's API server certificate (kubectl's --insecure-skip-tls-verify). Anyone on the
    /// network path can then read and change the traffic, credentials included. Verification is on unless this is given.
    /// </summary>
    [Parameter]
    public SwitchParameter InsecureSkipTlsVerify { get; set; }

    /// <summary>
    /// The name to verify the local cluster's API server certificate against instead of the server's host (kubectl's
    /// --tls-server-name; also the kubeconfig cluster's tls-server-name, which this overrides). The TLS handshake still
    /// names the host (SNI), where kubectl names this.
    /// </summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? TlsServerName { get; set; }

    /// <summary>
    /// How long one request to the local cluster may wait for its answer before it counts as failed and is sent again
    /// within -Timeout (kubectl's --request-timeout; 30s, 2m, a number of seconds or a TimeSpan). Default 30 s;
    /// [System.Threading.Timeout]::InfiniteTimeSpan for no bound, kubectl's 0.
    /// </summary>
    [Parameter]
    [DurationTransformation]
    public TimeSpan? RequestTimeout { get; set; }

    /// <summary>The local cluster's access, as given on the command line.</summary>
    protected KubeconfigSource LocalSource() =>
        SourceFor(Kubeconfig, KubeconfigContent, Context, LiqoNamespace, "local", nameof(Kubeconfig), nameof(KubeconfigContent),
            AccessOverrides(Cluster, User, Server, Token, As, AsGroup, CertificateAuthority, InsecureSkipTlsVerify, TlsServerName, RequestTimeout, AsUid));

    /// <summary>
    /// The remote cluster's access, from the Remote* parameters of the cmdlet (<see cref="TwoClusterCmdlet"/>'s, or those a
    /// cmdlet declares itself where only some of its parameter sets name a remote cluster).
    /// </summary>
    protected KubeconfigSource RemoteSourceFor(string? remoteKubeconfig, string? remoteKubeconfigContent, string? remoteContext,
        string remoteLiqoNamespace, ClusterAccessOverrides? remoteOverrides = null) =>
        SourceFor(remoteKubeconfig, remoteKubeconfigContent, remoteContext, remoteLiqoNamespace, "remote", "RemoteKubeconfig",
            "RemoteKubeconfigContent", remoteOverrides ?? ClusterAccessOverrides.None);

    /// <summary>
    /// The remote clusters of a fan-out (New-/Remove-LiqoPeering with several remote kubeconfigs): one source per path or per
    /// content, each with the same context, Liqo namespace and access flags (-RemoteServer, -RemoteToken, ...); with neither, the one remote cluster of the default kubeconfig.
    /// </summary>
    protected IReadOnlyList<KubeconfigSource> RemoteSourcesFor(IReadOnlyList<string>? remoteKubeconfigs, IReadOnlyList<string>? remoteKubeconfigContents,
        string? remoteContext, string remoteLiqoNamespace, ClusterAccessOverrides? remoteOverrides = null)
    {
        if (remoteKubeconfigs is { Count: > 0 } && remoteKubeconfigContents is { Count: > 0 })
            RemoteSourceFor(remoteKubeconfigs[0], remoteKubeconfigContents[0], remoteContext, remoteLiqoNamespace, remoteOverrides); // KubeconfigConflict
        if (remoteKubeconfigs is { Count: > 0 })
            return remoteKubeconfigs.Select(p => RemoteSourceFor(p, null, remoteContext, remoteLiqoNamespace, remoteOverrides)).ToList();
        if (remoteKubeconfigContents is { Count: > 0 })
            return remoteKubeconfigContents.Select(c => RemoteSourceFor(null, c, remoteContext, remoteLiqoNamespace, remoteOverrides)).ToList();
        return [RemoteSourceFor(null, null, remoteContext, remoteLiqoNamespace, remoteOverrides)];
    }

    /// <summary>kubectl's access flags as the engine takes them; a CA path is resolved against PowerShell's current location.</summary>
    protected ClusterAccessOverrides AccessOverrides(string? cluster, string? user, string? server, string? token, string? asUser,
        string[]? asGroups, string? certificateAuthority, bool insecureSkipTlsVerify, string? tlsServerName, TimeSpan? requestTimeout, string? asUid) =>
        new()
        {
            Cluster = cluster,
            User = user,
            Server = server,
            Token = token,
            As = asUser,
            AsGroups = asGroups,
            AsUid = asUid,
            CertificateAuthority = certificateAuthority is null ? null : GetUnresolvedProviderPathFromPSPath(certificateAuthority),
            InsecureSkipTlsVerify = insecureSkipTlsVerify,
            TlsServerName = tlsServerName,
            RequestTimeout = requestTimeout,
        };

    /// <summary>
    /// Builds a source; a path is resolved against PowerShell's current location (not the process's). A kubeconfig file
    /// and kubeconfig content together are refused, unless one of them came from $PSDefaultParameterValues and the other
    /// was given on the command line: the command line wins, as it would over any other default.
    /// </summary>
    private KubeconfigSource SourceFor(string? path, string? content, string? context, string liqoNamespace, string scope,
        string pathParameter, string contentParameter, ClusterAccessOverrides overrides)
    {
        if (path is not null && content is not null)
        {
            var pathDefaulted = DefaultParameterValue.Supplied(this, pathParameter, path);
            var contentDefaulted = DefaultParameterValue.Supplied(this, contentParameter, content);
            if (pathDefaulted == contentDefaulted)
                ThrowTerminatingError(ErrorRecordFactory.InvalidArgument(ErrorIds.KubeconfigConflict,
                    $"-{pathParameter} and -{contentParameter} both name the {scope} cluster's kubeconfig; give only one of them.", path));
            WriteVerbose(pathDefaulted
                ? $"-{contentParameter} was given: the -{pathParameter} from $PSDefaultParameterValues is not used."
                : $"-{pathParameter} was given: the -{contentParameter} from $PSDefaultParameterValues is not used.");
            if (pathDefaulted) path = null;
            else content = null;
        }
        var fullPath = path is null ? null : GetUnresolvedProviderPathFromPSPath(path);
        return new KubeconfigSource(fullPath, content, context, liqoNamespace, scope) { Overrides = overrides };
    }

    /// <summary>
    /// Opens the cluster of <paramref name="source"/> and runs one engine step on it, in an <see cref="Operation"/> bounded
    /// by <paramref name="timeout"/> as a whole. <paramref name="before"/> (e.g. reading the cluster's ID, so that a
    /// cluster without Liqo fails before anything is done) runs first, within the same bound.
    /// </summary>
    internal T RunOnCluster<T>(KubeconfigSource source, TimeSpan timeout, Func<Operation, ClusterConnection, Task<T>> step,
        Func<ClusterConnection, CancellationToken, Task>? before = null)
    {
        var whatIf = WhatIfRun;
        var global = GlobalMetadataGiven();
        return RunEngine(async (log, ct) =>
        {
            using var cluster = ClusterConnection.Open(source);
            using var op = new Operation(log, timeout, ct) { WhatIf = whatIf, GlobalMetadata = global };
            return await op.BoundAsync(async () =>
            {
                if (before is not null) await before(cluster, op.Cancellation).ConfigureAwait(false);
                return await step(op, cluster).ConfigureAwait(false);
            }, cluster.Server).ConfigureAwait(false);
        });
    }

    /// <summary>
    /// Runs <paramref name="step"/> for the local cluster (consumer) with each remote cluster (provider) of
    /// <paramref name="remotes"/> at once, at most <paramref name="throttleLimit"/> at a time (<see cref="FanOut"/>), each
    /// bounded by <paramref name="timeout"/> from its start. <paramref name="outcome"/> runs on the pipeline thread once per
    /// provider, as each ends; a failed provider's error is a non-terminating error record from <see cref="ProviderError"/>.
    /// Steps go to a progress bar per provider under one parent bar.
    /// </summary>
    internal void RunFanOut<T>(KubeconfigSource local, IReadOnlyList<KubeconfigSource> remotes, int throttleLimit, TimeSpan timeout,
        Func<int, Operation, ClusterConnection, ClusterConnection, Task<T>> step, Action<FanOutOutcome<T>> outcome) where T : class
    {
        var whatIf = WhatIfRun;
        var global = GlobalMetadataGiven();
        BeginFanOutProgress(remotes.Count);
        RunEngine((log, post, ct) => FanOut.RunAsync(log, local, remotes, throttleLimit, timeout, whatIf, global, step, done => post(() =>
        {
            ProviderProgressDone(done.Provider);
            if (done.Error is not null) WriteError(ProviderError(done.Provider, done.Error));
            else outcome(done);
        }), ct));
    }

    /// <summary>
    /// The error record of one provider of a fan-out that failed: its ErrorId and category as in a single run (with the
    /// cmdlet's advice, <see cref="LiqoCmdlet.Explain"/>), the provider's label as target object and at the start of the message.
    /// </summary>
    internal ErrorRecord ProviderError(string provider, Exception error)
    {
        if (error is LiqoException liqo)
        {
            var e = Explain(liqo);
            return ErrorRecordFactory.From(new LiqoException(e.ErrorId, e.Category, provider, $"[{provider}] {e.Message}", e.RecommendedAction, e));
        }
        var (id, category) = error is OperationCanceledException
            ? (ErrorIds.OperationTimeout, ErrorCategory.OperationTimeout)
            : (ErrorIds.UnexpectedFailure, ErrorCategory.NotSpecified);
        return new ErrorRecord(new InvalidOperationException($"[{provider}] {error.Message}", error), id, category, provider);
    }

    /// <summary>
    /// Opens both clusters (local, then remote) and runs one engine step on them, in an <see cref="Operation"/> bounded by
    /// <paramref name="timeout"/> as a whole. <paramref name="before"/> (e.g. reading or checking the clusters' IDs) runs
    /// first, within the same bound.
    /// </summary>
    internal T RunOnClusters<T>(KubeconfigSource local, KubeconfigSource remote, TimeSpan timeout,
        Func<Operation, ClusterConnection, ClusterConnection, Task<T>> step, Func<ClusterConnection, ClusterConnection, CancellationToken, Task>? before = null)
    {
        var whatIf = WhatIfRun;
        var global = GlobalMetadataGiven();
        return RunEngine(async (log, ct) =>
        {
            using var l = ClusterConnection.Open(local);
            using var r = ClusterConnection.Open(remote);
            using var op = new Operation(log, timeout, ct) { WhatIf = whatIf, GlobalMetadata = global };
            return await op.BoundAsync(async () =>
            {
                if (before is not null) await before(l, r, op.Cancellation).ConfigureAwait(false);
                return await step(op, l, r).ConfigureAwait(false);
            }).ConfigureAwait(false);
        });
    }

    private GlobalMetadata? _globalMetadata;

    /// <summary>
    /// -GlobalLabel and -GlobalAnnotation of a cmdlet that takes them (<see cref="IGlobalMetadataParameters"/>), checked once
    /// before anything is written: a bad key or value ends the command with InvalidArgument.
    /// </summary>
    private GlobalMetadata GlobalMetadataGiven()
    {
        if (this is not IGlobalMetadataParameters given) return GlobalMetadata.None;
        try
        {
            // once per command, not per piped input object
            return _globalMetadata ??= GlobalMetadata.Create(ParameterConversions.Map(given.GlobalLabel), ParameterConversions.Map(given.GlobalAnnotation));
        }
        catch (LiqoException e)
        {
            ThrowTerminatingError(ErrorRecordFactory.From(e));
            throw; // not reached
        }
    }
}
