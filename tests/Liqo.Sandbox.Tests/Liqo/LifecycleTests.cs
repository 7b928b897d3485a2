using Xunit.Abstractions;

namespace Liqo.Sandbox.Tests.Liqo;

/// <summary>Stopping a cluster while its replicator watches another one.</summary>
public sealed class LifecycleTests(ITestOutputHelper output)
{
    [Fact]
    public async Task AConsumerStopsAtOnceWhileItsProviderKeepsRunning()
    {
        await using var scope = await LiqoSandboxScope.StartAsync(output);
        var p = scope.Peering;
        await p.PrepareAsync();
        await p.AuthenticateAsync();
        await p.OffloadAsync();
        var stop = scope.Consumer.DisposeAsync().AsTask();
        Assert.Same(stop, await Task.WhenAny(stop, Task.Delay(TimeSpan.FromSeconds(10))));
        await stop;
        // The provider still serves, with the replica the consumer left behind.
        Assert.Single(await p.Provider.ListAsync(Cr.ResourceSlice, p.ProviderTenantNs));
    }
}
