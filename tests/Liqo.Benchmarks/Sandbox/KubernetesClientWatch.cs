using System.Diagnostics;
using k8s;
using k8s.Models;

namespace Liqo.Benchmarks.Sandbox;

/// <summary>
/// A ConfigMap watch through KubernetesClient (list with watch=true, events decoded into V1ConfigMap), on its own
/// Kubernetes instance. KubernetesClient's response task completes only with the first event, so whether the watch is
/// registered is told by the server (<see cref="SandboxTarget.OpenWatches"/>), not by this object.
/// </summary>
internal sealed class KubernetesClientWatch : IAsyncDisposable
{
    private readonly Kubernetes _client;
    private readonly CancellationTokenSource _stop;
    private readonly Task _reader;

    public KubernetesClientWatch(Kubernetes client, string ns, long resourceVersion, Action<string, long> onEvent, CancellationToken ct)
    {
        _client = client;
        _stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var token = _stop.Token;
        _reader = Task.Run(async () =>
        {
            try
            {
                var response = client.CoreV1.ListNamespacedConfigMapWithHttpMessagesAsync(ns, resourceVersion: resourceVersion.ToString(),
                    watch: true, cancellationToken: token);
#pragma warning disable CS0618 // the list-with-watch=true path that the module's own code uses
                await foreach (var (_, cm) in response.WatchAsync<V1ConfigMap, V1ConfigMapList>(e => Failure ??= e.Message, token))
#pragma warning restore CS0618
                    onEvent(cm.Metadata.Name, Stopwatch.GetTimestamp());
            }
            catch (OperationCanceledException)
            {
            }
            catch (Exception e) when (e is HttpRequestException or IOException)
            {
                Failure ??= e.Message;
            }
        }, CancellationToken.None);
    }

    public string? Failure { get; private set; }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _client.Dispose();
        try
        {
            await _reader.WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (TimeoutException)
        {
        }
        _stop.Dispose();
    }
}
