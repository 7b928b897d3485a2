using System.Management.Automation;
using Liqo.Engine;
using Liqo.Engine.ClusterAccess;
using Liqo.Engine.Lifecycle;
using Liqo.Engine.Peering;
using Liqo.PowerShell.Completers;

namespace Liqo.PowerShell.Cmdlets;

/// <summary>
/// Removes the peering of the local cluster (consumer) with a remote cluster (provider), as liqoctl unpeer does. In
/// liqoctl's order, it deletes the consumer's ResourceSlices and VirtualNodes for the provider and waits for them to be gone,
/// removes the authentication (ControlPlane Identity, Tenant) and then the networking (gateways and Configurations), unless
/// the clusters also peer the other way: then the tunnel stays for the other direction. -DeleteNamespaces deletes both
/// tenant namespaces as well. With -Force it works from the local cluster alone, as liqoctl force unpeer does, for a remote
/// cluster that is gone for good.
/// </summary>
/// <remarks>
/// It asks for confirmation by default (ConfirmImpact High), which liqoctl unpeer does not: pass -Confirm:$false in
/// scripts. With -ClusterId (or a piped object's ClusterId) the remote cluster must have that ID, otherwise nothing is
/// removed and that record fails with ErrorId ClusterIdMismatch. Clusters that are not peered fail with PeeringNotFound.
/// The ForeignCluster stays, with role Unknown, as after liqoctl unpeer.
/// The -Force parameter set takes no remote cluster. The remote parameters are declared by TwoClusterCmdlet for every set
/// of every two-cluster cmdlet; they are declared again here (hiding the base properties and storing into them) with the
/// default set only, so that PowerShell itself keeps them out of the -Force set: Get-Command shows the two syntaxes, and
/// -Force with a remote parameter is a parameter-binding error before anything runs.
/// </remarks>
/// <example>
/// Unpeer two clusters interactively
/// <code>
/// Remove-LiqoPeering -Kubeconfig ~/.kube/consumer -RemoteKubeconfig ~/.kube/provider
/// </code>
/// PowerShell asks for confirmation, then the step lines appear as the peering is taken apart. Nothing is written to the
/// pipeline unless -PassThru is given.
/// </example>
/// <example>
/// Unpeer the provider a pipeline selects
/// <code>
/// Get-LiqoPeerInfo -Kubeconfig ~/.kube/consumer | Where-Object Role -eq Provider |
///     Remove-LiqoPeering -Kubeconfig ~/.kube/consumer -RemoteKubeconfig ~/.kube/provider -Confirm:$false
/// </code>
/// Each peer's ClusterId binds to -ClusterId, which guards the command: only the peer whose ID the provider's kubeconfig
/// reaches is unpeered; any other provider in the list is a ClusterIdMismatch error of its own record, and nothing of it is
/// touched.
/// </example>
/// <example>
/// Unpeer from an Azure Automation runbook, after a dry run
/// <code>
/// $access = @{ KubeconfigContent = (Get-AutomationVariable -Name Consumer); RemoteKubeconfigContent = (Get-AutomationVariable -Name Provider) }
/// Remove-LiqoPeering @access -WhatIf
/// $result = Remove-LiqoPeering @access -Confirm:$false -PassThru
/// $result | Select-Object ConsumerClusterId, ProviderClusterId, Bidirectional, NetworkingRemoved, Duration
/// </code>
/// -WhatIf lists what would be deleted on both clusters. A runbook cannot prompt, so the real run needs -Confirm:$false
/// (without it the cmdlet stops first with ErrorId ConfirmationRequired); -PassThru writes what was removed.
/// </example>
/// <example>
/// Leave a provider gracefully: move the offloaded pods home first
/// <code>
/// Remove-LiqoPeering provider -Drain -Kubeconfig ~/.kube/consumer -RemoteKubeconfig ~/.kube/provider -Confirm:$false -Timeout 10m -InformationAction Continue
/// </code>
/// The Drain steps show each phase (check, cordon, evict, wait); then liqoctl unpeer's steps. Stopped midway (Ctrl+C, a
/// timeout), the same command goes on from where it was. When the pods cannot leave (no room on this cluster's nodes, a
/// pod without a controller, a pod two PodDisruptionBudgets select) it stops with DrainNoRoom or DrainBlocked before
/// changing anything. Pods evict through the eviction API: a PodDisruptionBudget that allows no disruption holds its pods
/// back (a WARN step names each pod and the budget) until it allows them, within -Timeout (else DrainTimeout names them).
/// </example>
/// <example>
/// Remove the peering with a provider that is gone for good, from the consumer alone
/// <code>
/// Remove-LiqoPeering provider -Force -Kubeconfig ~/.kube/consumer -Confirm:$false -PassThru
/// </code>
/// The ForeignCluster is declared permanently unreachable (so Liqo cleans up without the provider) and the local tenant
/// namespace is deleted; nothing is sent to the provider.
/// </example>
/// <example>
/// Unpeer several providers at once
/// <code>
/// Remove-LiqoPeering -Kubeconfig ./hub.kubeconfig -RemoteKubeconfig ./milan.kubeconfig, ./turin.kubeconfig -Confirm:$false -PassThru
/// </code>
/// Each provider is unpeered at the same time as the other (at most -ThrottleLimit at once); with -PassThru one result per
/// provider. A provider that fails is one non-terminating error naming it; the others go on. -ClusterId guards one remote
/// cluster and is refused with several. Piped objects bind -ClusterId only (as above), so remote kubeconfigs are given on the
/// command line: piped ones would make PowerShell pick the -Force parameter set, whose -ClusterId is mandatory.
/// </example>
/// <seealso cref="NewLiqoPeeringCommand"/>
/// <seealso cref="GetLiqoPeerInfoCommand"/>
[Cmdlet(VerbsCommon.Remove, "LiqoPeering", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, DefaultParameterSetName = UnpeerSet)]
[OutputType(typeof(UnpeeringResult), ParameterSetName = [UnpeerSet])]
[OutputType(typeof(ForceUnpeeringResult), ParameterSetName = [ForceSet])]
public sealed class RemoveLiqoPeeringCommand : ClusterCmdlet
{
    private const string UnpeerSet = "Unpeer";
    private const string ForceSet = "Force";

    /// <summary>
    /// The provider's cluster ID, as a guard: the remote cluster must have it. With -Force, the peer to remove (mandatory).
    /// Binds from piped objects' ClusterId.
    /// </summary>
    [Parameter(ParameterSetName = UnpeerSet, ValueFromPipelineByPropertyName = true, Position = 0)]
    [Parameter(ParameterSetName = ForceSet, Mandatory = true, ValueFromPipelineByPropertyName = true, Position = 0)]
    [Alias("RemoteClusterId", "ProviderClusterId")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ForeignClusterIdCompleter))]
    public string? ClusterId { get; set; }

    /// <summary>
    /// Remove the peering from the local cluster alone (liqoctl force unpeer), for a remote cluster that is gone or
    /// unreachable for good: its ForeignCluster is declared permanently unreachable, so Liqo's controllers clean up
    /// without it, and the local tenant namespace is deleted. Nothing is sent to the remote cluster.
    /// </summary>
    [Parameter(ParameterSetName = ForceSet, Mandatory = true)]
    public SwitchParameter Force { get; set; }

    /// <summary>The bound of the whole command (liqoctl's --timeout). Accepts liqoctl's durations (2m, 90s), a number of seconds or a TimeSpan.</summary>
    [Parameter]
    [DurationTransformation]
    // liqoctl unpeer's --timeout, 2m
    public TimeSpan Timeout { get; set; } = UnpeerOptions.DefaultTimeout;

    /// <summary>Also deletes both tenant namespaces (liqoctl's --delete-namespaces); refused for a bidirectional peering (ErrorId BidirectionalPeering).</summary>
    [Parameter(ParameterSetName = UnpeerSet)] public SwitchParameter DeleteNamespaces { get; set; }

    /// <summary>
    /// Leave gracefully first: check that the offloaded pods on the provider's virtual nodes can all leave (a controller
    /// makes each again, at most one PodDisruptionBudget selects each, the consumer's other nodes have room; otherwise
    /// ErrorId DrainBlocked or DrainNoRoom and nothing is changed), cordon the virtual nodes and the provider's Tenant,
    /// evict the pods through the eviction API (a PodDisruptionBudget that allows no disruption holds its pods back until
    /// it allows them, as under kubectl drain), wait within -Timeout until none is left on the virtual nodes
    /// (DrainTimeout, naming the pods and budgets that held them), drain the Tenant, then unpeer.
    /// Each phase is a step (module Drain); a run interrupted midway goes on from where it stopped when run again.
    /// </summary>
    [Parameter(ParameterSetName = UnpeerSet)] public SwitchParameter Drain { get; set; }

    /// <summary>Does not wait for the ResourceSlices, VirtualNodes and namespaces to be gone (liqoctl's --wait=false).</summary>
    [Parameter] public SwitchParameter NoWait { get; set; }

    /// <summary>Writes what was removed as an UnpeeringResult (with -Force, a ForceUnpeeringResult); nothing is written by default.</summary>
    [Parameter] public SwitchParameter PassThru { get; set; }

    /// <summary>
    /// The remote cluster's kubeconfig file (liqoctl's --remote-kubeconfig); several files unpeer the consumer from each of
    /// those providers at once (see -ThrottleLimit).
    /// </summary>
    [Parameter(ParameterSetName = UnpeerSet)]
    [ValidateNotNullOrEmpty]
    public string[]? RemoteKubeconfig { get; set; }

    /// <summary>
    /// The remote cluster's kubeconfig YAML itself: a string, a SecureString or a PSCredential whose password holds it;
    /// several unpeer from each of those providers at once. Never written to a file.
    /// </summary>
    [Parameter(ParameterSetName = UnpeerSet)]
    [SecretTextTransformation]
    [ValidateNotNullOrEmpty]
    public string[]? RemoteKubeconfigContent { get; set; }

    /// <summary>The remote cluster's kubeconfig context (liqoctl's --remote-context).</summary>
    [Parameter(ParameterSetName = UnpeerSet)]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ContextCompleter))]
    public string? RemoteContext { get; set; }

    /// <summary>The namespace Liqo is installed in on the remote cluster.</summary>
    [Parameter(ParameterSetName = UnpeerSet)]
    [ValidateNotNullOrEmpty]
    public string RemoteLiqoNamespace { get; set; } = KubeconfigSource.DefaultLiqoNamespace;

    // ---- kubectl's access flags for the remote cluster (liqoctl's --remote-* access), as -Cluster ... -RequestTimeout are for the local one ----

    /// <summary>The remote kubeconfig's cluster entry to use instead of the remote context's (kubectl's --cluster).</summary>
    [Parameter(ParameterSetName = UnpeerSet)]
    [ValidateNotNullOrEmpty]
    public string? RemoteCluster { get; set; }

    /// <summary>The remote kubeconfig's user entry to use instead of the remote context's (kubectl's --user).</summary>
    [Parameter(ParameterSetName = UnpeerSet)]
    [ValidateNotNullOrEmpty]
    public string? RemoteUser { get; set; }

    /// <summary>
    /// The address of the remote cluster's API server (kubectl's --server), instead of the remote kubeconfig cluster's.
    /// Works without any remote kubeconfig, e.g. with -RemoteToken and -RemoteCertificateAuthority.
    /// </summary>
    [Parameter(ParameterSetName = UnpeerSet)]
    [ValidateNotNullOrEmpty]
    public string? RemoteServer { get; set; }

    /// <summary>
    /// A bearer token for the remote cluster's API server (kubectl's --token): a SecureString, a PSCredential whose password
    /// holds it, or a string. It replaces the remote kubeconfig user's token and credential plugin. It is never shown.
    /// </summary>
    [Parameter(ParameterSetName = UnpeerSet)]
    [SecretTextTransformation]
    [ValidateNotNullOrEmpty]
    public string? RemoteToken { get; set; }

    /// <summary>The user to act as on the remote cluster (kubectl's --as), which your remote user must be allowed to impersonate.</summary>
    [Parameter(ParameterSetName = UnpeerSet)]
    [ValidateNotNullOrEmpty]
    public string? RemoteAs { get; set; }

    /// <summary>The groups to act as on the remote cluster (kubectl's --as-group); needs -RemoteAs.</summary>
    [Parameter(ParameterSetName = UnpeerSet)]
    [ValidateNotNullOrEmpty]
    public string[]? RemoteAsGroup { get; set; }

    /// <summary>The UID to act as on the remote cluster (kubectl's --as-uid, the Impersonate-Uid header); needs -RemoteAs.</summary>
    [Parameter(ParameterSetName = UnpeerSet)]
    [ValidateNotNullOrEmpty]
    public string? RemoteAsUid { get; set; }

    /// <summary>A PEM file of the certificate authority to verify the remote API server with (kubectl's --certificate-authority).</summary>
    [Parameter(ParameterSetName = UnpeerSet)]
    [ValidateNotNullOrEmpty]
    public string? RemoteCertificateAuthority { get; set; }

    /// <summary>
    /// Does not verify the remote cluster's API server certificate (kubectl's --insecure-skip-tls-verify); anyone on the
    /// network path can then read and change the traffic. Verification is on unless this is given.
    /// </summary>
    [Parameter(ParameterSetName = UnpeerSet)]
    public SwitchParameter RemoteInsecureSkipTlsVerify { get; set; }

    /// <summary>
    /// The name to verify the remote API server certificate against instead of the server's host (kubectl's
    /// --tls-server-name; also the kubeconfig cluster's tls-server-name, which this overrides). The TLS handshake still
    /// names the host (SNI), where kubectl names this.
    /// </summary>
    [Parameter(ParameterSetName = UnpeerSet)]
    [ValidateNotNullOrEmpty]
    public string? RemoteTlsServerName { get; set; }

    /// <summary>
    /// How long one request to the remote cluster may wait for its answer before it counts as failed and is sent again
    /// (kubectl's --request-timeout). Default 30 s; [System.Threading.Timeout]::InfiniteTimeSpan for no bound.
    /// </summary>
    [Parameter(ParameterSetName = UnpeerSet)]
    [DurationTransformation]
    public TimeSpan? RemoteRequestTimeout { get; set; }

    /// <summary>kubectl's access flags of the remote cluster, as the engine takes them.</summary>
    private ClusterAccessOverrides RemoteOverrides() =>
        AccessOverrides(RemoteCluster, RemoteUser, RemoteServer, RemoteToken, RemoteAs, RemoteAsGroup, RemoteCertificateAuthority,
            RemoteInsecureSkipTlsVerify, RemoteTlsServerName, RemoteRequestTimeout, RemoteAsUid);

    /// <summary>
    /// With several remote clusters, how many are unpeered at once (as ForEach-Object -Parallel's -ThrottleLimit); the
    /// others wait for a slot. -Timeout bounds each provider's unpeering from its start.
    /// </summary>
    [Parameter(ParameterSetName = UnpeerSet)]
    [ValidateRange(1, 64)]
    public int ThrottleLimit { get; set; } = FanOut.DefaultThrottleLimit;

    protected override void ProcessRecord()
    {
        if (ParameterSetName == ForceSet) ForceUnpeerLocal();
        else if (RemoteKubeconfig is { Length: > 1 } || RemoteKubeconfigContent is { Length: > 1 }) UnpeerMany();
        else UnpeerBoth();
    }

    /// <summary>
    /// Unpeers from each provider at once: with -PassThru one result per provider; one non-terminating error per provider
    /// that fails. -ClusterId guards one remote cluster, so it cannot go with several.
    /// </summary>
    private void UnpeerMany()
    {
        if (ClusterId is not null)
            ThrowTerminatingError(ErrorRecordFactory.InvalidArgument(ErrorIds.InvalidArgument,
                "-ClusterId guards one remote cluster; it cannot go with several remote kubeconfigs. Leave -ClusterId out, or unpeer " +
                "each provider with its own -ClusterId.", ClusterId));
        var remotes = RemoteSourcesFor(RemoteKubeconfig, RemoteKubeconfigContent, RemoteContext, RemoteLiqoNamespace, RemoteOverrides());
        var options = new UnpeerOptions { Timeout = Timeout, Wait = !NoWait, DeleteNamespaces = DeleteNamespaces };
        RunFanOut(LocalSource(), remotes, ThrottleLimit, options.Timeout, (_, op, consumer, provider) => Unpeer.RunAsync(op, consumer, provider, options),
            done =>
            {
                if (PassThru) WriteObject(OutputMapper.From(done.Result!));
            });
    }

    /// <summary>
    /// A provider that cannot be reached (ClusterUnreachable, or the budget spent retrying it: OperationTimeout) may be gone
    /// for good: the recommended action then names -Force, which unpeers from the consumer alone.
    /// </summary>
    protected override LiqoException Explain(LiqoException e)
    {
        if (ParameterSetName == ForceSet || e.ErrorId is not (ErrorIds.ClusterUnreachable or ErrorIds.OperationTimeout)) return e;
        var id = ClusterId ?? "<provider cluster ID>";
        var force = $"If the provider cluster is gone for good, remove the peering from this cluster alone: Remove-LiqoPeering {id} -Force.";
        return new LiqoException(e.ErrorId, e.Category, e.TargetObject, e.Message,
            e.RecommendedAction is null ? force : $"{e.RecommendedAction} {force}", e.InnerException);
    }

    private void UnpeerBoth()
    {
        var (local, remote) = (LocalSource(), RemoteSourceFor(RemoteKubeconfig?.SingleOrDefault(), RemoteKubeconfigContent?.SingleOrDefault(),
            RemoteContext, RemoteLiqoNamespace, RemoteOverrides()));
        var options = new UnpeerOptions { Timeout = Timeout, Wait = !NoWait, DeleteNamespaces = DeleteNamespaces, ExpectedProviderId = ClusterId };
        var drain = Drain.IsPresent;
        var (result, mismatch) = RunOnClusters(local, remote, options.Timeout, async (op, consumer, provider) =>
        {
            try
            {
                var run = drain ? DrainUnpeer.RunAsync(op, consumer, provider, options) : Unpeer.RunAsync(op, consumer, provider, options);
                return ((UnpeerResult?)await run.ConfigureAwait(false), (LiqoException?)null);
            }
            catch (LiqoException e) when (e.ErrorId == ErrorIds.ClusterIdMismatch)
            {
                return ((UnpeerResult?)null, (LiqoException?)e);
            }
        });
        // a piped ID of another cluster (Get-LiqoPeerInfo | Remove-LiqoPeering ...) fails that record only: the others go on
        if (mismatch is not null) WriteLiqoError(mismatch);
        else if (PassThru) WriteObject(OutputMapper.From(result!));
    }

    private void ForceUnpeerLocal()
    {
        var options = new ForceUnpeerOptions { Timeout = Timeout, Wait = !NoWait };
        var (result, unknown) = RunOnCluster(LocalSource(), options.Timeout, async (op, local) =>
        {
            try
            {
                return ((ForceUnpeerResult?)await ForceUnpeer.RunAsync(op, local, ClusterId!, options).ConfigureAwait(false), (LiqoException?)null);
            }
            catch (LiqoException e) when (e.ErrorId is ErrorIds.PeeringNotFound or ErrorIds.ClusterIdInvalid or ErrorIds.SameCluster)
            {
                return ((ForceUnpeerResult?)null, (LiqoException?)e);
            }
        });
        // an ID with no peering (Get-LiqoForeignCluster ... | Remove-LiqoPeering -Force) fails that record only
        if (unknown is not null) WriteLiqoError(unknown);
        else if (PassThru) WriteObject(OutputMapper.From(result!));
    }
}
