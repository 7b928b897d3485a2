using System.Management.Automation;

namespace Liqo.PowerShell.Cmdlets;

/// <summary>Removes the gateways and the Configurations between two clusters (liqoctl network reset).</summary>
[Cmdlet(VerbsCommon.Reset, "LiqoNetworking", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(void))]
public sealed class ResetLiqoNetworkingCommand : NetworkTeardownCmdlet
{
    private protected override bool AlsoConfigurations => true;
}
