using System.Management.Automation;
using Liqo.Engine;
using Liqo.Engine.ClusterAccess;

namespace Liqo.PowerShell.Cmdlets;

/// <summary>
/// On the provider (liqoctl delete peering-user): removes the peering user's roles, bindings and CSR. Its kubeconfig
/// still authenticates but may do nothing; a new user for the same consumer gets a new identity.
/// </summary>
[Cmdlet(VerbsCommon.Remove, "LiqoPeeringUser", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(void))]
public sealed class RemoveLiqoPeeringUserCommand : ClusterCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("RemoteClusterId")]
    [ValidateNotNullOrEmpty]
    public string ConsumerClusterId { get; set; } = "";

    protected override void BeginProcessing() => RequireConfirmationChoice();

    protected override void ProcessRecord()
    {
        var source = LocalSource();
        var consumerId = ConsumerClusterId;
        RunEngine(async (log, ct) =>
        {
            using var provider = ClusterConnection.Open(source);
            var op = new Operation(log, TimeSpan.FromMinutes(1), ct);
            return await Engine.Authentication.PeeringUser.RemoveAsync(op, provider, consumerId).ConfigureAwait(false);
        });
    }
}
