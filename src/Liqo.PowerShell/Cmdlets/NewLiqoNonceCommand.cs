using System.Management.Automation;
using Liqo.Engine;
using Liqo.Engine.Authentication;
using Liqo.Engine.ClusterAccess;

namespace Liqo.PowerShell.Cmdlets;

/// <summary>
/// On the provider, first step of an out-of-band authentication (liqoctl create nonce): the consumer's tenant namespace
/// and the nonce Secret, then the LiqoNonce for the consumer (New-LiqoTenant).
/// </summary>
[Cmdlet(VerbsCommon.New, "LiqoNonce", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(Liqo.PeeringMaterial))]
public sealed class NewLiqoNonceCommand : MaterialCmdlet
{
    /// <summary>The consumer that will authenticate with this cluster.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("RemoteClusterId")]
    [ValidateNotNullOrEmpty]
    public string ConsumerClusterId { get; set; } = "";

    /// <summary>Write the material to this file (owner-only).</summary>
    [Parameter] public string? OutFile { get; set; }

    /// <summary>Replace an existing -OutFile.</summary>
    [Parameter] public SwitchParameter Force { get; set; }

    [Parameter]
    [DurationTransformation]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(2);

    protected override void ProcessRecord()
    {
        var source = LocalSource();
        var (consumerId, timeout) = (ConsumerClusterId, Timeout);
        var (json, planned) = RunEngine(async (log, ct) =>
        {
            using var provider = ClusterConnection.Open(source);
            var op = new Operation(log, timeout, ct);
            var material = await AuthenticationExchange.CreateNonceAsync(op, provider, consumerId).ConfigureAwait(false);
            return (material.ToJson(), op.PlanOnly);
        });
        WriteObject(Publish(json, planned, OutFile, Force));
    }
}
