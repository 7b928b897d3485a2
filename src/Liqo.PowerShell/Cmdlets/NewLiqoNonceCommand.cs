using System.Management.Automation;
using Liqo.Engine.Authentication;

namespace Liqo.PowerShell.Cmdlets;

/// <summary>
/// On the provider, first step of an out-of-band authentication (liqoctl create nonce): the consumer's tenant namespace
/// and the nonce Secret, then the LiqoNonce for the consumer (New-LiqoTenant).
/// </summary>
[Cmdlet(VerbsCommon.New, "LiqoNonce", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(Liqo.PeeringMaterial))]
public sealed class NewLiqoNonceCommand : MaterialOutputCmdlet
{
    /// <summary>The consumer that will authenticate with this cluster.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("RemoteClusterId")]
    [ValidateNotNullOrEmpty]
    public string ConsumerClusterId { get; set; } = "";

    protected override void ProcessRecord()
    {
        var consumerId = ConsumerClusterId;
        Produce((op, provider) => AuthenticationExchange.CreateNonceAsync(op, provider, consumerId));
    }
}
