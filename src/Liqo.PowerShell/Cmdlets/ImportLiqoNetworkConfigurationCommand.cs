using System.Diagnostics;
using System.Management.Automation;
using System.Text.Json.Nodes;
using Liqo.Engine;
using Liqo.Engine.ClusterAccess;
using Liqo.Engine.Networking;
using EngineMaterial = Liqo.Engine.Exchange.PeeringMaterial;

namespace Liqo.PowerShell.Cmdlets;

/// <summary>
/// Writes the other cluster's LiqoNetworkConfiguration as the Configuration in its tenant namespace (created if
/// missing) and waits (bounded by -Timeout) for Liqo to remap its CIDRs.
/// </summary>
[Cmdlet(VerbsData.Import, "LiqoNetworkConfiguration", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = PathSet)]
[OutputType(typeof(NetworkConfigurationResult))]
public sealed class ImportLiqoNetworkConfigurationCommand : MaterialCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathSet)]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = "";

    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = InputObjectSet)]
    public Liqo.PeeringMaterial? InputObject { get; set; }

    /// <summary>Do not wait for the CIDRs to be remapped.</summary>
    [Parameter] public SwitchParameter NoWait { get; set; }

    [Parameter]
    [DurationTransformation]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(2);

    protected override void ProcessRecord()
    {
        var source = LocalSource();
        var (text, from) = ReadMaterial(Path, InputObject);
        var (timeout, wait) = (Timeout, !NoWait.IsPresent);
        WriteObject(RunEngine(async (log, ct) =>
        {
            var watch = Stopwatch.StartNew();
            using var cluster = ClusterConnection.Open(source);
            var op = new Operation(log, timeout, ct);
            var material = EngineMaterial.Parse(text, from);
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
                Duration = watch.Elapsed,
            };
        }));
    }
}
