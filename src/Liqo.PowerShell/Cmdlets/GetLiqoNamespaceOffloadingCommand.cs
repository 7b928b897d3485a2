using System.Management.Automation;
using Liqo.Engine;
using Liqo.Engine.ClusterAccess;
using Liqo.Engine.Offloading;

namespace Liqo.PowerShell.Cmdlets;

/// <summary>
/// Gets the offloaded namespaces of a cluster: for each, its NamespaceOffloading (kubectl get namespaceoffloadings -A):
/// the pod offloading and namespace mapping strategies, the phase Liqo reports, the remote namespace's name, the cluster
/// selector and, per remote cluster, whether it is selected and whether its remote namespace is ready.
/// </summary>
/// <remarks>
/// Without -Namespace, every offloaded namespace; a named namespace that is not offloaded is a non-terminating error
/// (ErrorId NamespaceOffloadingNotFound).
/// </remarks>
/// <example>
/// List the offloaded namespaces
/// <code>
/// Get-LiqoNamespaceOffloading -Kubeconfig ~/.kube/consumer
/// </code>
/// One row per namespace: strategies, phase, remote namespace and each cluster's readiness.
/// </example>
/// <example>
/// The clusters of one namespace
/// <code>
/// Get-LiqoNamespaceOffloading demo | Select-Object -ExpandProperty Clusters
/// </code>
/// Per remote cluster: OffloadingRequired, Ready, the reason and message.
/// </example>
/// <seealso cref="EnableLiqoNamespaceOffloadingCommand"/>
/// <seealso cref="DisableLiqoNamespaceOffloadingCommand"/>
[Cmdlet(VerbsCommon.Get, "LiqoNamespaceOffloading")]
[OutputType(typeof(NamespaceOffloadingInfo))]
public sealed class GetLiqoNamespaceOffloadingCommand : ClusterCmdlet
{
    private readonly List<string> _namespaces = [];

    /// <summary>The namespaces to show: names, or objects from the pipeline with metadata.name, Name or Namespace; all when absent.</summary>
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("Name")]
    [NamespaceNameTransformation]
    [ValidateNotNullOrEmpty]
    public string[]? Namespace { get; set; }

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
        if (Namespace is not null) _namespaces.AddRange(Namespace);
    }

    protected override void EndProcessing()
    {
        var source = LocalSource();
        var names = _namespaces.Distinct(StringComparer.Ordinal).ToList();
        var found = RunEngine(async (log, ct) =>
        {
            using var cluster = ClusterConnection.Open(source);
            return await Operation.ReadAsync(log, Timeout, ct, async t =>
            {
                if (names.Count == 0) return (await NamespaceOffloading.ListAsync(cluster, null, t).ConfigureAwait(false)).ToList();
                var list = new List<System.Text.Json.Nodes.JsonObject>();
                foreach (var ns in names) list.AddRange(await NamespaceOffloading.ListAsync(cluster, ns, t).ConfigureAwait(false));
                return list;
            }, cluster).ConfigureAwait(false);
        });
        foreach (var o in found) WriteObject(OutputMapper.NamespaceOffloading(o));
        foreach (var ns in names.Where(n => !found.Any(o => Engine.Resources.JsonObjectExtensions.Namespace(o) == n)))
            WriteLiqoError(new LiqoException(ErrorIds.NamespaceOffloadingNotFound, LiqoErrorCategory.ObjectNotFound, ns,
                $"The namespace \"{ns}\" is not offloaded: it has no NamespaceOffloading \"{NamespaceOffloading.Name}\".",
                "Enable-LiqoNamespaceOffloading offloads it; Get-LiqoNamespaceOffloading without names lists the offloaded namespaces."));
    }
}
