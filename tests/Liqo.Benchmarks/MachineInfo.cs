using System.Runtime;
using System.Runtime.InteropServices;

namespace Liqo.Benchmarks;

/// <summary>The machine a run was measured on (numbers mean little without it).</summary>
/// <param name="ProcessorCount">nproc.</param>
/// <param name="CpuModel">"model name" from /proc/cpuinfo.</param>
/// <param name="DateUtc">When the run started.</param>
/// <param name="Os">The OS description.</param>
/// <param name="Runtime">The .NET runtime.</param>
/// <param name="Gc">Workstation or server GC, concurrent or not.</param>
/// <param name="Build">Release or Debug.</param>
/// <param name="LoadAverage">/proc/loadavg at the start (the machine is shared: other builds skew the numbers).</param>
/// <param name="TcpBuffers">tcp_rmem and tcp_wmem (min default max), which bound what a stalled watcher can buffer.</param>
public sealed record MachineInfo(int ProcessorCount, string CpuModel, DateTimeOffset DateUtc, string Os, string Runtime, string Gc,
    string Build, string LoadAverage, string TcpBuffers)
{
    public static MachineInfo Describe() => new(
        Environment.ProcessorCount,
        ReadCpuModel(),
        DateTimeOffset.UtcNow,
        RuntimeInformation.OSDescription,
        RuntimeInformation.FrameworkDescription,
        (GCSettings.IsServerGC ? "server" : "workstation") + (GCSettings.LatencyMode == GCLatencyMode.Batch ? "" : ", concurrent"),
#if DEBUG
        "Debug",
#else
        "Release",
#endif
        ReadFirstLine("/proc/loadavg") ?? "unknown",
        $"rmem {ReadFirstLine("/proc/sys/net/ipv4/tcp_rmem") ?? "?"}; wmem {ReadFirstLine("/proc/sys/net/ipv4/tcp_wmem") ?? "?"}");

    /// <summary>One line for the table header and the README.</summary>
    public string Summary =>
        $"{ProcessorCount} cores (nproc), {CpuModel}, {Os}, {Runtime}, {Build}, {Gc} GC, load average at start {LoadAverage}, {DateUtc:yyyy-MM-dd HH:mm} UTC";

    private static string ReadCpuModel()
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/cpuinfo"))
                if (line.StartsWith("model name", StringComparison.Ordinal) && line.IndexOf(':') is var i and >= 0)
                    return line[(i + 1)..].Trim();
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
        return RuntimeInformation.ProcessArchitecture.ToString();
    }

    private static string? ReadFirstLine(string path)
    {
        try
        {
            return File.Exists(path) ? File.ReadLines(path).FirstOrDefault()?.Trim().Replace('\t', ' ') : null;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
