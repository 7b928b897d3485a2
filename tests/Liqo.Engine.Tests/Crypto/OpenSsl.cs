using System.Diagnostics;

namespace Liqo.Engine.Tests.Crypto;

/// <summary>
/// The openssl command line, used as an independent referee for keys, signatures and CSRs. Tests that need it use
/// <see cref="OpenSslFactAttribute"/> / <see cref="OpenSslTheoryAttribute"/>, which skip them (with a message saying so)
/// where openssl is not installed.
/// </summary>
internal static class OpenSsl
{
    public static string? Executable { get; } = Find();

    public const string MissingMessage = "openssl is not installed (not on PATH, not /usr/bin/openssl): the cross-checks against openssl are skipped.";

    private static string? Find()
    {
        var names = OperatingSystem.IsWindows() ? new[] { "openssl.exe" } : new[] { "openssl" };
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
            foreach (var n in names)
            {
                var p = Path.Combine(dir, n);
                if (File.Exists(p)) return p;
            }
        return File.Exists("/usr/bin/openssl") ? "/usr/bin/openssl" : null;
    }

    public sealed record Result(int ExitCode, string StdOut, string StdErr)
    {
        public string All => StdOut + StdErr;
    }

    /// <summary>Runs openssl in <paramref name="workDir"/>; never throws on a non-zero exit code.</summary>
    public static Result Run(string workDir, params string[] args)
    {
        var psi = new ProcessStartInfo(Executable ?? throw new InvalidOperationException(MissingMessage))
        {
            WorkingDirectory = workDir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(60_000))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException("openssl " + string.Join(' ', args) + " did not finish within 60 s");
        }
        return new Result(p.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>Runs openssl and fails the test when it exits non-zero.</summary>
    public static Result Check(string workDir, params string[] args)
    {
        var r = Run(workDir, args);
        Assert.True(r.ExitCode == 0, $"openssl {string.Join(' ', args)} exited {r.ExitCode}: {r.All}");
        return r;
    }
}

/// <summary>A fact that is skipped, with a clear reason, where openssl is absent.</summary>
public sealed class OpenSslFactAttribute : FactAttribute
{
    public OpenSslFactAttribute()
    {
        if (OpenSsl.Executable is null) Skip = OpenSsl.MissingMessage;
    }
}

/// <summary>A theory that is skipped, with a clear reason, where openssl is absent.</summary>
public sealed class OpenSslTheoryAttribute : TheoryAttribute
{
    public OpenSslTheoryAttribute()
    {
        if (OpenSsl.Executable is null) Skip = OpenSsl.MissingMessage;
    }
}
