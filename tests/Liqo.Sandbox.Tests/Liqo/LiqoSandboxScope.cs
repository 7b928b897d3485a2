using Liqo.Sandbox.Liqo;
using Xunit.Abstractions;

namespace Liqo.Sandbox.Tests.Liqo;

/// <summary>A two-cluster Liqo sandbox (consumer, provider) for one test, in a temporary folder; prints the controllers' log on failure.</summary>
public sealed class LiqoSandboxScope : IAsyncDisposable
{
    private readonly ITestOutputHelper? _output;

    private LiqoSandboxScope(LiqoSandbox sandbox, string dir, ITestOutputHelper? output)
    {
        Sandbox = sandbox;
        Directory = dir;
        _output = output;
        Peering = new PlainPeering(sandbox) { Trace = output is null ? null : output.WriteLine };
    }

    public LiqoSandbox Sandbox { get; }
    public string Directory { get; }
    public PlainPeering Peering { get; }
    public LiqoCluster Consumer => Sandbox["consumer"];
    public LiqoCluster Provider => Sandbox["provider"];

    public static async Task<LiqoSandboxScope> StartAsync(ITestOutputHelper? output = null, LiqoSandboxOptions? options = null)
    {
        var dir = System.IO.Directory.CreateTempSubdirectory("liqo-sim-").FullName;
        var sandbox = await LiqoSandbox.StartAsync(dir, ["consumer", "provider"], options);
        return new LiqoSandboxScope(sandbox, dir, output);
    }

    public void DumpLogs()
    {
        if (_output is null) return;
        foreach (var c in Sandbox.Clusters)
        {
            _output.WriteLine($"--- {c.Name} controllers");
            foreach (var line in c.ControllerLog) _output.WriteLine(line);
            if (Environment.GetEnvironmentVariable("LIQO_SIM_DUMP") is null) continue;
            c.Cluster.Store.Inspect((key, obj) =>
            {
                var ns = obj["metadata"]?["namespace"]?.GetValue<string>() ?? "";
                if (ns.StartsWith("liqo-tenant", StringComparison.Ordinal) || key.Contains("foreignclusters") || key == "/nodes")
                    _output.WriteLine($"{key} {ns}/{obj["metadata"]?["name"]} status={obj["status"]?.ToJsonString()}");
            });
        }
    }

    public async ValueTask DisposeAsync()
    {
        DumpLogs();
        Peering.Dispose();
        await Sandbox.DisposeAsync();
        try
        {
            System.IO.Directory.Delete(Directory, true);
        }
        catch (IOException)
        {
        }
    }
}
