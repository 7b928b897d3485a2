using System.Management.Automation;
using Liqo.Engine;
using Liqo.Engine.ClusterAccess;
using Liqo.Engine.Info;
using Liqo.PowerShell.Completers;

namespace Liqo.PowerShell.Cmdlets;

/// <summary>
/// Gets the ForeignClusters of a cluster, as kubectl get foreignclusters lists them. There is one ForeignCluster per
/// cluster this one knows, kept after unpeering with role Unknown; each object has its role, age, API server and proxy URLs,
/// tenant namespaces and the status and conditions of each module (networking, authentication, offloading).
/// </summary>
/// <remarks>
/// -ClusterId filters by cluster ID or name, wildcards allowed; a name without wildcards that matches nothing is a
/// non-terminating error.
/// </remarks>
/// <example>
/// List the ForeignClusters
/// <code>
/// Get-LiqoForeignCluster -Kubeconfig ~/.kube/consumer
/// </code>
/// NAME, ROLE and AGE, as kubectl get foreignclusters prints them.
/// </example>
/// <example>
/// Filter by name, role or condition
/// <code>
/// Get-LiqoForeignCluster mil*
/// Get-LiqoForeignCluster | Where-Object Role -eq Unknown
/// Get-LiqoForeignCluster milan | Select-Object -ExpandProperty Conditions
/// </code>
/// The clusters whose ID or name starts with mil; the clusters left with role Unknown after unpeering; the conditions of
/// milan's ForeignCluster.
/// </example>
/// <seealso cref="GetLiqoPeerInfoCommand"/>
[Cmdlet(VerbsCommon.Get, "LiqoForeignCluster")]
[OutputType(typeof(ForeignCluster))]
public sealed class GetLiqoForeignClusterCommand : ClusterCmdlet
{
    private readonly List<string> _names = [];

    /// <summary>The cluster IDs or ForeignCluster names to show, wildcards allowed; all when absent.</summary>
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Name")]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ForeignClusterIdCompleter))]
    public string[]? ClusterId { get; set; }

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
        if (ClusterId is not null) _names.AddRange(ClusterId);
    }

    protected override void EndProcessing()
    {
        var source = LocalSource();
        var timeout = Timeout;
        var all = RunEngine(async (log, ct) =>
        {
            using var cluster = ClusterConnection.Open(source);
            log.Verbose($"Listing the ForeignClusters of {cluster.Server} (context '{cluster.Context}').");
            return await ForeignClusterReader.ListAsync(cluster, ct, timeout, log).ConfigureAwait(false);
        });
        if (_names.Count == 0)
        {
            foreach (var fc in all.OrderBy(f => f.Name, StringComparer.Ordinal)) WriteObject(OutputMapper.From(fc));
            return;
        }
        var patterns = _names.Select(n => (Name: n, Pattern: WildcardPattern.Get(n, WildcardOptions.None))).ToList();
        foreach (var fc in all.OrderBy(f => f.Name, StringComparer.Ordinal))
            if (patterns.Any(p => p.Pattern.IsMatch(fc.Name) || p.Pattern.IsMatch(fc.ClusterId))) WriteObject(OutputMapper.From(fc));
        foreach (var (name, pattern) in patterns.Where(p => !WildcardPattern.ContainsWildcardCharacters(p.Name)).DistinctBy(p => p.Name))
        {
            if (all.Any(f => pattern.IsMatch(f.Name) || pattern.IsMatch(f.ClusterId))) continue;
            WriteLiqoError(InfoErrors.ForeignClusterNotFound(name));
        }
    }
}
