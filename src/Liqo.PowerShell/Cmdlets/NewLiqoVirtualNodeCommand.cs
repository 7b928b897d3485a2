using System.Collections;
using System.Management.Automation;
using Liqo.Engine.Resources;
using Liqo.Engine.Offloading;

namespace Liqo.PowerShell.Cmdlets;

/// <summary>
/// Creates a virtual node on the consumer cluster (liqoctl create virtualnode): the VirtualNode in the provider's tenant
/// namespace, its access from a kubeconfig Secret (-KubeconfigSecretName, with -Cpu/-Memory/-Pods/-Resource as its
/// capacity) or from a ResourceSlice (-ResourceSliceName: the slice's accepted resources and classes, its Identity's
/// kubeconfig). Unless -NoNode, waits (bounded by -Timeout; liqoctl waits forever) for the Node to be Ready.
/// </summary>
[Cmdlet(VerbsCommon.New, "LiqoVirtualNode", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = ResourceSliceSet)]
[OutputType(typeof(VirtualNodeResult))]
public sealed class NewLiqoVirtualNodeCommand : OffloadingCmdlet
{
    private const string SecretSet = "KubeconfigSecret";
    private const string ResourceSliceSet = "ResourceSlice";

    /// <summary>The provider's cluster ID (liqoctl --remote-cluster-id).</summary>
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [Alias("ProviderClusterId")]
    [ValidateNotNullOrEmpty]
    public string RemoteClusterId { get; set; } = "";

    /// <summary>The Secret (in the tenant namespace) holding the kubeconfig the virtual kubelet uses.</summary>
    [Parameter(Mandatory = true, ParameterSetName = SecretSet)]
    [ValidateNotNullOrEmpty]
    public string KubeconfigSecretName { get; set; } = "";

    /// <summary>The ResourceSlice whose accepted resources and Identity the virtual node uses.</summary>
    [Parameter(Mandatory = true, ParameterSetName = ResourceSliceSet)]
    [ValidateNotNullOrEmpty]
    public string ResourceSliceName { get; set; } = "";

    [Parameter(ParameterSetName = SecretSet)] public string Cpu { get; set; } = "2";

    [Parameter(ParameterSetName = SecretSet)] public string Memory { get; set; } = "4Gi";

    [Parameter(ParameterSetName = SecretSet)] public string Pods { get; set; } = "110";

    /// <summary>Other resources, e.g. @{ 'nvidia.com/gpu' = '2' }.</summary>
    [Parameter(ParameterSetName = SecretSet)] public Hashtable? Resource { get; set; }

    /// <summary>Storage classes offered by the provider; the first is the default.</summary>
    [Parameter(ParameterSetName = SecretSet)] public string[] StorageClass { get; set; } = Array.Empty<string>();

    [Parameter(ParameterSetName = SecretSet)] public string[] IngressClass { get; set; } = Array.Empty<string>();

    [Parameter(ParameterSetName = SecretSet)] public string[] LoadBalancerClass { get; set; } = Array.Empty<string>();

    /// <summary>Labels of the virtual node.</summary>
    [Parameter(ParameterSetName = SecretSet)] public Hashtable? Label { get; set; }

    /// <summary>The node selector offloaded pods get on the provider.</summary>
    [Parameter(ParameterSetName = SecretSet)] public Hashtable? NodeSelector { get; set; }

    /// <summary>The runtime class offloaded pods get on the provider.</summary>
    [Parameter] public string? RuntimeClassName { get; set; }

    /// <summary>A VkOptionsTemplate as namespace/name (default: the one installed with Liqo).</summary>
    [Parameter] public string? VkOptionsTemplate { get; set; }

    /// <summary>Do not register a Node (liqoctl --create-node=false).</summary>
    [Parameter] public SwitchParameter NoNode { get; set; }

    [Parameter] public SwitchParameter DisableNetworkCheck { get; set; }

    protected override void ProcessRecord()
    {
        var provider = RemoteClusterId;
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
        WriteObject(RunOnConsumer(async (op, consumer, name, wait) =>
        {
            var (vn, node) = await VirtualNode.CreateAsync(op, consumer, name, provider, options, wait).ConfigureAwait(false);
            return new VirtualNodeResult
            {
                Name = name,
                Namespace = vn.Namespace() ?? "",
                ClusterId = provider,
                KubeconfigSecret = VirtualNode.KubeconfigSecretName(vn),
                CreateNode = options.CreateNode,
                NodeReady = node is not null,
                WhatIf = op.PlanOnly,
                Duration = op.Elapsed,
            };
        }));
    }
}
