using System.Collections;
using System.Management.Automation;
using Liqo.Engine.Resources;
using Liqo.Engine.Offloading;

namespace Liqo.PowerShell.Cmdlets;

/// <summary>
/// Asks a provider for resources (liqoctl create resourceslice), on the consumer cluster: the ResourceSlice in the
/// provider's tenant namespace, then, bounded by -Timeout (liqoctl waits forever), its Authentication Accepted and one
/// look at Resources. The same engine step as New-LiqoPeering's offloading.
/// </summary>
[Cmdlet(VerbsCommon.New, "LiqoResourceSlice", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(ResourceSliceResult))]
public sealed class NewLiqoResourceSliceCommand : OffloadingCmdlet
{
    /// <summary>The provider's cluster ID (liqoctl --remote-cluster-id).</summary>
    [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
    [Alias("ProviderClusterId")]
    [ValidateNotNullOrEmpty]
    public string RemoteClusterId { get; set; } = "";

    [Parameter]
    [ValidateNotNullOrEmpty]
    public string Class { get; set; } = ResourceSliceOptions.DefaultClass;

    [Parameter] public string? Cpu { get; set; }

    [Parameter] public string? Memory { get; set; }

    [Parameter] public string? Pods { get; set; }

    /// <summary>Other resources, e.g. @{ 'nvidia.com/gpu' = '2' }.</summary>
    [Parameter] public Hashtable? Resource { get; set; }

    /// <summary>Do not ask for a virtual node (no liqo.io/create-virtual-node annotation); see New-LiqoVirtualNode -ResourceSliceName.</summary>
    [Parameter] public SwitchParameter NoVirtualNode { get; set; }

    protected override void ProcessRecord()
    {
        var provider = RemoteClusterId;
        var options = new ResourceSliceOptions
        {
            Class = Class,
            Resources = ParameterConversions.Resources(Cpu, Memory, Pods, Resource),
            CreateVirtualNode = !NoVirtualNode,
        };
        WriteObject(RunOnConsumer(async (op, consumer, name, wait) =>
        {
            var slice = await ResourceSlice.CreateAsync(op, consumer, name, provider, options, wait).ConfigureAwait(false);
            return new ResourceSliceResult
            {
                Name = name,
                Namespace = slice.Namespace() ?? "",
                ProviderClusterId = provider,
                Class = options.Class,
                RequestedResources = ResourceSlice.RequestedResources(slice),
                CreateVirtualNode = options.CreateVirtualNode,
                Authentication = ResourceSlice.ConditionStatus(slice, ResourceSlice.AuthenticationCondition) ?? "",
                Resources = ResourceSlice.ConditionStatus(slice, ResourceSlice.ResourcesCondition) ?? "",
                WhatIf = op.PlanOnly,
                Duration = op.Elapsed,
            };
        }));
    }
}
