using System.Management.Automation.Host;

namespace Liqo.PowerShell.Cmdlets;

/// <summary>
/// Whether a person is watching: the console host of an interactive pwsh (not -NonInteractive, not redirected). Runbooks
/// and CI are not, so step lines stay out of their host output and go to Verbose and the information stream only.
/// </summary>
internal static class InteractiveHost
{
    public static bool IsInteractive(PSHost host)
    {
        if (host.Name != "ConsoleHost" || !Environment.UserInteractive || Console.IsOutputRedirected || Console.IsInputRedirected) return false;
        return !Environment.GetCommandLineArgs().Any(a =>
            a.Length > 4 && a[0] == '-' && "-noninteractive".StartsWith(a.ToLowerInvariant(), StringComparison.Ordinal));
    }
}
