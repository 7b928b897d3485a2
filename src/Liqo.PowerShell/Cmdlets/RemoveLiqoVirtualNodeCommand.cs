using System.Management.Automation;
using Liqo.Engine;
using Liqo.Engine.ClusterAccess;
using Liqo.Engine.Offloading;

namespace Liqo.PowerShell.Cmdlets;

/// <summary>
/// Deletes a virtual node on the consumer cluster (liqoctl delete virtualnode) and waits (bounded by -Timeout) for it to
/// be gone: its finalizer drains it and removes the Node and the virtual kubelet.
/// </summary>
[Cmdlet(VerbsCommon.Remove, "LiqoVirtualNode", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
[OutputType(typeof(void))]
public sealed class RemoveLiqoVirtualNodeCommand : ClusterCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateNotNullOrEmpty]
    public string Name { get; set; } = "";

    /// <summary>The provider's cluster ID; without it the virtual node is looked up by name in every namespace.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("ProviderClusterId", "ClusterId")]
    [ValidateNotNullOrEmpty]
    public string? RemoteClusterId { get; set; }

    [Parameter]
    [DurationTransformation]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Do not wait for the virtual node to be gone.</summary>
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
            return await VirtualNode.DeleteAsync(op, consumer, name, provider, wait).ConfigureAwait(false);
        });
    }
}
