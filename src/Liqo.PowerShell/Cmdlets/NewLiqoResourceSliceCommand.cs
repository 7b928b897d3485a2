using System.Collections;
using System.Diagnostics;
using System.Management.Automation;
using System.Text.Json.Nodes;
using Liqo.Engine;
using Liqo.Engine.ClusterAccess;
using Liqo.Engine.Offloading;

namespace Liqo.PowerShell.Cmdlets;

/// <summary>
/// Asks a provider for resources (liqoctl create resourceslice), on the consumer cluster: the ResourceSlice in the
/// provider's tenant namespace, then, bounded by -Timeout (liqoctl waits forever), its Authentication Accepted and one
/// look at Resources. The same engine step as New-LiqoPeering's offloading.
/// </summary>
[Cmdlet(VerbsCommon.New, "LiqoResourceSlice", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(ResourceSliceResult))]
public sealed class NewLiqoResourceSliceCommand : ClusterCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string Name { get; set; } = "";

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

    /// <summary>The bound of the wait for the provider's answer.</summary>
    [Parameter]
    [DurationTransformation]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Return once the slice is written, without waiting for the provider's answer.</summary>
    [Parameter] public SwitchParameter NoWait { get; set; }

    protected override void ProcessRecord()
    {
        var source = LocalSource();
        var (name, provider, timeout, wait) = (Name, RemoteClusterId, Timeout, !NoWait.IsPresent);
        var options = new ResourceSliceOptions
        {
            Class = Class,
            Resources = ParameterConversions.Resources(Cpu, Memory, Pods, Resource),
            CreateVirtualNode = !NoVirtualNode,
        };
        var result = RunEngine(async (log, ct) =>
        {
            var watch = Stopwatch.StartNew();
            using var consumer = ClusterConnection.Open(source);
            await ClusterId.ReadAsync(consumer, ct).ConfigureAwait(false);
            var op = new Operation(log, timeout, ct);
            var slice = await ResourceSlice.CreateAsync(op, consumer, name, provider, options, wait).ConfigureAwait(false);
            return new ResourceSliceResult
            {
                Name = name,
                Namespace = slice["metadata"]?["namespace"]?.GetValue<string>() ?? "",
                ProviderClusterId = provider,
                Class = options.Class,
                RequestedResources = (slice["spec"]?["resources"] as JsonObject)?.ToDictionary(p => p.Key, p => p.Value?.ToString() ?? "")
                                     ?? new Dictionary<string, string>(),
                CreateVirtualNode = options.CreateVirtualNode,
                Authentication = ResourceSlice.ConditionStatus(slice, ResourceSlice.AuthenticationCondition) ?? "",
                Resources = ResourceSlice.ConditionStatus(slice, ResourceSlice.ResourcesCondition) ?? "",
                WhatIf = op.PlanOnly,
                Duration = watch.Elapsed,
            };
        });
        WriteObject(result);
    }
}
