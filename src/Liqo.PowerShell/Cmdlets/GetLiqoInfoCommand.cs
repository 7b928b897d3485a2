using System.Management.Automation;
using Liqo.Engine;
using Liqo.Engine.ClusterAccess;
using Liqo.Engine.Info;

namespace Liqo.PowerShell.Cmdlets;

/// <summary>
/// Gets the status of the local Liqo installation and of its peerings, as liqoctl info reports it. The object holds the
/// installation (cluster ID, Liqo version, cluster labels, API server address), its health (Healthy, and the pods of the
/// Liqo namespace that are not Ready), its network CIDRs (with -IncludeNetwork, liqoctl info -v) and every peering with its
/// role and the status of its modules.
/// </summary>
/// <remarks>
/// For scripts written against liqoctl, -Output writes liqoctl's JSON or YAML document and -Get one field of it, with
/// liqoctl's --get rules: a section first (local, health, network, peerings), then Go field names in any case
/// (local.apiserveraddr); clusterid is short for local.clusterid. A cluster without Liqo fails with ErrorId
/// LiqoNotInstalled.
/// </remarks>
/// <example>
/// Show the local installation
/// <code>
/// Get-LiqoInfo -Kubeconfig ~/.kube/consumer
/// </code>
/// Writes the cluster ID, version, labels, API server, health and the peerings with their module statuses.
/// </example>
/// <example>
/// Read single values, as liqoctl info --get does
/// <code>
/// Get-LiqoInfo -Get clusterid
/// Get-LiqoInfo -Get local.apiserveraddr
/// (Get-LiqoInfo -IncludeNetwork).Network.PodCidrs
/// </code>
/// The first two commands write a string each (the same as liqoctl info --get); the third reads the pod CIDRs from the
/// object.
/// </example>
/// <example>
/// Health check in an Azure Automation runbook
/// <code>
/// $info = Get-LiqoInfo -KubeconfigContent (Get-AutomationVariable -Name Consumer)
/// if (-not $info.Healthy) { throw "Liqo is unhealthy: $($info.UnhealthyPods.Name -join ', ')" }
/// Get-LiqoInfo -KubeconfigContent (Get-AutomationVariable -Name Consumer) -IncludeNetwork -Output Yaml
/// </code>
/// Fails the job when a pod of the Liqo namespace is not Ready; the last command writes liqoctl info -v -o yaml's document
/// to the job's output.
/// </example>
/// <seealso cref="GetLiqoPeerInfoCommand"/>
/// <seealso cref="GetLiqoClusterIdCommand"/>
[Cmdlet(VerbsCommon.Get, "LiqoInfo")]
[OutputType(typeof(LiqoInfo), typeof(string))]
public sealed class GetLiqoInfoCommand : ClusterCmdlet
{
    /// <summary>Adds the local cluster's CIDRs: pod, service, external and internal (liqoctl info -v). -Get always includes them.</summary>
    [Parameter]
    public SwitchParameter IncludeNetwork { get; set; }

    /// <summary>Writes liqoctl's document as one string, Json or Yaml, instead of an object (liqoctl info -o json|yaml).</summary>
    [Parameter]
    [ValidateSet("Json", "Yaml")]
    public string? Output { get; set; }

    /// <summary>
    /// Writes one field of liqoctl's document (liqoctl's --get), named by a dot path such as local.clusterid,
    /// network.podcidrs or the shortcut clusterid. A path that names no field is ErrorId InvalidQuery.
    /// </summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Get { get; set; }

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
        var format = ParameterConversions.Format(Output);
        var result = RunEngine(async (log, ct) =>
        {
            using var cluster = ClusterConnection.Open(source);
            log.Verbose($"Reading the Liqo installation of {cluster.Server} (context '{cluster.Context}') in the namespace '{cluster.LiqoNamespace}'.");
            var collected = await InfoCollector.CollectLocalAsync(cluster, IncludeNetwork || Get is not null, log, ct, timeout).ConfigureAwait(false);
            object output = Get is not null ? InfoDocuments.LocalGet(collected.Report, Get, format)
                : Output is not null ? InfoDocuments.Local(collected.Report, format)
                : OutputMapper.From(collected.Report);
            return output;
        });
        WriteObject(result);
    }
}
