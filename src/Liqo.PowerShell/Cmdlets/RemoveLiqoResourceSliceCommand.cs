using System.Management.Automation;
using Liqo.Engine.Offloading;

namespace Liqo.PowerShell.Cmdlets;

/// <summary>
/// Deletes a ResourceSlice on the consumer cluster and waits, bounded by -Timeout, for it to be gone. The provider's copy
/// is removed first, and the virtual node made from the slice goes with it; the provider takes back the resources it
/// granted.
/// </summary>
/// <example>
/// Give back the resources of a slice
/// <code>
/// Remove-LiqoResourceSlice gpu -RemoteClusterId milan
/// </code>
/// PowerShell asks for confirmation, then the slice and its virtual node are removed.
/// </example>
/// <example>
/// Without a prompt and without waiting
/// <code>
/// Remove-LiqoResourceSlice gpu -Kubeconfig ~/.kube/consumer -Confirm:$false -NoWait
/// </code>
/// Without -RemoteClusterId the slice is looked up by name in every namespace (ErrorId AmbiguousName when two providers
/// have one of that name).
/// </example>
/// <seealso cref="NewLiqoResourceSliceCommand"/>
/// <seealso cref="DisableLiqoAuthenticationCommand"/>
[Cmdlet(VerbsCommon.Remove, "LiqoResourceSlice", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(void))]
public sealed class RemoveLiqoResourceSliceCommand : OffloadingCmdlet
{
    /// <summary>The cluster ID of the slice's provider; without it the slice is looked up by name in every namespace.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("ProviderClusterId")]
    [ValidateNotNullOrEmpty]
    public string? RemoteClusterId { get; set; }

    protected override void ProcessRecord()
    {
        var provider = RemoteClusterId;
        RunOnConsumer((op, consumer, name, wait) => ResourceSlice.DeleteAsync(op, consumer, name, provider, wait));
    }
}
