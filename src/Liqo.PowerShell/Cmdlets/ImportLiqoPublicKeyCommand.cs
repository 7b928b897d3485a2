using System.Management.Automation;
using Liqo.Engine.Networking;

namespace Liqo.PowerShell.Cmdlets;

/// <summary>
/// On the server cluster: the client gateway's public key from its LiqoGatewayClient, owned by the GatewayServer made
/// for it (liqoctl create publickey); with -Wait, waits (bounded by -Timeout) for the tunnel to be established.
/// </summary>
[Cmdlet(VerbsData.Import, "LiqoPublicKey", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = PathSet)]
[OutputType(typeof(NetworkingResult))]
public sealed class ImportLiqoPublicKeyCommand : MaterialInputCmdlet
{
    /// <summary>Wait for this cluster's Connection to be established.</summary>
    [Parameter] public SwitchParameter Wait { get; set; }

    protected override void ProcessRecord()
    {
        var wait = Wait.IsPresent;
        WriteObject(RunOnMaterial(async (op, server, material) =>
        {
            var established = await NetworkExchange.ImportPublicKeyAsync(op, server, material, wait).ConfigureAwait(false);
            return new NetworkingResult
            {
                LocalClusterId = server.ClusterId ?? "",
                RemoteClusterId = material.FromClusterId,
                Established = established,
                WhatIf = op.PlanOnly,
                Duration = op.Elapsed,
            };
        }));
    }
}
