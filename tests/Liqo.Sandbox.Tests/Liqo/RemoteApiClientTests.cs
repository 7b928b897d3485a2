using System.Text.Json.Nodes;
using Liqo.Sandbox.Liqo.Remote;
using Liqo.Sandbox.Tests.ApiServer;

namespace Liqo.Sandbox.Tests.Liqo;

/// <summary>
/// The simulated controllers' client for the other cluster (CRD replicator, reflection): many open watches at once, as
/// reflection in both directions opens, must not hold a thread each. When they did (BouncyCastle's blocking stream read
/// on a thread-pool thread), the pool starved and the sandbox's API server stopped answering for tens of seconds.
/// </summary>
public sealed class RemoteApiClientTests(ClusterFixture fx) : IClassFixture<ClusterFixture>
{
    private const int Watches = 150;

    [Fact]
    public async Task ManyOpenWatchesAllSeeAnEventAndHoldNoThreadEach()
    {
        var ns = await fx.NamespaceAsync("remote-watch");
        using var client = RemoteApiClient.FromKubeconfig(await File.ReadAllTextAsync(fx.Cluster.KubeconfigPath));
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var list = await client.GetAsync($"/api/v1/namespaces/{ns}/configmaps", bound.Token);
        var rv = list!["metadata"]!["resourceVersion"]!.GetValue<string>();

        var seen = new TaskCompletionSource[Watches];
        var watches = new Task[Watches];
        for (var i = 0; i < Watches; i++)
        {
            var tcs = seen[i] = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            watches[i] = Task.Run(async () =>
            {
                await foreach (var (type, obj) in client.WatchAsync(
                    $"/api/v1/namespaces/{ns}/configmaps?watch=true&resourceVersion={rv}", bound.Token))
                {
                    if (type == "ADDED" && obj["metadata"]?["name"]?.GetValue<string>() == "ping") tcs.TrySetResult();
                }
            });
        }

        var (code, _) = await client.SendAsync(HttpMethod.Post, $"/api/v1/namespaces/{ns}/configmaps",
            new JsonObject { ["apiVersion"] = "v1", ["kind"] = "ConfigMap", ["metadata"] = new JsonObject { ["name"] = "ping" } }, bound.Token);
        Assert.Equal(201, code);
        await Task.WhenAll(seen.Select(s => s.Task)).WaitAsync(bound.Token);

        // Every watch now waits in a read for its next event; none of them may be a parked thread.
        Assert.True(ThreadPool.ThreadCount < Watches,
            $"{ThreadPool.ThreadCount} thread-pool threads with {Watches} watches waiting: reads hold threads");

        await bound.CancelAsync();
        foreach (var w in watches)
        {
            try
            {
                await w;
            }
            catch (OperationCanceledException)
            {
            }
        }
    }
}
