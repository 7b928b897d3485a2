using System.Management.Automation;
using Liqo.Engine.Networking;

namespace Liqo.PowerShell.Cmdlets;

/// <summary>
/// Applies another cluster's network configuration, as liqoctl create configuration does. From the
/// LiqoNetworkConfiguration material the other cluster exported, it writes the Configuration in that cluster's tenant
/// namespace (created if missing) and waits, bounded by -Timeout, for Liqo to remap its CIDRs.
/// </summary>
/// <example>
/// Import milan's network configuration on rome
/// <code>
/// Import-LiqoNetworkConfiguration ./net-milan.json -Kubeconfig ~/.kube/rome
/// </code>
/// The result shows milan's pod and external CIDRs and how rome remapped them.
/// </example>
/// <example>
/// Exchange both configurations in one session that reaches both clusters
/// <code>
/// Export-LiqoNetworkConfiguration milan -Kubeconfig ~/.kube/rome | Import-LiqoNetworkConfiguration -Kubeconfig ~/.kube/milan
/// Export-LiqoNetworkConfiguration rome -Kubeconfig ~/.kube/milan | Import-LiqoNetworkConfiguration -Kubeconfig ~/.kube/rome
/// </code>
/// The material goes down the pipeline, without files.
/// </example>
/// <seealso cref="ExportLiqoNetworkConfigurationCommand"/>
/// <seealso cref="NewLiqoGatewayServerCommand"/>
[Cmdlet(VerbsData.Import, "LiqoNetworkConfiguration", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = PathSet)]
[OutputType(typeof(NetworkConfigurationResult))]
public sealed class ImportLiqoNetworkConfigurationCommand : MaterialInputCmdlet
{
    /// <summary>Does not wait for Liqo to remap the CIDRs.</summary>
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
