using System.Management.Automation;

namespace Liqo.PowerShell.Completers;

/// <summary>
/// Resolves a -Kubeconfig path typed on the command line the way the cmdlet will when it runs: against PowerShell's
/// current location (not the process's working directory, which Set-Location does not change), with ~ expanded.
/// </summary>
internal static class CompletionPath
{
    /// <summary>The full path, or null when the text cannot be a file system path.</summary>
    public static string? Resolve(string path)
    {
        try
        {
            // Completers run on the pipeline thread of the session, so a nested pipeline on the current runspace sees
            // the user's location and providers.
            using var ps = System.Management.Automation.PowerShell.Create(RunspaceMode.CurrentRunspace);
            ps.AddScript("param($p) $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($p)").AddArgument(path);
            var result = ps.Invoke();
            if (!ps.HadErrors && result.Count == 1 && result[0]?.BaseObject is string resolved) return resolved;
            return null;
        }
        catch (Exception e) when (e is RuntimeException or InvalidOperationException or ArgumentException or NotSupportedException)
        {
            return null;
        }
    }
}
