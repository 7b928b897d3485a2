using System.Management.Automation;

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

    protected override void ProcessRecord()
    {
        var consumerId = ConsumerClusterId;
        RunOnCluster(LocalSource(), TimeSpan.FromMinutes(1), (op, provider) => Engine.Authentication.PeeringUser.RemoveAsync(op, provider, consumerId));
    }
}
