using System.Management.Automation;
using Liqo.Engine.Offloading;

namespace Liqo.PowerShell.Cmdlets;

/// <summary>
/// Deletes a ResourceSlice on the consumer cluster and waits (bounded by -Timeout) for it to be gone: the provider's
/// copy is removed first, and the virtual node it led to goes with it.
/// </summary>
[Cmdlet(VerbsCommon.Remove, "LiqoResourceSlice", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(void))]
public sealed class RemoveLiqoResourceSliceCommand : OffloadingCmdlet
{
    /// <summary>The provider's cluster ID; without it the slice is looked up by name in every namespace.</summary>
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
