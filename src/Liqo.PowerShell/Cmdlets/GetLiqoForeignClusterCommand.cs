using System.Management.Automation;
using Liqo.Engine.ClusterAccess;
using Liqo.Engine.Info;
using Liqo.PowerShell.Completers;
using Liqo.PowerShell.Info;

namespace Liqo.PowerShell.Cmdlets;

/// <summary>
/// kubectl get foreignclusters: the clusters this one knows (one ForeignCluster per peer, kept after unpeering with role
/// Unknown), with their role, age and the status of each module. -ClusterId filters by cluster ID or name (wildcards
/// allowed); a name without wildcards that matches nothing is a non-terminating error.
/// </summary>
[Cmdlet(VerbsCommon.Get, "LiqoForeignCluster")]
[OutputType(typeof(ForeignCluster))]
public sealed class GetLiqoForeignClusterCommand : ClusterCmdlet
{
    private readonly List<string> _names = [];

    /// <summary>Cluster IDs or ForeignCluster names; wildcards allowed.</summary>
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Name")]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ForeignClusterIdCompleter))]
    public string[]? ClusterId { get; set; }

    protected override void ProcessRecord()
    {
        if (ClusterId is not null) _names.AddRange(ClusterId);
    }

    protected override void EndProcessing()
    {
        var source = LocalSource();
        var all = RunEngine(async (log, ct) =>
        {
            using var cluster = ClusterConnection.Open(source);
            log.Verbose($"Listing the ForeignClusters of {cluster.Server} (context '{cluster.Context}').");
            return await ForeignClusterReader.ListAsync(cluster, ct).ConfigureAwait(false);
        });
        if (_names.Count == 0)
        {
            foreach (var fc in all.OrderBy(f => f.Name, StringComparer.Ordinal)) WriteObject(InfoObjects.From(fc));
            return;
        }
        var patterns = _names.Select(n => (Name: n, Pattern: WildcardPattern.Get(n, WildcardOptions.None))).ToList();
        foreach (var fc in all.OrderBy(f => f.Name, StringComparer.Ordinal))
            if (patterns.Any(p => p.Pattern.IsMatch(fc.Name) || p.Pattern.IsMatch(fc.ClusterId))) WriteObject(InfoObjects.From(fc));
        foreach (var (name, pattern) in patterns.Where(p => !WildcardPattern.ContainsWildcardCharacters(p.Name)).DistinctBy(p => p.Name))
        {
            if (all.Any(f => pattern.IsMatch(f.Name) || pattern.IsMatch(f.ClusterId))) continue;
            WriteLiqoError(InfoErrors.ForeignClusterNotFound(name));
        }
    }
}
