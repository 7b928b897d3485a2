using System.Management.Automation;
using Liqo.Engine;
using Liqo.Engine.Offloading;

namespace Liqo.PowerShell.Cmdlets;

/// <summary>
/// Stops offloading namespaces, as liqoctl unoffload namespace does: it deletes the NamespaceOffloading named offloading
/// of each namespace, and Liqo deletes the remote namespaces on the providers, with everything reflected there; the
/// namespace's offloaded pods are rescheduled locally. It waits, bounded by -Timeout (2 minutes, as liqoctl), until the
/// NamespaceOffloading is gone. A namespace that is not offloaded is no error.
/// </summary>
/// <remarks>
/// It removes what runs on the providers, so it asks for confirmation (ConfirmImpact High); pass -Confirm:$false to run it
/// unattended. A failure on one namespace is a non-terminating error and the others are still unoffloaded.
/// </remarks>
/// <example>
/// Stop offloading a namespace
/// <code>
/// Disable-LiqoNamespaceOffloading demo -Kubeconfig ~/.kube/consumer -Confirm:$false
/// </code>
/// The remote namespaces are gone when it returns.
/// </example>
/// <example>
/// Stop offloading every offloaded namespace
/// <code>
/// Get-LiqoNamespaceOffloading | Disable-LiqoNamespaceOffloading -Confirm:$false
/// </code>
/// The namespaces come from the pipeline by their Namespace property.
/// </example>
/// <seealso cref="EnableLiqoNamespaceOffloadingCommand"/>
/// <seealso cref="GetLiqoNamespaceOffloadingCommand"/>
[Cmdlet(VerbsLifecycle.Disable, "LiqoNamespaceOffloading", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High,
    DefaultParameterSetName = NamespaceSet)]
[OutputType(typeof(void))]
public sealed class DisableLiqoNamespaceOffloadingCommand : NamespaceSelectionCmdlet
{
    /// <summary>
    /// The bound of the whole command, the waits for the remote namespaces to be gone included (liqoctl's --timeout, 2 minutes
    /// by default). Accepts liqoctl's durations (30s, 2m), a number of seconds or a TimeSpan.
    /// </summary>
    [Parameter]
    [DurationTransformation]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(2);

    protected override void EndProcessing()
    {
        var selector = Selector;
        var names = Names;
        try
        {
            Unoffload.Check(names, selector);
        }
        catch (LiqoException e)
        {
            ThrowTerminatingError(ErrorRecordFactory.From(e));
        }
        var outcomes = RunOnCluster(LocalSource(), Timeout, (op, cluster) =>
            Offload.ForEachNamespaceAsync(op, cluster, names, selector, "unoffloaded", ns => Unoffload.NamespaceAsync(op, cluster, ns)),
            before: ClusterId.ReadAsync);
        foreach (var (_, _, error) in outcomes)
            if (error is not null) WriteLiqoError(error);
    }
}
