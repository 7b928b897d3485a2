using System.Text.Json.Nodes;
using Liqo.Engine.ClusterAccess;

namespace Liqo.Engine.Resources;

/// <summary>
/// Waits on watches: list once, evaluate, then watch from the list's resourceVersion and evaluate on every change; a
/// dropped or ended watch resumes from the last version seen, an expired one (410) relists. A user who may list but not
/// watch (a peering user on the provider) is served by polling the list every second, as liqoctl always does; one who
/// may only get (a peering user and the gateway Deployments) by polling the named object. Bounded by the time left; a
/// timeout is a <see cref="ErrorIds.WaitTimeout"/> error naming the step, the object and the condition. The peering
/// benchmark's baseline waits as liqoctl does instead (<see cref="WaitStrategy.LiqoctlPolling"/>), for the same conditions.
/// </summary>
internal static class Waiter
{
    /// <summary>The longest single watch request; the server ends it and the wait watches again.</summary>
    private const int MaxWatchSeconds = 300;

    /// <summary>liqoctl's poll interval, used when watching is forbidden.</summary>
    private static readonly TimeSpan PollInterval = WaitTarget.LiqoctlPollInterval;

    /// <summary>
    /// Waits until <paramref name="evaluate"/>, given every object that matches the selectors, returns non-null.
    /// </summary>
    public static async Task<T> UntilAsync<T>(ClusterConnection cluster, ResourceKind kind, string? ns, string? labelSelector,
        string? fieldSelector, Func<IReadOnlyCollection<JsonObject>, T?> evaluate, WaitTarget target, TimeSpan timeout,
        CancellationToken ct, TimeSpan? commandTimeout = null, Action<string>? reportPolling = null, WaitSettings? settings = null) where T : class
    {
        settings ??= WaitSettings.Default;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        if (timeout != Timeout.InfiniteTimeSpan) deadline.CancelAfter(timeout <= TimeSpan.Zero ? TimeSpan.FromTicks(1) : timeout);
        var started = DateTimeOffset.UtcNow;
        var probe = WaitProbe.For(cluster.Scope, target, kind, ns, settings);
        try
        {
            if (settings.Strategy == WaitStrategy.LiqoctlPolling)
            {
                return await PollAsync(cluster, kind, ns, labelSelector, fieldSelector, evaluate, labelSelector is null ? NameOf(fieldSelector) : null,
                    immediate: true, target.PollInterval, settings.Time, probe, deadline.Token).ConfigureAwait(false);
            }
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
                    return await PollAsync(cluster, kind, ns, null, fieldSelector, evaluate, name, immediate: true, PollInterval, settings.Time, probe,
                        deadline.Token).ConfigureAwait(false);
                }
                var current = list.Items.ToDictionary(Key);
                var done = evaluate(current.Values);
                probe?.Checked(current.Values, done is not null);
                if (done is not null) return done;
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
                                return await PollAsync(cluster, kind, ns, labelSelector, fieldSelector, evaluate, null, immediate: false, PollInterval,
                                    settings.Time, probe, deadline.Token).ConfigureAwait(false);
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
                            var result = evaluate(current.Values);
                            probe?.Changed(evt.Type, evt.Object, result is not null);
                            if (result is not null) return result;
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

    /// <summary>
    /// Checks every <paramref name="interval"/> until <paramref name="evaluate"/> is satisfied: a GET of the object named
    /// <paramref name="name"/>, or a LIST when it is null. As liqoctl's wait.PollUntilContextCancel (not sliding): the
    /// first check at once when <paramref name="immediate"/>, each next one an interval after the previous one started (at
    /// once when that took longer). Serves liqoctl's strategy and the users who may not watch or list.
    /// </summary>
    private static async Task<T> PollAsync<T>(ClusterConnection cluster, ResourceKind kind, string? ns, string? labelSelector,
        string? fieldSelector, Func<IReadOnlyCollection<JsonObject>, T?> evaluate, string? name, bool immediate, TimeSpan interval,
        TimeProvider time, WaitProbe? probe, CancellationToken ct) where T : class
    {
        if (!immediate) await Task.Delay(interval, time, ct).ConfigureAwait(false);
        while (true)
        {
            var checkStarted = time.GetTimestamp();
            IReadOnlyCollection<JsonObject> objects;
            if (name is null) objects = (await cluster.Api.ListAsync(kind, ns, labelSelector, fieldSelector, ct).ConfigureAwait(false)).Items;
            else
            {
                var obj = await cluster.Api.GetAsync(kind, ns, name, ct).ConfigureAwait(false);
                if (obj is not null)
                {
                    obj["apiVersion"] ??= kind.ApiVersion;
                    obj["kind"] ??= kind.Kind;
                }
                objects = obj is null ? Array.Empty<JsonObject>() : new[] { obj };
            }
            var done = evaluate(objects);
            probe?.Checked(objects, done is not null);
            if (done is not null) return done;
            var left = interval - time.GetElapsedTime(checkStarted);
            if (left > TimeSpan.Zero) await Task.Delay(left, time, ct).ConfigureAwait(false);
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
