using System.Collections;
using System.Management.Automation;
using Liqo.Engine;
using Liqo.Engine.GoFormat;
using Liqo.Engine.Offloading;

namespace Liqo.PowerShell.Cmdlets;

/// <summary>
/// Offloads namespaces to the peered providers, as liqoctl offload namespace does: it writes the NamespaceOffloading
/// named offloading in each namespace (its pod offloading strategy, namespace mapping strategy, remote namespace name and
/// cluster selector), and Liqo creates a twin namespace on each selected provider, where the namespace's pods scheduled on
/// the virtual node run. It waits, bounded by -Timeout (20 s, as liqoctl), until Liqo reports the phase Ready. The phase
/// NoClusterSelected (the cluster selector matches no virtual node) is a warning; SomeFailed and AllFailed are errors
/// (ErrorId OffloadingFailed) naming the clusters whose remote namespace could not be created. A namespace that is
/// offloaded as asked already is not written again.
/// </summary>
/// <remarks>
/// The namespaces come as names, from the pipeline (strings, kubectl's JSON objects with metadata.name, or objects with
/// a Name or Namespace property), or by -NamespaceSelector. A failure on one namespace is a non-terminating error and the
/// others are still offloaded, as liqoctl goes on with the next namespace. Changing the pod offloading strategy to a more
/// restrictive one warns that pods already running against it are not moved. -Output Json|Yaml prints the
/// NamespaceOffloading as liqoctl offload namespace --output prints it, and writes nothing.
/// </remarks>
/// <example>
/// Offload a namespace to every provider
/// <code>
/// Enable-LiqoNamespaceOffloading demo -Kubeconfig ~/.kube/consumer -InformationAction Continue
/// </code>
/// Its remote namespace is demo-&lt;consumer cluster ID&gt; on each provider; pods go to local or virtual nodes (LocalAndRemote).
/// </example>
/// <example>
/// Only remote pods, same name on the provider, only European clusters that are not staging
/// <code>
/// Enable-LiqoNamespaceOffloading demo -PodOffloadingStrategy Remote -NamespaceMappingStrategy EnforceSameName -ClusterSelector 'region in (europe)', '!staging'
/// </code>
/// Each -ClusterSelector is an alternative (ORed); the requirements within one are ANDed.
/// </example>
/// <example>
/// Offload several namespaces, or those of a team
/// <code>
/// 'web', 'api' | Enable-LiqoNamespaceOffloading -PodOffloadingStrategy Remote
/// Enable-LiqoNamespaceOffloading -NamespaceSelector team=blue
/// </code>
/// The names come from the pipeline (kubectl's JSON objects, with metadata.name, too); the second offloads every
/// namespace labelled team=blue.
/// </example>
/// <example>
/// Print the NamespaceOffloading instead of applying it
/// <code>
/// Enable-LiqoNamespaceOffloading demo -NamespaceMappingStrategy SelectedName -RemoteNamespaceName demo-remote -Output Yaml
/// </code>
/// The YAML liqoctl offload namespace --output yaml prints, to apply with GitOps tools.
/// </example>
/// <seealso cref="DisableLiqoNamespaceOffloadingCommand"/>
/// <seealso cref="GetLiqoNamespaceOffloadingCommand"/>
[Cmdlet(VerbsLifecycle.Enable, "LiqoNamespaceOffloading", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium,
    DefaultParameterSetName = NamespaceSet)]
[OutputType(typeof(NamespaceOffloadingInfo), typeof(string))]
public sealed class EnableLiqoNamespaceOffloadingCommand : NamespaceSelectionCmdlet, IGlobalMetadataParameters
{
    /// <inheritdoc cref="IGlobalMetadataParameters.GlobalLabel"/>
    [Parameter] public Hashtable? GlobalLabel { get; set; }

    /// <inheritdoc cref="IGlobalMetadataParameters.GlobalAnnotation"/>
    [Parameter] public Hashtable? GlobalAnnotation { get; set; }

    /// <summary>
    /// Where the namespace's pods may run (liqoctl's --pod-offloading-strategy): LocalAndRemote (default) on local and
    /// virtual nodes, Remote only on virtual nodes, Local only on local nodes (the namespace still exists remotely, e.g. to
    /// consume remote services).
    /// </summary>
    [Parameter]
    [ValidateSet(Engine.Offloading.NamespaceOffloading.LocalAndRemote, Engine.Offloading.NamespaceOffloading.Remote, Engine.Offloading.NamespaceOffloading.Local)]
    public string PodOffloadingStrategy { get; set; } = Engine.Offloading.NamespaceOffloading.LocalAndRemote;

    /// <summary>
    /// How the remote namespace is named (liqoctl's --namespace-mapping-strategy): DefaultName (default)
    /// &lt;namespace&gt;-&lt;consumer cluster ID&gt;, EnforceSameName the same name, SelectedName -RemoteNamespaceName.
    /// </summary>
    [Parameter]
    [ValidateSet(Engine.Offloading.NamespaceOffloading.DefaultName, Engine.Offloading.NamespaceOffloading.EnforceSameName, Engine.Offloading.NamespaceOffloading.SelectedName)]
    public string NamespaceMappingStrategy { get; set; } = Engine.Offloading.NamespaceOffloading.DefaultName;

    /// <summary>The remote namespace's name, with -NamespaceMappingStrategy SelectedName (liqoctl's --remote-namespace-name); one namespace only.</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string? RemoteNamespaceName { get; set; }

    /// <summary>
    /// Selects the providers by their virtual nodes' labels (liqoctl's --selector/-l): each value is a label selector such as
    /// 'region in (europe,us-west), !staging' (its requirements ANDed); several values are alternatives (ORed). Default:
    /// every provider.
    /// </summary>
    [Parameter]
    [ValidateNotNull]
    public string[] ClusterSelector { get; set; } = [];

    /// <summary>
    /// Prints the NamespaceOffloading of each namespace as liqoctl offload namespace --output prints it (Json or Yaml),
    /// instead of applying it: nothing is written.
    /// </summary>
    [Parameter]
    [ValidateSet("Json", "Yaml")]
    public string? Output { get; set; }

    /// <summary>
    /// The bound of the whole command, the waits for Liqo included (liqoctl's --timeout, 20 s by default). Accepts
    /// liqoctl's durations (30s, 2m), a number of seconds or a TimeSpan.
    /// </summary>
    [Parameter]
    [DurationTransformation]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(20);

    protected override void EndProcessing()
    {
        var selector = Selector;
        var options = new OffloadOptions
        {
            PodOffloadingStrategy = PodOffloadingStrategy,
            NamespaceMappingStrategy = NamespaceMappingStrategy,
            RemoteNamespaceName = RemoteNamespaceName ?? "",
            ClusterSelectors = ClusterSelector,
        };
        var names = Names;
        try
        {
            Offload.Check(names, selector, options);
        }
        catch (LiqoException e)
        {
            ThrowTerminatingError(ErrorRecordFactory.From(e));
        }
        if (Output is not null && selector is null)
        {
            // liqoctl prints without reaching the cluster
            foreach (var ns in names) WriteObject(Engine.Offloading.NamespaceOffloading.Print(ns, options, Format));
            return;
        }
        var output = Output is not null;
        var outcomes = RunOnCluster(LocalSource(), Timeout, (op, cluster) =>
            Offload.ForEachNamespaceAsync<object>(op, cluster, names, selector, "offloaded", async ns => output
                ? Engine.Offloading.NamespaceOffloading.Print(ns, options, Format)
                : OutputMapper.NamespaceOffloading(await Offload.NamespaceAsync(op, cluster, ns, options).ConfigureAwait(false), op.PlanOnly || op.WhatIf)),
            before: ClusterId.ReadAsync);
        foreach (var (_, result, error) in outcomes)
        {
            if (error is not null) WriteLiqoError(error);
            else WriteObject(result);
        }
    }

    private MachineFormat Format => ParameterConversions.Format(Output);
}
