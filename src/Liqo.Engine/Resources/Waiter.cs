using System.Text.Json.Nodes;
using Liqo.Engine.ClusterAccess;

namespace Liqo.Engine.Resources;

/// <summary>
/// Waits on watches, never by polling: list once, evaluate, then watch from the list's resourceVersion and evaluate on
/// every change; a dropped or ended watch resumes from the last version seen, an expired one (410) relists. Bounded by
/// the time left; a timeout is a <see cref="ErrorIds.WaitTimeout"/> error naming the step, the object and the condition.
/// </summary>
internal static class Waiter
{
    /// <summary>The longest single watch request; the server ends it and the wait watches again.</summary>
    private const int MaxWatchSeconds = 300;

    /// <summary>
    /// Waits until <paramref name="evaluate"/>, given every object that matches the selectors, returns non-null.
    /// </summary>
    public static async Task<T> UntilAsync<T>(ClusterConnection cluster, ResourceKind kind, string? ns, string? labelSelector,
        string? fieldSelector, Func<IReadOnlyCollection<JsonObject>, T?> evaluate, WaitTarget target, TimeSpan timeout,
        CancellationToken ct) where T : class
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        if (timeout != Timeout.InfiniteTimeSpan) deadline.CancelAfter(timeout <= TimeSpan.Zero ? TimeSpan.FromTicks(1) : timeout);
        var started = DateTimeOffset.UtcNow;
        try
        {
            while (true)
            {
                var list = await cluster.Api.ListAsync(kind, ns, labelSelector, fieldSelector, deadline.Token).ConfigureAwait(false);
                var current = list.Items.ToDictionary(Key);
                if (evaluate(current.Values) is { } done) return done;
                var version = list.ResourceVersion;
                var expired = false;
                while (!expired)
                {
                    var left = timeout == Timeout.InfiniteTimeSpan ? MaxWatchSeconds : (int)Math.Ceiling((timeout - (DateTimeOffset.UtcNow - started)).TotalSeconds);
                    await foreach (var e in cluster.Api.WatchAsync(kind, ns, labelSelector, fieldSelector, version,
                                       Math.Clamp(left, 1, MaxWatchSeconds), deadline.Token).ConfigureAwait(false))
                    {
                        if (e.Type == "ERROR")
                        {
                            expired = true; // 410 Expired (or another watch error): list again
                            break;
                        }
                        version = e.Object.ResourceVersion() ?? version;
                        if (e.Type == "BOOKMARK") continue;
                        e.Object["apiVersion"] ??= kind.ApiVersion;
                        e.Object["kind"] ??= kind.Kind;
                        if (e.Type == "DELETED") current.Remove(Key(e.Object));
                        else current[Key(e.Object)] = e.Object;
                        if (evaluate(current.Values) is { } result) return result;
                    }
                }
            }
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new LiqoException(target.ErrorId, LiqoErrorCategory.OperationTimeout, target.Object,
                $"Timed out after {Format(timeout)} ({target.Step}): {target.Object} on the {cluster.Scope} cluster did not reach: {target.Condition}.",
                target.RecommendedAction ?? "Check the Liqo components on that cluster (Get-LiqoInfo), or give more time with -Timeout.");
        }
    }

    /// <summary>Waits for one named object to satisfy <paramref name="condition"/>; returns it.</summary>
    public static Task<JsonObject> ForObjectAsync(ClusterConnection cluster, ResourceKind kind, string? ns, string name,
        Func<JsonObject, bool> condition, WaitTarget target, TimeSpan timeout, CancellationToken ct) =>
        UntilAsync(cluster, kind, ns, null, "metadata.name=" + name,
            objects => objects.FirstOrDefault(o => o.Name() == name && condition(o)), target, timeout, ct);

    private static string Key(JsonObject o) => (o.Namespace() ?? "") + "/" + o.Name();

    private static string Format(TimeSpan t) =>
        t.TotalHours >= 1 ? $"{(int)t.TotalHours}h{t.Minutes}m{t.Seconds}s" : t.TotalMinutes >= 1 ? $"{(int)t.TotalMinutes}m{t.Seconds}s" : $"{t.TotalSeconds:0.#}s";
}
