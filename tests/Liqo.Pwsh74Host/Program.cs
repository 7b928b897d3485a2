using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Runtime.InteropServices;

namespace Liqo.Pwsh74Host;

/// <summary>
/// Two modes. <c>--pester SCRIPT ARGS...</c>: the leg. Proves the runtime is .NET 8 and PowerShell 7.4, then runs the
/// Pester runner script in a runspace with no host (the default host, which cannot prompt: what a runbook worker or a
/// service that embeds PowerShell has) and prints its streams. Anything else: this program is pwsh 7.4 (the console
/// host of the same engine), so a test that starts a fresh pwsh with <c>[Environment]::ProcessPath</c> starts this one.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length > 1 && args[0] == "--pester") return RunLeg(args[1], args[2..]);
        return Microsoft.PowerShell.UnmanagedPSEntry.Start(args, args.Length);
    }

    private static int RunLeg(string script, string[] scriptArgs)
    {
        Console.WriteLine($"runtime: {RuntimeInformation.FrameworkDescription} (Environment.Version {Environment.Version}), {RuntimeInformation.RuntimeIdentifier}, process {Environment.ProcessPath}");
        if (Environment.Version.Major != 8)
        {
            Console.Error.WriteLine($"FAILED: the PowerShell 7.4 leg must run on .NET 8, and runs on {Environment.Version}.");
            return 2;
        }

        var state = InitialSessionState.CreateDefault();
        using var runspace = RunspaceFactory.CreateRunspace(state);  // no PSHost given: the default host, no UI, no prompts
        runspace.Open();
        using var ps = PowerShell.Create(runspace);

        var version = ps.AddScript("$PSVersionTable.PSVersion.ToString(); $Host.Name; $PSVersionTable.PSEdition").Invoke();
        ps.Commands.Clear();
        Console.WriteLine($"PowerShell: {version[0]} {version[2]}, host '{version[1]}' (no interactive host)");
        if (!version[0].ToString().StartsWith("7.4.", StringComparison.Ordinal))
        {
            Console.Error.WriteLine($"FAILED: the leg must run PowerShell 7.4, and runs {version[0]}.");
            return 2;
        }

        ps.Streams.Information.DataAdded += (_, e) =>
        {
            // Write-Host -NoNewline (Pester writes a test's name, then its time) is one record per part
            var data = ps.Streams.Information[e.Index].MessageData;
            if (data is HostInformationMessage { NoNewLine: true } part) Console.Write(part.Message);
            else Console.WriteLine(data);
        };
        ps.Streams.Warning.DataAdded += (_, e) => Console.WriteLine("WARNING: " + ps.Streams.Warning[e.Index].Message);
        ps.Streams.Error.DataAdded += (_, e) => Console.Error.WriteLine(ps.Streams.Error[e.Index]);
        var output = new PSDataCollection<PSObject>();
        output.DataAdded += (_, e) => Console.WriteLine(output[e.Index]);

        ps.AddCommand(script);
        for (var i = 0; i < scriptArgs.Length; i++)
        {
            if (scriptArgs[i].StartsWith('-') && i + 1 < scriptArgs.Length && !scriptArgs[i + 1].StartsWith('-'))
            {
                var values = new List<string>();
                var name = scriptArgs[i][1..];
                while (i + 1 < scriptArgs.Length && !scriptArgs[i + 1].StartsWith('-')) values.Add(scriptArgs[++i]);
                ps.AddParameter(name, values.Count == 1 ? values[0] : values.ToArray());
            }
            else ps.AddParameter(scriptArgs[i][1..]);
        }
        try
        {
            ps.Invoke(null, output);
        }
        catch (RuntimeException e)
        {
            Console.Error.WriteLine($"FAILED: {e.ErrorRecord}");
            return 1;
        }
        var exit = runspace.SessionStateProxy.GetVariable("LASTEXITCODE");
        return ps.HadErrors && exit is null ? 1 : exit is int code ? code : 0;
    }
}
