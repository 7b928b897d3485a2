using System.Management.Automation;
using Liqo.Engine;
using Liqo.Engine.ClusterAccess;
using Liqo.Engine.Offloading;

namespace Liqo.PowerShell.Cmdlets;

/// <summary>
/// Deletes a ResourceSlice on the consumer cluster and waits (bounded by -Timeout) for it to be gone: the provider's
/// copy is removed first, and the virtual node it led to goes with it.
/// </summary>
[Cmdlet(VerbsCommon.Remove, "LiqoResourceSlice", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(void))]
public sealed class RemoveLiqoResourceSliceCommand : ClusterCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string Name { get; set; } = "";

    /// <summary>The provider's cluster ID; without it the slice is looked up by name in every namespace.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("ProviderClusterId")]
    [ValidateNotNullOrEmpty]
    public string? RemoteClusterId { get; set; }

    [Parameter]
    [DurationTransformation]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Do not wait for the slice to be gone.</summary>
    [Parameter] public SwitchParameter NoWait { get; set; }

    protected override void BeginProcessing() => RequireConfirmationChoice();

    protected override void ProcessRecord()
    {
        var source = LocalSource();
        var (name, provider, timeout, wait) = (Name, RemoteClusterId, Timeout, !NoWait.IsPresent);
        RunEngine(async (log, ct) =>
        {
            using var consumer = ClusterConnection.Open(source);
            await ClusterId.ReadAsync(consumer, ct).ConfigureAwait(false);
            var op = new Operation(log, timeout, ct);
            return await ResourceSlice.DeleteAsync(op, consumer, name, provider, wait).ConfigureAwait(false);
        });
    }
}
