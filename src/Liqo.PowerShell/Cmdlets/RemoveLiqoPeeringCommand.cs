using System.Management.Automation;
using Liqo.Engine;
using Liqo.Engine.Peering;

namespace Liqo.PowerShell.Cmdlets;

/// <summary>
/// Removes the peering of the local cluster (consumer) with the remote cluster (provider), as liqoctl unpeer does.
/// </summary>
[Cmdlet(VerbsCommon.Remove, "LiqoPeering", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(UnpeeringResult))]
public sealed class RemoveLiqoPeeringCommand : TwoClusterCmdlet
{
    /// <summary>The provider's cluster ID, as a guard: the remote cluster must have it. Binds from piped objects' ClusterId.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true, Position = 0)]
    [Alias("RemoteClusterId", "ProviderClusterId")]
    [ValidateNotNullOrEmpty]
    public string? ClusterId { get; set; }

    /// <summary>The bound of the whole command (liqoctl --timeout, default 2m).</summary>
    [Parameter]
    [DurationTransformation]
    public TimeSpan Timeout { get; set; } = UnpeerOptions.DefaultTimeout;

    /// <summary>Also delete both tenant namespaces (refused for a bidirectional peering).</summary>
    [Parameter] public SwitchParameter DeleteNamespaces { get; set; }

    /// <summary>Do not wait for the ResourceSlices, VirtualNodes and namespaces to be gone.</summary>
    [Parameter] public SwitchParameter NoWait { get; set; }

    /// <summary>Write the result object (nothing is written by default).</summary>
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
