using Liqo.Engine;
using Liqo.Engine.ClusterAccess;
using Liqo.Engine.Info;

namespace Liqo.Benchmarks.Info;

/// <summary>
/// The info benchmark's child process (<c>Liqo.Benchmarks info-worker KUBECONFIG PEERS</c>): one Get-LiqoPeerInfo
/// collection (<see cref="InfoCollector.CollectPeersAsync"/>) in a fresh .NET process, as a runbook or a <c>pwsh -c</c>
/// would run it, so that the benchmark can read the process's peak working set beside kubectl's. PowerShell itself is
/// left out: the process holds the .NET runtime and the engine only.
/// </summary>
internal static class InfoWorker
{
    public const string Command = "info-worker";

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length != 3 || !int.TryParse(args[2], System.Globalization.CultureInfo.InvariantCulture, out var expected))
        {
            await Console.Error.WriteLineAsync($"Usage: Liqo.Benchmarks {Command} KUBECONFIG PEERS");
            return 2;
        }
        using var connection = ClusterConnection.Open(new KubeconfigSource(args[1], null, null));
        var result = await InfoCollector.CollectPeersAsync(connection, null, null, NullOperationLog.Instance, CancellationToken.None);
        if (result.Peers.Count != expected)
        {
            await Console.Error.WriteLineAsync($"{result.Peers.Count} peers reported, {expected} stored.");
            return 1;
        }
        return 0;
    }
}
