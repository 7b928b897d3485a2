using System.Management.Automation;
using System.Text.Json.Nodes;
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
            static string[] At(JsonObject o, string part, string kind) =>
                (o[part]?["remote"]?["cidr"]?[kind] as JsonArray)?.Select(n => n?.ToString() ?? "").ToArray() ?? Array.Empty<string>();
            return new NetworkConfigurationResult
            {
                LocalClusterId = cluster.ClusterId ?? "",
                RemoteClusterId = material.FromClusterId,
                Namespace = ns,
                PodCidrs = At(conf, "spec", "pod"),
                ExternalCidrs = At(conf, "spec", "external"),
                RemappedPodCidrs = At(conf, "status", "pod"),
                RemappedExternalCidrs = At(conf, "status", "external"),
                Applied = applied,
                WhatIf = op.PlanOnly,
                Duration = op.Elapsed,
            };
        }));
    }
}
