using System.Management.Automation;

namespace Liqo.PowerShell.Cmdlets;

/// <summary>
/// A cmdlet of the out-of-band peering whose engine step may wait on the cluster, bounded by -Timeout. The -Timeout block
/// sits below <see cref="MaterialInputCmdlet"/> and <see cref="MaterialOutputCmdlet"/> so that it comes after their
/// parameters, as in the syntax PowerShell shows (base classes' parameters come after the derived class's).
/// </summary>
public abstract class TimedMaterialCmdlet : MaterialCmdlet
{
    [Parameter]
    [DurationTransformation]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(2);
}
