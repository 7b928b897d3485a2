using System.Management.Automation;
using Liqo.Engine;

namespace Liqo.PowerShell.Cmdlets;

/// <summary>
/// Removes the peering user of a consumer from the provider, as liqoctl delete peering-user does. Its roles, bindings and
/// CertificateSigningRequest are deleted: its kubeconfig still authenticates but may do nothing. A new user for the same
/// consumer gets a new identity.
/// </summary>
/// <example>
/// Remove rome's peering user
/// <code>
/// Remove-LiqoPeeringUser rome -Kubeconfig ~/.kube/milan -Confirm:$false
/// </code>
/// The user's kubeconfig can no longer peer rome with milan, nor unpeer them.
/// </example>
/// <seealso cref="NewLiqoPeeringUserCommand"/>
[Cmdlet(VerbsCommon.Remove, "LiqoPeeringUser", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(void))]
public sealed class RemoveLiqoPeeringUserCommand : ClusterCmdlet
{
    /// <summary>The cluster ID of the consumer whose peering user is removed (liqoctl's --consumer-cluster-id).</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("RemoteClusterId")]
    [ValidateNotNullOrEmpty]
    public string ConsumerClusterId { get; set; } = "";

    /// <summary>
    /// Succeed silently when there is no peering user for that consumer, as liqoctl does; without it, a missing name is a
    /// non-terminating error (ErrorId PeeringUserNotFound, category ObjectNotFound, the name as its target), as Remove-Item reports a path
    /// that does not exist.
    /// </summary>
    [Parameter] public SwitchParameter IgnoreMissing { get; set; }

    protected override void ProcessRecord()
    {
        var consumerId = ConsumerClusterId;
        var found = RunOnCluster(LocalSource(), TimeSpan.FromMinutes(1), (op, provider) => Engine.Authentication.PeeringUser.RemoveAsync(op, provider, consumerId));
        if (found == 0 && !IgnoreMissing) WriteLiqoError(MissingObject.Error(ErrorIds.PeeringUserNotFound, "peering user", consumerId, null));
    }
}
