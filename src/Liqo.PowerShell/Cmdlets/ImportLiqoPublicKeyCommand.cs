using System.Diagnostics;
using System.Management.Automation;
using Liqo.Engine;
using Liqo.Engine.ClusterAccess;
using Liqo.Engine.Networking;
using EngineMaterial = Liqo.Engine.Exchange.PeeringMaterial;

namespace Liqo.PowerShell.Cmdlets;

/// <summary>
/// On the server cluster: the client gateway's public key from its LiqoGatewayClient, owned by the GatewayServer made
/// for it (liqoctl create publickey); with -Wait, waits (bounded by -Timeout) for the tunnel to be established.
/// </summary>
[Cmdlet(VerbsData.Import, "LiqoPublicKey", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = PathSet)]
[OutputType(typeof(NetworkingResult))]
public sealed class ImportLiqoPublicKeyCommand : MaterialCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathSet)]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = "";

    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = InputObjectSet)]
    public Liqo.PeeringMaterial? InputObject { get; set; }

    /// <summary>Wait for this cluster's Connection to be established.</summary>
    [Parameter] public SwitchParameter Wait { get; set; }

    [Parameter]
    [DurationTransformation]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(2);

    protected override void ProcessRecord()
    {
        var source = LocalSource();
        var (text, from) = ReadMaterial(Path, InputObject);
        var (timeout, wait) = (Timeout, Wait.IsPresent);
        WriteObject(RunEngine(async (log, ct) =>
        {
            var watch = Stopwatch.StartNew();
            using var server = ClusterConnection.Open(source);
            var op = new Operation(log, timeout, ct);
            var material = EngineMaterial.Parse(text, from);
            var established = await NetworkExchange.ImportPublicKeyAsync(op, server, material, wait).ConfigureAwait(false);
            return new NetworkingResult
            {
                LocalClusterId = server.ClusterId ?? "",
                RemoteClusterId = material.FromClusterId,
                Established = established,
                WhatIf = op.PlanOnly,
                Duration = watch.Elapsed,
            };
        }));
    }
}
