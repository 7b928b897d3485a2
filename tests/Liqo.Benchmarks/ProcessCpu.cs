using System.Diagnostics;

namespace Liqo.Benchmarks;

/// <summary>
/// CPU time used by this process so far. Clients and the in-process server share the process, so CPU per operation is
/// the whole cost of an operation on this machine, and it is steadier than throughput when other work shares the cores.
/// </summary>
public static class ProcessCpu
{
    public static TimeSpan Now()
    {
        using var self = Process.GetCurrentProcess();
        return self.TotalProcessorTime;
    }

    /// <summary>Milliseconds of CPU per operation, or null without operations.</summary>
    public static double? PerOperationMs(TimeSpan cpu, long operations) => operations > 0 ? cpu.TotalMilliseconds / operations : null;
}
