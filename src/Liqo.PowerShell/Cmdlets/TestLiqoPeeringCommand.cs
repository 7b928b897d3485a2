using System.Management.Automation;
using Liqo.Engine;
using Liqo.Engine.ClusterAccess;
using Liqo.Engine.Health;
using Liqo.PowerShell.Completers;

namespace Liqo.PowerShell.Cmdlets;

/// <summary>
/// Checks whether peerings are healthy and, when one is not, says which object is wrong and what to do. For each peering
/// (all the cluster's peers, or the -RemoteClusterId ones) it writes one object per check: the ForeignCluster's
/// networking, authentication and offloading modules; the Connection (tunnel) and the gateway pods; the expiry of the
/// ControlPlane identity's certificate (Warn within 30 days, Fail once expired); the Tenant (on the provider), the
/// ResourceSlices and the virtual nodes' Node Ready; the offloaded namespaces (NamespaceOffloading conditions for that
/// peer). Per cluster it checks that the API server answers through the kubeconfig and that the Liqo pods are Ready; with
/// both clusters, that they run the same Liqo version. Each result has Name, Status (Pass, Warn or Fail), the Object it
/// read, a Message and, unless it passed, a Remediation naming the cmdlet or kubectl command that fixes it.
/// </summary>
/// <remarks>
/// With -RemoteKubeconfig (or -RemoteContext, -RemoteKubeconfigContent) the same checks also run on the remote cluster for
/// its peering with the local one, so both sides of a peering are checked in one call: the provider's Tenant and the
/// slices replicated to it, its gateway, its ForeignCluster for the consumer. A cluster that cannot be reached is a failed
/// ApiServer check (with the error's ErrorId in its message), not an error of the command: the other cluster is still
/// checked. It only reads: nothing is written, on either cluster. -Quiet writes one boolean instead: $true when no check
/// failed (warnings allowed). Test-LiqoPeering has no liqoctl counterpart; liqoctl info peer shows part of it.
/// </remarks>
/// <example>
/// Check every peering of a cluster
/// <code>
/// Test-LiqoPeering -Kubeconfig ~/.kube/consumer
/// </code>
/// One row per check: PeerClusterId, Name, Status, Message. Pipe to Where-Object Status -ne Pass | Format-List to see the
/// object and the remediation of each problem.
/// </example>
/// <example>
/// Check both sides of one peering, in a script
/// <code>
/// if (-not (Test-LiqoPeering provider -Kubeconfig ~/.kube/consumer -RemoteKubeconfig ~/.kube/provider -Quiet)) {
///     Test-LiqoPeering provider -Kubeconfig ~/.kube/consumer -RemoteKubeconfig ~/.kube/provider |
///         Where-Object Status -eq Fail | Format-List Cluster, Name, Object, Message, Remediation
/// }
/// </code>
/// -Quiet answers $true or $false; the second call shows what failed and how to fix it.
/// </example>
/// <example>
/// Check the peers a pipeline selects
/// <code>
/// Get-LiqoPeerInfo | Where-Object Role -eq Provider | Test-LiqoPeering | Group-Object PeerClusterId, Status -NoElement
/// </code>
/// Each piped object's ClusterId binds to -RemoteClusterId.
/// </example>
/// <seealso cref="GetLiqoPeerInfoCommand"/>
/// <seealso cref="GetLiqoInfoCommand"/>
[Cmdlet(VerbsDiagnostic.Test, "LiqoPeering")]
[OutputType(typeof(PeeringCheckResult), typeof(bool))]
public sealed class TestLiqoPeeringCommand : TwoClusterCmdlet
{
    private readonly List<string> _ids = [];

    /// <summary>
    /// The cluster IDs of the peers to check; all peers when absent (with a remote cluster: that cluster). Binds from piped
    /// strings and from the ClusterId of piped objects (Get-LiqoPeerInfo, Get-LiqoForeignCluster).
    /// </summary>
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("ClusterId")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ForeignClusterIdCompleter))]
    public string[]? RemoteClusterId { get; set; }

    /// <summary>Writes one boolean instead of the checks: $true when no check failed (warnings allowed), $false otherwise.</summary>
    [Parameter] public SwitchParameter Quiet { get; set; }

    /// <summary>
    /// The bound of the whole command (default one minute): when it runs out, the command fails with ErrorId OperationTimeout.
    /// Accepts liqoctl's durations (30s, 5m), a number of seconds or a TimeSpan.
    /// </summary>
    [Parameter]
    [DurationTransformation]
    public TimeSpan Timeout { get; set; } = Operation.DefaultReadTimeout;

    protected override void ProcessRecord()
    {
        if (RemoteClusterId is not null) _ids.AddRange(RemoteClusterId);
    }

    protected override void EndProcessing()
    {
        var local = LocalSource();
        var remote = RemoteGiven ? RemoteSource() : null;
        var (ids, timeout) = (_ids.Distinct(StringComparer.Ordinal).ToList(), Timeout);
        var checks = RunEngine(async (log, ct) =>
        {
            using var l = ClusterConnection.Open(local);
            using var r = remote is null ? null : ClusterConnection.Open(remote);
            return await PeeringHealth.RunAsync(l, r, ids, log, timeout, ct).ConfigureAwait(false);
        });
        if (Quiet)
        {
            WriteObject(checks.All(c => c.Status != PeeringCheckStatus.Fail));
            return;
        }
        foreach (var c in checks)
        {
            WriteObject(new PeeringCheckResult
            {
                PeerClusterId = c.PeerClusterId, Name = c.Name, Status = c.Status.ToString(), Cluster = c.Scope, ClusterId = c.ClusterId,
                Object = c.Object, Message = c.Message, Remediation = c.Remediation,
            });
        }
    }
}
