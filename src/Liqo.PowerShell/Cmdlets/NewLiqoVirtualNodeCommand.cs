using System.Collections;
using System.Management.Automation;
using Liqo.Engine;
using Liqo.Engine.Offloading;

namespace Liqo.PowerShell.Cmdlets;

/// <summary>
/// Creates a virtual node on the consumer cluster, as liqoctl create virtualnode does. The VirtualNode goes in the
/// provider's tenant namespace and reaches the provider either through a ResourceSlice (-ResourceSliceName: the slice's
/// accepted resources and classes, its Identity's kubeconfig) or through a kubeconfig Secret (-KubeconfigSecretName, with
/// -Cpu, -Memory, -Pods and -Resource as its capacity). Unless -NoNode, it waits, bounded by -Timeout (liqoctl waits
/// forever), for the Node to be Ready.
/// </summary>
/// <example>
/// A virtual node from a ResourceSlice
/// <code>
/// New-LiqoVirtualNode gpu -RemoteClusterId milan -ResourceSliceName gpu -Timeout 5m
/// </code>
/// The node offers what the provider accepted for the slice gpu.
/// </example>
/// <example>
/// A second virtual node on the ControlPlane identity's kubeconfig
/// <code>
/// New-LiqoVirtualNode milan-batch -RemoteClusterId milan -KubeconfigSecretName kubeconfig-controlplane-milan -Cpu 16 -Memory 64Gi -StorageClass fast, standard -Label @{ 'example.com/pool' = 'batch' }
/// </code>
/// Its capacity is what -Cpu, -Memory and -Pods (110 by default) say; fast is its default storage class.
/// </example>
/// <example>
/// Print the VirtualNode instead of creating it
/// <code>
/// New-LiqoVirtualNode gpu -RemoteClusterId milan -ResourceSliceName gpu -Output Json
/// </code>
/// The JSON liqoctl create virtualnode -o json prints, with the slice's accepted resources; nothing is written.
/// </example>
/// <seealso cref="RemoveLiqoVirtualNodeCommand"/>
/// <seealso cref="NewLiqoResourceSliceCommand"/>
[Cmdlet(VerbsCommon.New, "LiqoVirtualNode", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = ResourceSliceSet)]
[OutputType(typeof(VirtualNodeResult), typeof(string))]
public sealed class NewLiqoVirtualNodeCommand : ClusterCmdlet, IGlobalMetadataParameters
{
    /// <inheritdoc cref="IGlobalMetadataParameters.GlobalLabel"/>
    [Parameter] public Hashtable? GlobalLabel { get; set; }

    /// <inheritdoc cref="IGlobalMetadataParameters.GlobalAnnotation"/>
    [Parameter] public Hashtable? GlobalAnnotation { get; set; }

    private const string SecretSet = "KubeconfigSecret";
    private const string ResourceSliceSet = "ResourceSlice";

    /// <summary>
    /// The name of the ResourceSlice or VirtualNode (liqoctl's &lt;name&gt; argument); a virtual node's Node has the same name.
    /// </summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string Name { get; set; } = "";

    /// <summary>The cluster ID of the provider the virtual node runs pods on (liqoctl's --remote-cluster-id).</summary>
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [Alias("ProviderClusterId")]
    [ValidateNotNullOrEmpty]
    public string RemoteClusterId { get; set; } = "";

    /// <summary>The Secret, in the provider's tenant namespace, holding the kubeconfig the virtual kubelet uses (liqoctl's --kubeconfig-secret-name).</summary>
    [Parameter(Mandatory = true, ParameterSetName = SecretSet)]
    [ValidateNotNullOrEmpty]
    public string KubeconfigSecretName { get; set; } = "";

    /// <summary>The ResourceSlice whose accepted resources and Identity the virtual node uses (liqoctl's --resource-slice-name).</summary>
    [Parameter(Mandatory = true, ParameterSetName = ResourceSliceSet)]
    [ValidateNotNullOrEmpty]
    public string ResourceSliceName { get; set; } = "";

    /// <summary>The CPU the virtual node offers, as a Kubernetes quantity (liqoctl's --cpu).</summary>
    [Parameter(ParameterSetName = SecretSet)] public string Cpu { get; set; } = "2";

    /// <summary>The memory the virtual node offers, as a Kubernetes quantity (liqoctl's --memory).</summary>
    [Parameter(ParameterSetName = SecretSet)] public string Memory { get; set; } = "4Gi";

    /// <summary>The number of pods the virtual node takes (liqoctl's --pods).</summary>
    [Parameter(ParameterSetName = SecretSet)] public string Pods { get; set; } = "110";

    /// <summary>Other resources the virtual node offers, name to quantity, e.g. @{ 'nvidia.com/gpu' = '2' } (liqoctl's --resource).</summary>
    [Parameter(ParameterSetName = SecretSet)] public Hashtable? Resource { get; set; }

    /// <summary>Storage classes offered by the provider; the first is the default (liqoctl's --storage-classes).</summary>
    [Parameter(ParameterSetName = SecretSet)] public string[] StorageClass { get; set; } = Array.Empty<string>();

    /// <summary>Ingress classes offered by the provider; the first is the default (liqoctl's --ingress-classes).</summary>
    [Parameter(ParameterSetName = SecretSet)] public string[] IngressClass { get; set; } = Array.Empty<string>();

    /// <summary>Load balancer classes offered by the provider; the first is the default (liqoctl's --load-balancer-classes).</summary>
    [Parameter(ParameterSetName = SecretSet)] public string[] LoadBalancerClass { get; set; } = Array.Empty<string>();

    /// <summary>Labels of the virtual node (liqoctl's --labels).</summary>
    [Parameter(ParameterSetName = SecretSet)] public Hashtable? Label { get; set; }

    /// <summary>The node selector offloaded pods get on the provider (liqoctl's --node-selector).</summary>
    [Parameter(ParameterSetName = SecretSet)] public Hashtable? NodeSelector { get; set; }

    /// <summary>The runtime class offloaded pods get on the provider (liqoctl's --runtime-class-name).</summary>
    [Parameter] public string? RuntimeClassName { get; set; }

    /// <summary>The VkOptionsTemplate of the virtual kubelet, as namespace/name (liqoctl's --vk-options-template). Default: the one installed with Liqo.</summary>
    [Parameter] public string? VkOptionsTemplate { get; set; }

    /// <summary>Does not register a Node (liqoctl's --create-node=false), and so does not wait for one.</summary>
    [Parameter] public SwitchParameter NoNode { get; set; }

    /// <summary>Turns off the virtual kubelet's check of the network towards the provider (liqoctl's --disable-network-check).</summary>
    [Parameter] public SwitchParameter DisableNetworkCheck { get; set; }

    /// <summary>
    /// Prints the VirtualNode as liqoctl create virtualnode --output prints it (Json or Yaml), instead of creating it:
    /// nothing is written. What liqoctl reads is read (the tenant namespace; the ResourceSlice, its Identity and kubeconfig
    /// Secret with -ResourceSliceName; the -VkOptionsTemplate).
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
    // liqoctl create virtualnode has no --timeout
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Return once the slice or the VirtualNode is written, without waiting for the provider's answer or for its Node
    /// (New-); once the deletion is asked, without waiting for the object to be gone (Remove-).
    /// </summary>
    [Parameter] public SwitchParameter NoWait { get; set; }

    protected override void ProcessRecord()
    {
        var (name, provider, wait) = (Name, RemoteClusterId, !NoWait.IsPresent);
        var bySecret = ParameterSetName == SecretSet;
        var options = new VirtualNodeOptions
        {
            KubeconfigSecretName = bySecret ? KubeconfigSecretName : null,
            ResourceSliceName = bySecret ? null : ResourceSliceName,
            CreateNode = !NoNode,
            DisableNetworkCheck = DisableNetworkCheck,
            VkOptionsTemplate = VkOptionsTemplate,
            Resources = ParameterConversions.Resources(Cpu, Memory, Pods, Resource),
            StorageClasses = StorageClass,
            IngressClasses = IngressClass,
            LoadBalancerClasses = LoadBalancerClass,
            Labels = ParameterConversions.Map(Label),
            NodeSelector = ParameterConversions.Map(NodeSelector),
            RuntimeClassName = RuntimeClassName,
        };
        if (Output is not null)
        {
            var format = ParameterConversions.Format(Output);
            WriteObject(RunOnCluster(LocalSource(), Timeout, (op, consumer) => VirtualNode.PrintAsync(op, consumer, name, provider, options, format)));
            return;
        }
        WriteObject(RunOnCluster(LocalSource(), Timeout, async (op, consumer) =>
        {
            var (vn, node) = await VirtualNode.CreateAsync(op, consumer, name, provider, options, wait).ConfigureAwait(false);
            return OutputMapper.CreatedVirtualNode(vn, node, name, provider, options, op);
        }, before: ClusterId.ReadAsync));
    }
}
