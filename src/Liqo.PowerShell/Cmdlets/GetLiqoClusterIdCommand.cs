using System.Management.Automation;
using Liqo.Engine;
using Liqo.Engine.ClusterAccess;

namespace Liqo.PowerShell.Cmdlets;

/// <summary>
/// Gets the Liqo cluster ID of a cluster, read as liqoctl reads it (the ConfigMap labelled
/// app.kubernetes.io/name=clusterid-configmap in the Liqo namespace).
/// </summary>
[Cmdlet(VerbsCommon.Get, "LiqoClusterId")]
[OutputType(typeof(string))]
public sealed class GetLiqoClusterIdCommand : ClusterCmdlet
{
    protected override void ProcessRecord()
    {
        var source = LocalSource();
        var id = RunEngine(async (log, ct) =>
        {
            using var cluster = ClusterConnection.Open(source);
            log.Verbose($"Reading the cluster ID of {cluster.Server} (context '{cluster.Context}') from the namespace '{cluster.LiqoNamespace}'.");
            return await ClusterId.ReadAsync(cluster, ct).ConfigureAwait(false);
        });
        WriteObject(id);
    }
}
