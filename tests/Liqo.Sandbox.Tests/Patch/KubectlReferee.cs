using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Liqo.Sandbox.Tests.Patch;

/// <summary>
/// The real kubectl 1.32 (<c>kubectl.1.32</c> beside the gcloud kubectl dispatcher on PATH) as a referee:
/// <c>kubectl patch --local</c> runs apimachinery's strategic merge patch with the compiled-in Kubernetes types,
/// without any server.
/// </summary>
internal static class KubectlReferee
{
    public static string? Binary { get; } = Find();

    private static string? Find()
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var direct = Path.Combine(dir, "kubectl.1.32");
            if (File.Exists(direct)) return direct;
            var kubectl = new FileInfo(Path.Combine(dir, "kubectl"));
            if (!kubectl.Exists) continue;
            var target = kubectl.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? kubectl.FullName;
            var beside = Path.Combine(Path.GetDirectoryName(target)!, "kubectl.1.32");
            if (File.Exists(beside)) return beside;
        }
        return null;
    }

    /// <summary>Runs <c>kubectl patch --local --type strategic</c>; returns the object, or the error text.</summary>
    public static (JsonObject? Result, string Error) StrategicPatch(JsonObject obj, JsonObject patch)
    {
        var dir = Directory.CreateTempSubdirectory("smp-referee-");
        try
        {
            var file = Path.Combine(dir.FullName, "object.json");
            File.WriteAllText(file, obj.ToJsonString());
            var start = new ProcessStartInfo(Binary!)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var arg in new[] { "patch", "--local", "-f", file, "-o", "json", "--type", "strategic", "-p", patch.ToJsonString() })
                start.ArgumentList.Add(arg);
            start.Environment["KUBECONFIG"] = Path.Combine(dir.FullName, "no-kubeconfig");
            start.Environment["HOME"] = dir.FullName;
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEnd();
            process.WaitForExit();
            return process.ExitCode == 0 ? ((JsonObject)JsonNode.Parse(stdout.Result)!, "") : (null, stderr.Trim());
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}

/// <summary>A fact that is skipped, with the reason, when kubectl 1.32 is not installed.</summary>
public sealed class KubectlRefereeFactAttribute : FactAttribute
{
    public KubectlRefereeFactAttribute()
    {
        if (KubectlReferee.Binary is null) Skip = "kubectl.1.32 not found beside the kubectl on PATH";
    }
}
