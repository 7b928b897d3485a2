using System.Management.Automation;
using Liqo.Engine.ClusterAccess;
using Liqo.Engine.Info;
using Liqo.PowerShell.Info;

namespace Liqo.PowerShell.Cmdlets;

/// <summary>
/// liqoctl info: the local installation (cluster ID, version, cluster labels, API server), its health (the pods of the
/// Liqo namespace that are not Ready), its network (-IncludeNetwork, liqoctl's -v) and every peering with the status of
/// its modules. -Output Json|Yaml writes liqoctl's document; -Get writes one field of it with liqoctl's --get rules.
/// </summary>
[Cmdlet(VerbsCommon.Get, "LiqoInfo")]
[OutputType(typeof(LiqoInfo), typeof(string))]
public sealed class GetLiqoInfoCommand : ClusterCmdlet
{
    /// <summary>Adds the local CIDRs (liqoctl info -v); -Get always includes them.</summary>
    [Parameter]
    public SwitchParameter IncludeNetwork { get; set; }

    /// <summary>Writes liqoctl's machine-readable document instead of an object (liqoctl -o json|yaml).</summary>
    [Parameter]
    [ValidateSet("Json", "Yaml")]
    public string? Output { get; set; }

    /// <summary>A dot path into liqoctl's document (liqoctl --get), e.g. local.clusterid, network.podcidrs or the shortcut clusterid.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? Get { get; set; }

    protected override void ProcessRecord()
    {
        var source = LocalSource();
        var format = Output == "Json" ? MachineFormat.Json : MachineFormat.Yaml;
        var result = RunEngine(async (log, ct) =>
        {
            using var cluster = ClusterConnection.Open(source);
            log.Verbose($"Reading the Liqo installation of {cluster.Server} (context '{cluster.Context}') in the namespace '{cluster.LiqoNamespace}'.");
            var collected = await InfoCollector.CollectLocalAsync(cluster, IncludeNetwork || Get is not null, log, ct).ConfigureAwait(false);
            object output = Get is not null ? InfoDocuments.LocalGet(collected.Report, Get, format)
                : Output is not null ? InfoDocuments.Local(collected.Report, format)
                : InfoObjects.From(collected.Report);
            return output;
        });
        WriteObject(result);
    }
}
