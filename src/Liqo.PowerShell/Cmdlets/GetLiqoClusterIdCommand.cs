using System.Management.Automation;
using Liqo.Engine;
using Liqo.Engine.ClusterAccess;

namespace Liqo.PowerShell.Cmdlets;

/// <summary>
/// Gets the Liqo cluster ID of a cluster. It reads it as liqoctl does, from the ConfigMap labelled
/// app.kubernetes.io/name=clusterid-configmap in the Liqo namespace; a cluster without it fails with ErrorId
/// LiqoNotInstalled, one with several with ClusterIdAmbiguous.
/// </summary>
/// <returns>The cluster ID.</returns>
/// <example>
/// Read a cluster's ID
/// <code>
/// Get-LiqoClusterId -Kubeconfig ./consumer.kubeconfig
/// </code>
/// Writes the ID, e.g. rome.
/// </example>
/// <example>
/// Use one cluster's ID on the other cluster
/// <code>
/// $consumer = Get-LiqoClusterId -Kubeconfig ~/.kube/consumer
/// New-LiqoPeeringUser -Kubeconfig ~/.kube/provider -ConsumerClusterId $consumer -OutFile ./peering-user.kubeconfig
/// </code>
/// The provider's administrator makes a peering user for that consumer.
/// </example>
/// <example>
/// In an Azure Automation runbook
/// <code>
/// Get-LiqoClusterId -KubeconfigContent (Get-AutomationVariable -Name ConsumerKubeconfig)
/// </code>
/// The kubeconfig is read from an encrypted Automation variable and never written to disk.
/// </example>
/// <seealso cref="GetLiqoInfoCommand"/>
[Cmdlet(VerbsCommon.Get, "LiqoClusterId")]
[OutputType(typeof(string))]
public sealed class GetLiqoClusterIdCommand : ClusterCmdlet
{
    /// <summary>
    /// The bound of the whole command (default one minute): when it runs out, the command fails with ErrorId OperationTimeout,
    /// even against a server that never answers. Transient failures (429, 5xx, dropped connections) are retried within it.
    /// Accepts liqoctl's durations (30s, 5m), a number of seconds or a TimeSpan.
    /// </summary>
    [Parameter]
    [DurationTransformation]
    public TimeSpan Timeout { get; set; } = Operation.DefaultReadTimeout;

    protected override void ProcessRecord()
    {
        var source = LocalSource();
        var timeout = Timeout;
        var id = RunEngine(async (log, ct) =>
        {
            using var cluster = ClusterConnection.Open(source);
            log.Verbose($"Reading the cluster ID of {cluster.Server} (context '{cluster.Context}') from the namespace '{cluster.LiqoNamespace}'.");
            return await ClusterId.ReadAsync(cluster, timeout, log, ct).ConfigureAwait(false);
        });
        WriteObject(id);
    }
}
