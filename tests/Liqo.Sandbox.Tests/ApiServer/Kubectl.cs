using System.Diagnostics;

namespace Liqo.Sandbox.Tests.ApiServer;

/// <summary>
/// Runs the real kubectl 1.32 (the kubectl.1.32 binary beside Google's kubectl dispatcher, or LIQO_KUBECTL) with an
/// explicit --kubeconfig and a fresh --cache-dir.
/// </summary>
public sealed class Kubectl(string kubeconfig)
{
    public static readonly string? BinaryPath = Find();

    public string CacheDir { get; } = Directory.CreateTempSubdirectory("kubectl-cache-").FullName;

    private static string? Find()
    {
        var env = Environment.GetEnvironmentVariable("LIQO_KUBECTL");
        if (!string.IsNullOrEmpty(env) && File.Exists(env)) return env;
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator))
        {
            if (dir.Length == 0) continue;
            var direct = Path.Combine(dir, "kubectl.1.32");
            if (File.Exists(direct)) return direct;
            var dispatcher = Path.Combine(dir, "kubectl");
            if (!File.Exists(dispatcher)) continue;
            var target = new FileInfo(dispatcher).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? dispatcher;
            var beside = Path.Combine(Path.GetDirectoryName(target)!, "kubectl.1.32");
            if (File.Exists(beside)) return beside;
        }
        return null;
    }

    private ProcessStartInfo Info(IEnumerable<string> args)
    {
        var psi = new ProcessStartInfo(BinaryPath!)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false,
        };
        psi.ArgumentList.Add("--kubeconfig");
        psi.ArgumentList.Add(kubeconfig);
        psi.ArgumentList.Add("--cache-dir");
        psi.ArgumentList.Add(CacheDir);
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["HOME"] = CacheDir;
        psi.Environment.Remove("KUBECONFIG");
        return psi;
    }

    public async Task<(int Code, string Out, string Err)> RunAsync(params string[] args)
    {
        using var p = Process.Start(Info(args))!;
        p.StandardInput.Close();
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await p.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException("kubectl " + string.Join(" ", args) + " did not finish");
        }
        return (p.ExitCode, await stdout, await stderr);
    }

    /// <summary>Starts a long-running kubectl (get -w); the caller kills it.</summary>
    public Process Start(params string[] args)
    {
        var p = Process.Start(Info(args))!;
        p.StandardInput.Close();
        return p;
    }
}

/// <summary>A fact that is skipped, with the reason, when kubectl 1.32 is not installed.</summary>
public sealed class KubectlFactAttribute : FactAttribute
{
    public KubectlFactAttribute()
    {
        if (Kubectl.BinaryPath is null)
            Skip = "kubectl 1.32 not found (kubectl.1.32 beside the gcloud kubectl dispatcher on PATH, or LIQO_KUBECTL)";
    }
}
