using System.Management.Automation;
using Liqo.Engine;
using Liqo.Engine.Peering;

namespace Liqo.PowerShell.Cmdlets;

/// <summary>
/// Removes the peering of the local cluster (consumer) with a remote cluster (provider), as liqoctl unpeer does. In
/// liqoctl's order, it deletes the consumer's ResourceSlices and VirtualNodes for the provider and waits for them to be gone,
/// removes the authentication (ControlPlane Identity, Tenant) and then the networking (gateways and Configurations), unless
/// the clusters also peer the other way: then the tunnel stays for the other direction. -DeleteNamespaces deletes both
/// tenant namespaces as well.
/// </summary>
/// <remarks>
/// It asks for confirmation by default (ConfirmImpact High), which liqoctl unpeer does not: pass -Confirm:$false in
/// scripts. With -ClusterId (or a piped object's ClusterId) the remote cluster must have that ID, otherwise nothing is
/// removed and that record fails with ErrorId ClusterIdMismatch. Clusters that are not peered fail with PeeringNotFound.
/// The ForeignCluster stays, with role Unknown, as after liqoctl unpeer.
/// </remarks>
/// <example>
/// Unpeer two clusters interactively
/// <code>
/// Remove-LiqoPeering -Kubeconfig ~/.kube/consumer -RemoteKubeconfig ~/.kube/provider
/// </code>
/// PowerShell asks for confirmation, then the step lines appear as the peering is taken apart. Nothing is written to the
/// pipeline unless -PassThru is given.
/// </example>
/// <example>
/// Unpeer the provider a pipeline selects
/// <code>
/// Get-LiqoPeerInfo -Kubeconfig ~/.kube/consumer | Where-Object Role -eq Provider |
///     Remove-LiqoPeering -Kubeconfig ~/.kube/consumer -RemoteKubeconfig ~/.kube/provider -Confirm:$false
/// </code>
/// Each peer's ClusterId binds to -ClusterId, which guards the command: only the peer whose ID the provider's kubeconfig
/// reaches is unpeered; any other provider in the list is a ClusterIdMismatch error of its own record, and nothing of it is
/// touched.
/// </example>
/// <example>
/// Unpeer from an Azure Automation runbook, after a dry run
/// <code>
/// $access = @{ KubeconfigContent = (Get-AutomationVariable -Name Consumer); RemoteKubeconfigContent = (Get-AutomationVariable -Name Provider) }
/// Remove-LiqoPeering @access -WhatIf
/// $result = Remove-LiqoPeering @access -Confirm:$false -PassThru
/// $result | Select-Object ConsumerClusterId, ProviderClusterId, Bidirectional, NetworkingRemoved, Duration
/// </code>
/// -WhatIf lists what would be deleted on both clusters. A runbook cannot prompt, so the real run needs -Confirm:$false
/// (without it the cmdlet stops first with ErrorId ConfirmationRequired); -PassThru writes what was removed.
/// </example>
/// <seealso cref="NewLiqoPeeringCommand"/>
/// <seealso cref="GetLiqoPeerInfoCommand"/>
[Cmdlet(VerbsCommon.Remove, "LiqoPeering", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(UnpeeringResult))]
public sealed class RemoveLiqoPeeringCommand : TwoClusterCmdlet
{
    /// <summary>
    /// The provider's cluster ID, as a guard: the remote cluster must have it, otherwise nothing is removed (ErrorId
    /// ClusterIdMismatch). Binds from the ClusterId of piped objects, such as Get-LiqoPeerInfo's.
    /// </summary>
    [Parameter(ValueFromPipelineByPropertyName = true, Position = 0)]
    [Alias("RemoteClusterId", "ProviderClusterId")]
    [ValidateNotNullOrEmpty]
    public string? ClusterId { get; set; }

    /// <summary>The bound of the whole command (liqoctl's --timeout). Accepts liqoctl's durations (2m, 90s), a number of seconds or a TimeSpan.</summary>
    [Parameter]
    [DurationTransformation]
    public TimeSpan Timeout { get; set; } = UnpeerOptions.DefaultTimeout;

    /// <summary>Also deletes both tenant namespaces (liqoctl's --delete-namespaces); refused for a bidirectional peering (ErrorId BidirectionalPeering).</summary>
    [Parameter] public SwitchParameter DeleteNamespaces { get; set; }

    /// <summary>Does not wait for the ResourceSlices, VirtualNodes and namespaces to be gone (liqoctl's --wait=false).</summary>
    [Parameter] public SwitchParameter NoWait { get; set; }

    /// <summary>Writes what was removed as an UnpeeringResult (nothing is written by default).</summary>
    [Parameter] public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        var (local, remote) = (LocalSource(), RemoteSource());
        var options = new UnpeerOptions { Timeout = Timeout, Wait = !NoWait, DeleteNamespaces = DeleteNamespaces, ExpectedProviderId = ClusterId };
        var (result, mismatch) = RunOnClusters(local, remote, options.Timeout, async (op, consumer, provider) =>
        {
            try
            {
                return ((UnpeerResult?)await Unpeer.RunAsync(op, consumer, provider, options).ConfigureAwait(false), (LiqoException?)null);
            }
            catch (LiqoException e) when (e.ErrorId == ErrorIds.ClusterIdMismatch)
            {
                return ((UnpeerResult?)null, (LiqoException?)e);
            }
        });
        // a piped ID of another cluster (Get-LiqoPeerInfo | Remove-LiqoPeering ...) fails that record only: the others go on
        if (mismatch is not null) WriteLiqoError(mismatch);
        else if (PassThru) WriteObject(OutputMapper.From(result!));
    }
}
