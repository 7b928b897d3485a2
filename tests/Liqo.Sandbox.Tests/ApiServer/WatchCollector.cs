using System.Collections.Concurrent;
using k8s;
using k8s.Autorest;

namespace Liqo.Sandbox.Tests.ApiServer;

/// <summary>Runs a KubernetesClient watch in the background and records its events.</summary>
public sealed class WatchCollector<T, TList> : IAsyncDisposable where T : IKubernetesObject<k8s.Models.V1ObjectMeta>
{
    private readonly CancellationTokenSource _cts = new();
    private readonly Task _task;

    public ConcurrentQueue<(WatchEventType Type, T Object)> Events { get; } = new();
    public ConcurrentQueue<Exception> Errors { get; } = new();
    public bool Ended { get; private set; }

    public WatchCollector(Func<CancellationToken, Task<HttpOperationResponse<TList>>> start)
    {
        _task = Task.Run(async () =>
        {
            try
            {
                // The list-with-watch=true path (ListXxxWithHttpMessagesAsync(watch: true)) that the module's client code uses.
#pragma warning disable CS0618
                await foreach (var (type, obj) in start(_cts.Token).WatchAsync<T, TList>(e => Errors.Enqueue(e), _cts.Token))
#pragma warning restore CS0618
                    Events.Enqueue((type, obj));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Errors.Enqueue(e);
            }
            catch (OperationCanceledException)
            {
            }
            Ended = true;
        });
    }

    public List<string> Describe() => Events.Select(e => $"{e.Type.ToString().ToUpperInvariant()} {e.Object.Metadata.Name}").ToList();

    public Task WaitForAsync(Func<List<(WatchEventType Type, T Object)>, bool> condition, string what) =>
        TestHttp.EventuallyAsync(() => Task.FromResult(condition(Events.ToList())), what + " (seen: " + string.Join(", ", Describe()) + ")");

    public async ValueTask DisposeAsync()
    {
        await _cts.CancelAsync();
        try
        {
            await _task.WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (Exception e) when (e is OperationCanceledException or TimeoutException)
        {
        }
        _cts.Dispose();
    }
}
