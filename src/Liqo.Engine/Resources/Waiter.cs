using System.Text.Json.Nodes;
using Liqo.Engine.ClusterAccess;

namespace Liqo.Engine.Resources;

/// <summary>
/// Waits on watches: list once, evaluate, then watch from the list's resourceVersion and evaluate on every change; a
/// dropped or ended watch resumes from the last version seen, an expired one (410) relists. A user who may list but not
/// watch (a peering user on the provider) is served by polling the list every second, as liqoctl always does; one who
/// may only get (a peering user and the gateway Deployments) by polling the named object. Bounded by the time left; a
/// timeout is a <see cref="ErrorIds.WaitTimeout"/> error naming the step, the object and the condition.
/// </summary>
internal static class Waiter
{
    /// <summary>The longest single watch request; the server ends it and the wait watches again.</summary>
    private const int MaxWatchSeconds = 300;

    /// <summary>liqoctl's poll interval, used when watching is forbidden.</summary>
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Waits until <paramref name="evaluate"/>, given every object that matches the selectors, returns non-null.
    /// </summary>
    public static async Task<T> UntilAsync<T>(ClusterConnection cluster, ResourceKind kind, string? ns, string? labelSelector,
        string? fieldSelector, Func<IReadOnlyCollection<JsonObject>, T?> evaluate, WaitTarget target, TimeSpan timeout,
        CancellationToken ct, TimeSpan? commandTimeout = null, Action<string>? reportPolling = null) where T : class
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        if (timeout != Timeout.InfiniteTimeSpan) deadline.CancelAfter(timeout <= TimeSpan.Zero ? TimeSpan.FromTicks(1) : timeout);
        var started = DateTimeOffset.UtcNow;
        try
        {
            while (true)
            {
                ResourceList list;
                try
                {
                    list = await cluster.Api.ListAsync(kind, ns, labelSelector, fieldSelector, deadline.Token).ConfigureAwait(false);
                }
                catch (LiqoException e) when (e.ErrorId == ErrorIds.Forbidden && labelSelector is null && NameOf(fieldSelector) is { } name)
                {
                    reportPolling?.Invoke($"The {cluster.Scope} cluster's user may not list {kind.DisplayName}{In(ns)}: waits get the object every second instead ({target.Step}).");
                    return await PollObjectAsync(cluster, kind, ns, name, evaluate, deadline.Token).ConfigureAwait(false);
                }
                var current = list.Items.ToDictionary(Key);
                if (evaluate(current.Values) is { } done) return done;
                var version = list.ResourceVersion;
                var expired = false;
                var resumption = new WatchResumption();
                while (!expired)
                {
                    resumption.Opened();
                    var left = timeout == Timeout.InfiniteTimeSpan ? MaxWatchSeconds : (int)Math.Ceiling((timeout - (DateTimeOffset.UtcNow - started)).TotalSeconds);
                    var events = cluster.Api.WatchAsync(kind, ns, labelSelector, fieldSelector, version,
                        Math.Clamp(left, 1, MaxWatchSeconds), deadline.Token).GetAsyncEnumerator(deadline.Token);
                    try
                    {
                        while (true)
                        {
                            try
                            {
                                if (!await events.MoveNextAsync().ConfigureAwait(false)) break;
                            }
                            catch (LiqoException e) when (e.ErrorId == ErrorIds.Forbidden)
                            {
                                reportPolling?.Invoke($"The {cluster.Scope} cluster's user may not watch {kind.DisplayName}{In(ns)}: waits list every second instead ({target.Step}).");
                                return await PollListAsync(cluster, kind, ns, labelSelector, fieldSelector, evaluate, deadline.Token).ConfigureAwait(false);
                            }
                            catch (LiqoException e) when (WatchResumption.IsExpired(e))
                            {
                                expired = true;
                                break;
                            }
                            var evt = events.Current;
                            resumption.Delivered();
                            if (evt.Type == "ERROR")
                            {
                                expired = true; // 410 Expired (or another watch error): list again
                                break;
                            }
                            version = evt.Object.ResourceVersion() ?? version;
                            if (evt.Type == "BOOKMARK") continue;
                            evt.Object["apiVersion"] ??= kind.ApiVersion;
                            evt.Object["kind"] ??= kind.Kind;
                            if (evt.Type == "DELETED") current.Remove(Key(evt.Object));
                            else current[Key(evt.Object)] = evt.Object;
                            if (evaluate(current.Values) is { } result) return result;
                        }
                    }
                    finally
                    {
                        await events.DisposeAsync().ConfigureAwait(false);
                    }
                    if (!expired) await resumption.PauseAsync(deadline.Token).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException e) when (!ct.IsCancellationRequested)
        {
            var transient = ClusterAccess.RetryCanceledException.Find(e);
            throw new LiqoException(target.ErrorId, LiqoErrorCategory.OperationTimeout, target.Object,
                (commandTimeout is { } whole && whole != Timeout.InfiniteTimeSpan && whole - timeout > TimeSpan.FromSeconds(1)
                    ? $"Timed out after {Format(whole)} (-Timeout; this wait had the last {Format(timeout)} of it) ({target.Step}): "
                    : $"Timed out after {Format(timeout)} ({target.Step}): ") +
                $"{target.Object} on the {cluster.Scope} cluster did not reach: {target.Condition}." +
                (transient is null ? "" : $" The last transient error was: {transient}."),
                transient is not null ? Operation.UnansweredAction
                    : target.RecommendedAction ?? "Check the Liqo components on that cluster (Get-LiqoInfo), or give more time with -Timeout.");
        }
    }

    /// <summary>Lists every second until <paramref name="evaluate"/> is satisfied (the user may list but not watch).</summary>
    private static async Task<T> PollListAsync<T>(ClusterConnection cluster, ResourceKind kind, string? ns, string? labelSelector,
        string? fieldSelector, Func<IReadOnlyCollection<JsonObject>, T?> evaluate, CancellationToken ct) where T : class
    {
        while (true)
        {
            await Task.Delay(PollInterval, ct).ConfigureAwait(false);
            var list = await cluster.Api.ListAsync(kind, ns, labelSelector, fieldSelector, ct).ConfigureAwait(false);
            if (evaluate(list.Items) is { } done) return done;
        }
    }

    /// <summary>Gets the named object every second until <paramref name="evaluate"/> is satisfied (the user may only get it).</summary>
    private static async Task<T> PollObjectAsync<T>(ClusterConnection cluster, ResourceKind kind, string? ns, string name,
        Func<IReadOnlyCollection<JsonObject>, T?> evaluate, CancellationToken ct) where T : class
    {
        while (true)
        {
            var obj = await cluster.Api.GetAsync(kind, ns, name, ct).ConfigureAwait(false);
            if (obj is not null)
            {
                obj["apiVersion"] ??= kind.ApiVersion;
                obj["kind"] ??= kind.Kind;
            }
            if (evaluate(obj is null ? Array.Empty<JsonObject>() : new[] { obj }) is { } done) return done;
            await Task.Delay(PollInterval, ct).ConfigureAwait(false);
        }
    }

    /// <summary>The name a "metadata.name=X" field selector selects, or null for any other selector.</summary>
    private static string? NameOf(string? fieldSelector) =>
        fieldSelector is not null && fieldSelector.StartsWith("metadata.name=", StringComparison.Ordinal) && !fieldSelector.Contains(',')
            ? fieldSelector["metadata.name=".Length..] : null;

    /// <summary>Waits for one named object to satisfy <paramref name="condition"/>; returns it.</summary>
    public static Task<JsonObject> ForObjectAsync(ClusterConnection cluster, ResourceKind kind, string? ns, string name,
        Func<JsonObject, bool> condition, WaitTarget target, TimeSpan timeout, CancellationToken ct) =>
        UntilAsync(cluster, kind, ns, null, "metadata.name=" + name,
            objects => objects.FirstOrDefault(o => o.Name() == name && condition(o)), target, timeout, ct);

    private static string In(string? ns) => ns is null ? "" : $" in the namespace '{ns}'";

    private static string Key(JsonObject o) => (o.Namespace() ?? "") + "/" + o.Name();

    internal static string Format(TimeSpan t) =>
        t.TotalHours >= 1 ? $"{(int)t.TotalHours}h{t.Minutes}m{t.Seconds}s" : t.TotalMinutes >= 1 ? $"{(int)t.TotalMinutes}m{t.Seconds}s" : $"{t.TotalSeconds:0.#}s";
}
