using System.Text.Json;

namespace Liqo.Sandbox.Liqo;

/// <summary>
/// Run-time knobs for the sandbox program: DIR/&lt;name&gt;.liqo.json holds a JSON array of the program's Liqo options
/// for that cluster (e.g. ["--fail", "tunnel-never-established", "--latency", "200ms"]), applied on top of the options
/// the cluster started with; an empty or missing file restores them. Installation options (version, keys, cluster ID)
/// only affect what is created afterwards.
/// </summary>
public static class LiqoKnobsFile
{
    public static async Task WatchAsync(LiqoCluster cluster, string path, Action<string>? onError = null, CancellationToken ct = default)
    {
        var start = cluster.Options;
        DateTime? lastWrite = null;
        long lastLength = -1;
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(250));
        do
        {
            var info = new FileInfo(path);
            DateTime? write = info.Exists ? info.LastWriteTimeUtc : null;
            var length = info.Exists ? info.Length : -1;
            if (write == lastWrite && length == lastLength) continue;
            lastWrite = write;
            lastLength = length;
            try
            {
                var text = info.Exists ? await File.ReadAllTextAsync(path, ct).ConfigureAwait(false) : "";
                var args = string.IsNullOrWhiteSpace(text) ? [] : JsonSerializer.Deserialize<string[]>(text) ?? [];
                var options = new LiqoSandboxOptions { Defaults = start };
                string? ignored = null;
                for (var i = 0; i < args.Length; i++)
                    if (!LiqoCommandLine.TryApply(args, ref i, [cluster.Name], ref options, ref ignored))
                        throw new ArgumentException($"unknown option {args[i]}");
                var updated = options.For(cluster.Name);
                cluster.UpdateOptions(_ => updated);
            }
            catch (Exception e) when (e is JsonException or IOException or ArgumentException)
            {
                onError?.Invoke($"knobs file {path}: {e.Message}");
            }
        }
        while (await timer.WaitForNextTickAsync(ct).ConfigureAwait(false));
    }
}
