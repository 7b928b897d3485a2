using System.Management.Automation;

namespace Liqo.PowerShell.Cmdlets;

/// <summary>Removes the gateways between two clusters (liqoctl network disconnect); the Configurations stay.</summary>
[Cmdlet(VerbsLifecycle.Disable, "LiqoNetworking", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(void))]
public sealed class DisableLiqoNetworkingCommand : NetworkTeardownCmdlet
{
    private protected override bool AlsoConfigurations => false;
}
