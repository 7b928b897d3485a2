using System.Management.Automation;

namespace Liqo.PowerShell.Cmdlets;

/// <summary>
/// What Enable-LiqoNamespaceOffloading and Disable-LiqoNamespaceOffloading share: the namespaces named (liqoctl's
/// arguments, also from the pipeline) or chosen by a label selector (liqoctl's --ns-selector), gathered over the whole
/// pipeline and acted on once at its end.
/// </summary>
public abstract class NamespaceSelectionCmdlet : ClusterCmdlet
{
    private protected const string NamespaceSet = "Namespace";
    private protected const string SelectorSet = "NamespaceSelector";
    private readonly List<string> _namespaces = [];

    /// <summary>
    /// The namespaces (liqoctl offload|unoffload namespace's arguments): names, or objects from the pipeline with
    /// metadata.name, Name or Namespace.
    /// </summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true, ParameterSetName = NamespaceSet)]
    [Alias("Name")]
    [NamespaceNameTransformation]
    [ValidateNotNullOrEmpty]
    public string[] Namespace { get; set; } = [];

    /// <summary>The namespaces whose labels match this label selector, e.g. 'team=blue' (liqoctl's --ns-selector).</summary>
    [Parameter(Mandatory = true, ParameterSetName = SelectorSet)]
    [ValidateNotNullOrEmpty]
    public string NamespaceSelector { get; set; } = "";

    /// <summary>The namespaces named over the whole pipeline, each once, in the order first given.</summary>
    private protected List<string> Names => _namespaces.Distinct(StringComparer.Ordinal).ToList();

    /// <summary>The label selector, when the namespaces are chosen by one; else null.</summary>
    private protected string? Selector => ParameterSetName == SelectorSet ? NamespaceSelector : null;

    protected override void ProcessRecord() => _namespaces.AddRange(Namespace);
}
