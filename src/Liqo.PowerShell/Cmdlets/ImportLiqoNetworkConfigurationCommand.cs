using System.Management.Automation;
using System.Text.Json.Nodes;
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
