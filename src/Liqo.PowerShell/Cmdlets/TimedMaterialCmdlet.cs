using System.Management.Automation;

namespace Liqo.PowerShell.Cmdlets;

/// <summary>
/// A cmdlet of the out-of-band peering whose engine step may wait on the cluster, bounded by -Timeout (below
/// <see cref="MaterialInputCmdlet"/> and <see cref="MaterialOutputCmdlet"/>, so that -Timeout comes last in their syntax;
/// see <see cref="MaterialCmdlet"/>).
/// </summary>
public abstract class TimedMaterialCmdlet : MaterialCmdlet
{
    /// <summary>
    /// The bound of the whole command, its waits included. Accepts liqoctl's durations (2m, 90s), a number of seconds or a
    /// TimeSpan.
    /// </summary>
    [Parameter]
    [DurationTransformation]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(2);
}
