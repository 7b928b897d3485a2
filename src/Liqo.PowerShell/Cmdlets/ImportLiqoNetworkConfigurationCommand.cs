using System.Management.Automation;
using Liqo.Engine.Networking;

namespace Liqo.PowerShell.Cmdlets;

/// <summary>
/// Writes the other cluster's LiqoNetworkConfiguration as the Configuration in its tenant namespace (created if
/// missing) and waits (bounded by -Timeout) for Liqo to remap its CIDRs.
/// </summary>
[Cmdlet(VerbsData.Import, "LiqoNetworkConfiguration", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = PathSet)]
[OutputType(typeof(NetworkConfigurationResult))]
public sealed class ImportLiqoNetworkConfigurationCommand : MaterialInputCmdlet
{
    /// <summary>Do not wait for the CIDRs to be remapped.</summary>
    [Parameter] public SwitchParameter NoWait { get; set; }

    protected override void ProcessRecord()
    {
        var wait = !NoWait.IsPresent;
        WriteObject(RunOnMaterial(async (op, cluster, material) =>
        {
            var (conf, ns, applied) = await NetworkExchange.ImportConfigurationAsync(op, cluster, material, wait).ConfigureAwait(false);
            return new NetworkConfigurationResult
            {
                LocalClusterId = cluster.ClusterId ?? "",
                RemoteClusterId = material.FromClusterId,
                Namespace = ns,
                PodCidrs = NetworkConfiguration.RemoteCidrs(conf, "pod", remapped: false),
                ExternalCidrs = NetworkConfiguration.RemoteCidrs(conf, "external", remapped: false),
                RemappedPodCidrs = NetworkConfiguration.RemoteCidrs(conf, "pod", remapped: true),
                RemappedExternalCidrs = NetworkConfiguration.RemoteCidrs(conf, "external", remapped: true),
                Applied = applied,
                WhatIf = op.PlanOnly,
                Duration = op.Elapsed,
            };
        }));
    }
}
