using System.Diagnostics;
using System.Globalization;

namespace Liqo.Benchmarks.Info;

/// <summary>
/// Runs a program to its end and measures its wall time and its peak resident set (the peak working set: the kernel's
/// maxrss of the process, read through GNU time's %M, which waits for it with wait4). Without /usr/bin/time the peak is null.
/// </summary>
internal static class MeasuredProcess
{
    private const string GnuTime = "/usr/bin/time";
    private const string Marker = "liqo-bench-maxrss-kib ";

    public static bool CanMeasureMemory => File.Exists(GnuTime);

    /// <summary>
    /// Runs <paramref name="program"/>. Returns the Stopwatch ticks, the peak in KiB, and null or, when it failed, the
    /// first line of what it wrote on stderr with its exit code.
    /// </summary>
    public static async Task<(long Ticks, long? PeakKib, string? Failure)> RunAsync(string program, IEnumerable<string> arguments, CancellationToken ct)
    {
        var psi = new ProcessStartInfo(CanMeasureMemory ? GnuTime : program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (CanMeasureMemory)
        {
            foreach (var a in new[] { "-f", Marker + "%M", program }) psi.ArgumentList.Add(a);
        }
        foreach (var a in arguments) psi.ArgumentList.Add(a);
        var start = Stopwatch.GetTimestamp();
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync(ct);
        var stderr = p.StandardError.ReadToEndAsync(ct);
        await p.WaitForExitAsync(ct);
        var ticks = Stopwatch.GetTimestamp() - start;
        await stdout;
        var errors = await stderr;
        var failure = p.ExitCode == 0 ? null
            : $"{Path.GetFileName(program)} exited with {p.ExitCode}: {errors.Trim().Split('\n')[0]}";
        var line = errors.Split('\n').LastOrDefault(l => l.StartsWith(Marker, StringComparison.Ordinal));
        long? peak = line is not null && long.TryParse(line[Marker.Length..].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var kib) ? kib : null;
        return (ticks, peak, failure);
    }
}
