using System.Collections;
using System.Management.Automation;
using Liqo.Engine;
using Liqo.Engine.Offloading;

namespace Liqo.PowerShell.Cmdlets;

/// <summary>
/// Asks a provider for resources, as liqoctl create resourceslice does. On the consumer cluster it creates the
/// ResourceSlice in the provider's tenant namespace and waits, bounded by -Timeout (liqoctl waits forever), for the
/// provider to accept it (its Authentication condition) and reads its Resources condition once. Unless -NoVirtualNode, Liqo
/// then makes a virtual node from the resources the provider grants. This is the offloading module of New-LiqoPeering,
/// run on its own; the clusters must be authenticated first.
/// </summary>
/// <example>
/// Ask a provider for GPUs
/// <code>
/// New-LiqoResourceSlice gpu -RemoteClusterId milan -Cpu 8 -Memory 32Gi -Resource @{ 'nvidia.com/gpu' = '2' }
/// </code>
/// Creates the ResourceSlice gpu for the provider milan on the consumer of the default kubeconfig; Liqo makes a virtual
/// node gpu once milan accepts it.
/// </example>
/// <example>
/// Print the ResourceSlice instead of creating it
/// <code>
/// New-LiqoResourceSlice gpu -RemoteClusterId milan -Cpu 8 -Memory 32Gi -Output Yaml
/// </code>
/// The YAML liqoctl create resourceslice -o yaml prints (in the tenant namespace of milan, which must exist), to apply
/// with GitOps tools; nothing is written.
/// </example>
/// <example>
/// Ask for resources now, make the virtual node later
/// <code>
/// New-LiqoResourceSlice gpu -RemoteClusterId milan -NoVirtualNode -Resource @{ 'nvidia.com/gpu' = '2' }
/// New-LiqoVirtualNode gpu -RemoteClusterId milan -ResourceSliceName gpu -Timeout 5m
/// </code>
/// The second command creates a virtual node from the slice's accepted resources and waits up to five minutes for it.
/// </example>
/// <seealso cref="RemoveLiqoResourceSliceCommand"/>
/// <seealso cref="NewLiqoVirtualNodeCommand"/>
[Cmdlet(VerbsCommon.New, "LiqoResourceSlice", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(ResourceSliceResult), typeof(string))]
public sealed class NewLiqoResourceSliceCommand : ClusterCmdlet, IGlobalMetadataParameters
{
    /// <inheritdoc cref="IGlobalMetadataParameters.GlobalLabel"/>
    [Parameter] public Hashtable? GlobalLabel { get; set; }

    /// <inheritdoc cref="IGlobalMetadataParameters.GlobalAnnotation"/>
    [Parameter] public Hashtable? GlobalAnnotation { get; set; }

    /// <summary>
    /// The name of the ResourceSlice or VirtualNode (liqoctl's &lt;name&gt; argument); a virtual node's Node has the same name.
    /// </summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string Name { get; set; } = "";

    /// <summary>The cluster ID of the provider to ask (liqoctl's --remote-cluster-id).</summary>
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [Alias("ProviderClusterId")]
    [ValidateNotNullOrEmpty]
    public string RemoteClusterId { get; set; } = "";

    /// <summary>The class of the ResourceSlice (liqoctl's --class).</summary>
    [Parameter]
    [ValidateNotNullOrEmpty]
    public string Class { get; set; } = ResourceSliceOptions.DefaultClass;

    /// <summary>
    /// The CPU to ask for, as a Kubernetes quantity such as 4 or 1500m (liqoctl's --cpu). Without -Cpu, -Memory and -Pods
    /// the provider decides what to offer.
    /// </summary>
    [Parameter] public string? Cpu { get; set; }

    /// <summary>The memory to ask for, as a Kubernetes quantity such as 16Gi (liqoctl's --memory).</summary>
    [Parameter] public string? Memory { get; set; }

    /// <summary>The number of pods to ask for (liqoctl's --pods).</summary>
    [Parameter] public string? Pods { get; set; }

    /// <summary>Other resources to ask for, name to quantity, e.g. @{ 'nvidia.com/gpu' = '2' } (liqoctl's --resource).</summary>
    [Parameter] public Hashtable? Resource { get; set; }

    /// <summary>
    /// Does not ask for a virtual node (liqoctl's --no-virtual-node: no liqo.io/create-virtual-node annotation); New-LiqoVirtualNode
    /// -ResourceSliceName makes one later.
    /// </summary>
    [Parameter] public SwitchParameter NoVirtualNode { get; set; }

    /// <summary>
    /// Prints the ResourceSlice as liqoctl create resourceslice --output prints it (Json or Yaml), instead of creating it:
    /// nothing is written. The consumer's tenant namespace for the provider is read, as liqoctl reads it.
    /// </summary>
    [Parameter]
    [ValidateSet("Json", "Yaml")]
    public string? Output { get; set; }

    /// <summary>
    /// The bound of the whole command, its wait included: for the provider's answer (New-LiqoResourceSlice), for the Node to
    /// be Ready (New-LiqoVirtualNode), for the object to be gone (Remove-). Accepts liqoctl's durations (5m, 1h30m), a number
    /// of seconds or a TimeSpan.
    /// </summary>
    [Parameter]
    [DurationTransformation]
    // liqoctl create resourceslice has no --timeout
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Return once the slice or the VirtualNode is written, without waiting for the provider's answer or for its Node
    /// (New-); once the deletion is asked, without waiting for the object to be gone (Remove-).
    /// </summary>
    [Parameter] public SwitchParameter NoWait { get; set; }

    protected override void ProcessRecord()
    {
        var (name, provider, wait) = (Name, RemoteClusterId, !NoWait.IsPresent);
        var options = new ResourceSliceOptions
        {
            Class = Class,
            Resources = ParameterConversions.Resources(Cpu, Memory, Pods, Resource),
            CreateVirtualNode = !NoVirtualNode,
        };
        if (Output is not null)
        {
            var format = ParameterConversions.Format(Output);
            WriteObject(RunOnCluster(LocalSource(), Timeout, (op, consumer) => ResourceSlice.PrintAsync(op, consumer, name, provider, options, format)));
            return;
        }
        WriteObject(RunOnCluster(LocalSource(), Timeout, async (op, consumer) =>
        {
            var slice = await ResourceSlice.CreateAsync(op, consumer, name, provider, options, wait).ConfigureAwait(false);
            return OutputMapper.CreatedResourceSlice(slice, name, provider, options, op);
        }, before: ClusterId.ReadAsync));
    }
}
