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

    protected override void BeginProcessing() => RequireConfirmationChoice();

    protected override void ProcessRecord()
    {
        var (local, remote, expected) = (LocalSource(), RemoteSource(), ClusterId);
        var options = new UnpeerOptions { Timeout = Timeout, Wait = !NoWait, DeleteNamespaces = DeleteNamespaces };
        var result = RunOnClusters(local, remote, options.Timeout, (op, consumer, provider) => Unpeer.RunAsync(op, consumer, provider, options),
            before: async (_, provider, ct) =>
            {
                if (expected is null) return;
                var actual = await Liqo.Engine.ClusterId.ReadAsync(provider, ct).ConfigureAwait(false);
                if (actual != expected)
                    throw new LiqoException("ClusterIdMismatch", LiqoErrorCategory.InvalidArgument, expected,
                        $"The remote cluster's ID is '{actual}', not '{expected}': nothing was removed.",
                        "Point -RemoteKubeconfig/-RemoteContext at the cluster with that ID.");
            });
        if (PassThru) WriteObject(OutputMapper.From(result));
    }
}
