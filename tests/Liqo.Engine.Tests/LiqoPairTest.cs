using Liqo.Engine.ClusterAccess;
using Liqo.Sandbox.Liqo;

namespace Liqo.Engine.Tests;

/// <summary>A test class on two sandbox clusters with the simulated Liqo, consumer and provider, started for each test.</summary>
public abstract class LiqoPairTest(string prefix) : IAsyncLifetime
{
    private readonly string _dir = Directory.CreateTempSubdirectory(prefix).FullName;

    protected LiqoSandbox Sandbox { get; private set; } = null!;

    public virtual async Task InitializeAsync() => Sandbox = await LiqoSandbox.StartAsync(_dir, ["consumer", "provider"]);

    public async Task DisposeAsync()
    {
        await Sandbox.DisposeAsync();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }

    /// <summary>A connection as the admin of the named cluster, named <paramref name="scope"/> in messages.</summary>
    protected ClusterConnection Connect(string name, string scope = "local") =>
        ClusterConnection.Open(new KubeconfigSource(Sandbox[name].KubeconfigPath, null, null, Scope: scope));
}
