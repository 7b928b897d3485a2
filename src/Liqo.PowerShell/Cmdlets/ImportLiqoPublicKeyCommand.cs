using System.Management.Automation;
using Liqo.Engine.Networking;

namespace Liqo.PowerShell.Cmdlets;

/// <summary>
/// Applies the client gateway's public key on the server cluster, as liqoctl create publickey does. The key comes from the
/// LiqoGatewayClient material New-LiqoGatewayClient made, and is owned by the GatewayServer made for that client. With -Wait
/// the cmdlet waits, bounded by -Timeout, for the tunnel to be established. This is the last step of the out-of-band
/// networking.
/// </summary>
/// <example>
/// Complete the tunnel and wait for it
/// <code>
/// Import-LiqoPublicKey ./gateway-client.json -Kubeconfig ~/.kube/milan -Wait
/// </code>
/// Established in the result is True once this cluster's Connection is up.
/// </example>
/// <seealso cref="NewLiqoGatewayClientCommand"/>
/// <seealso cref="NewLiqoGatewayServerCommand"/>
[Cmdlet(VerbsData.Import, "LiqoPublicKey", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = PathSet)]
[OutputType(typeof(NetworkingResult))]
public sealed class ImportLiqoPublicKeyCommand : MaterialInputCmdlet
{
    /// <summary>Waits for this cluster's Connection to be established.</summary>
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
