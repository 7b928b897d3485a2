using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Liqo.Sandbox.Liqo.Runtime;

namespace Liqo.Sandbox.Liqo.Remote;

/// <summary>
/// An informer on a remote cluster: lists one collection (with a label selector) through a <see cref="RemoteApiClient"/>,
/// then watches it from the list's resourceVersion, keeping the objects by name and waking the control plane on every
/// event; on an error or an ended watch it lists again (with a growing pause after errors). It waits while the remote
/// cannot be reached (<paramref name="usable"/> false: e.g. an in-band peering without its tunnel).
/// </summary>
internal sealed class RemoteObjectCache(LiqoControlPlane plane, RemoteApiClient client, string collectionPath, string labelSelector,
    Func<bool> usable, string logPrefix) : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private volatile bool _synced;
    private Task _completion = Task.CompletedTask;

    public ConcurrentDictionary<string, JsonObject> Items { get; } = new(StringComparer.Ordinal);
    public bool Synced => _synced;
    public string CollectionPath { get; } = collectionPath;
    public string ObjectPath(string name) => CollectionPath + "/" + Uri.EscapeDataString(name);

    public void Start() => _completion = Task.Run(() => LoopAsync(_stop.Token));

    public void Dispose()
    {
        _stop.Cancel();
        _completion.ContinueWith(_ => _stop.Dispose(), TaskScheduler.Default);
    }

    private async Task LoopAsync(CancellationToken ct)
    {
        var selector = Uri.EscapeDataString(labelSelector);
        var backoff = TimeSpan.FromMilliseconds(50);
        while (!ct.IsCancellationRequested)
        {
            try
            {
                if (!usable())
                {
                    _synced = false;
                    var fabric = plane.Fabric.Changed.Version;
                    var wake = plane.Wake.Version;
                    await Task.WhenAny(plane.Fabric.Changed.WhenChangedAsync(fabric), plane.Wake.WhenChangedAsync(wake),
                        Task.Delay(Timeout.Infinite, ct)).ConfigureAwait(false);
                    continue;
                }
                var list = await client.GetAsync($"{CollectionPath}?labelSelector={selector}", ct).ConfigureAwait(false)
                    ?? new JsonObject { ["items"] = new JsonArray() };
                Items.Clear();
                foreach (var item in (list["items"] as JsonArray ?? []).OfType<JsonObject>()) Items[Obj.Name(item)] = item;
                _synced = true;
                backoff = TimeSpan.FromMilliseconds(50);
                plane.Wake.Notify();
                var rv = Obj.Str(list, "metadata", "resourceVersion") ?? "";
                await foreach (var (type, obj) in client.WatchAsync(
                    $"{CollectionPath}?watch=true&allowWatchBookmarks=true&resourceVersion={rv}&labelSelector={selector}", ct).ConfigureAwait(false))
                {
                    if (type is "ADDED" or "MODIFIED") Items[Obj.Name(obj)] = obj;
                    else if (type == "DELETED") Items.TryRemove(Obj.Name(obj), out _);
                    else if (type == "ERROR") break;
                    else continue;
                    plane.Wake.Notify();
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e) when (ct.IsCancellationRequested && e is ObjectDisposedException or IOException or HttpRequestException)
            {
                break;
            }
            catch (Exception e) when (e is RemoteApiException or System.Text.Json.JsonException or InvalidOperationException or IOException or HttpRequestException)
            {
                _synced = false;
                plane.Log($"{logPrefix}: {CollectionPath}: {e.Message}");
                try
                {
                    await Task.Delay(backoff, ct).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
                backoff = TimeSpan.FromMilliseconds(Math.Min(backoff.TotalMilliseconds * 2, 2000));
            }
        }
        _synced = false;
    }
}
