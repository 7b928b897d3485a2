using System.Text.Json.Nodes;
using Liqo.Engine.Authentication;
using Liqo.Engine.ClusterAccess;
using Liqo.Engine.Resources;

namespace Liqo.Engine.Peering;

/// <summary>
/// What a New-LiqoPeering run makes, watched while it runs: the tenant namespaces, the Tenant, the ControlPlane Identity,
/// the network Configurations and the ResourceSlice. When another command (Remove-LiqoPeering on the same pair) deletes
/// one of them, the run's waits end at once, instead of waiting their whole -Timeout for what can no longer come
/// (a slice's authentication without a Tenant), and the run waits for what is being deleted to be gone and ensures the
/// peering again, so it ends established or says why not. A guard that may not watch (a peering user's rights) guards
/// nothing, and the run is as before.
/// </summary>
internal sealed class PeeringGuard : IAsyncDisposable
{
    private readonly Operation _op;
    private readonly CancellationTokenSource _stop;
    private readonly CancellationTokenSource _tripped = new();
    private readonly List<Task> _watches = [];
    private readonly List<(Watched, Tracker)> _trackers = [];
    private string? _reason;

    /// <summary>One kind of object the peering needs, found by label on one cluster.</summary>
    internal sealed record Watched(ClusterConnection Cluster, ResourceKind Kind, string Selector, Func<JsonObject, bool> Filter, string What);

    private PeeringGuard(Operation op, IReadOnlyList<Watched> watched)
    {
        _op = op;
        _stop = CancellationTokenSource.CreateLinkedTokenSource(op.Cancellation);
        op.InterruptWaitsWith(_tripped.Token);
        foreach (var w in watched)
        {
            var tracker = new Tracker(w);
            _trackers.Add((w, tracker));
            _watches.Add(WatchAsync(w, tracker));
        }
    }

    /// <summary>True once something the run made or found was deleted (or began to be) by someone else.</summary>
    public bool Tripped => _tripped.IsCancellationRequested;

    /// <summary>What was deleted, e.g. "the Tenant on the provider cluster was deleted".</summary>
    public string Reason => _reason ?? "an object of the peering was deleted";

    public static PeeringGuard Start(Operation op, IReadOnlyList<Watched> watched) => new(op, watched);

    /// <summary>The objects a peering with these options needs on each side.</summary>
    public static IReadOnlyList<Watched> For(ClusterConnection consumer, ClusterConnection provider, string consumerId, string providerId, PeerOptions o)
    {
        static bool Any(JsonObject _) => true;
        var list = new List<Watched>
        {
            new(consumer, Kinds.Namespace, TenantNamespace.Selector(providerId), Any, "the tenant namespace"),
            new(provider, Kinds.Namespace, TenantNamespace.Selector(consumerId), Any, "the tenant namespace"),
            new(provider, Kinds.Tenant, $"{LiqoConstants.RemoteClusterIdLabel}={consumerId}", Any, "the Tenant"),
            new(consumer, Kinds.Identity, $"{LiqoConstants.RemoteClusterIdLabel}={providerId}",
                i => i.StringAt("spec.type") == Identity.ControlPlaneType, "the ControlPlane Identity"),
        };
        if (!o.NetworkingDisabled)
        {
            list.Add(new(consumer, Kinds.Configuration, $"{LiqoConstants.RemoteClusterIdLabel}={providerId}", Any, "the network Configuration"));
            list.Add(new(provider, Kinds.Configuration, $"{LiqoConstants.RemoteClusterIdLabel}={consumerId}", Any, "the network Configuration"));
        }
        if (o.CreateResourceSlice)
            list.Add(new(consumer, Kinds.ResourceSlice, $"{LiqoConstants.ReplicationLabel}=true,{LiqoConstants.RemoteIdLabel}={providerId}", Any, "the ResourceSlice"));
        return list;
    }

    /// <summary>Waits (within the run's budget) until none of <paramref name="watched"/> is being deleted, so the next attempt makes them anew.</summary>
    public static async Task SettleAsync(Operation op, IReadOnlyList<Watched> watched)
    {
        foreach (var w in watched)
            await op.WaitAsync(w.Cluster, w.Kind, null, w.Selector, null, items => items.Where(w.Filter).Any(IsDeleting) ? null : items,
                new WaitTarget($"Waiting for {w.What} being deleted by another command to be gone", $"{w.Kind.Kind}s with {w.Selector}", "deleted",
                    "Another command is removing the peering: let it finish, then run New-LiqoPeering again.")).ConfigureAwait(false);
    }

    /// <summary>
    /// Why a failed step is worth another attempt: its write met a namespace being deleted (403 NamespaceTerminating) or
    /// already gone (404 on a create), or an object deleted between its read and its write (404 on an update), while
    /// another command removes the peering. Null for any other failure.
    /// </summary>
    public static string? Disturbance(Exception? e) => e switch
    {
        null => null,
        LiqoException { ErrorId: ErrorIds.NamespaceTerminating } => "a tenant namespace was being deleted",
        KubeApiException { IsNamespaceNotFound: true } => "a tenant namespace was deleted",
        KubeApiException { IsNotFound: true, TargetObject: string t } when t.StartsWith("update ", StringComparison.Ordinal) =>
            "an object of the peering was deleted while it was updated",
        _ => Disturbance(e.InnerException),
    };

    /// <summary>
    /// After a failed step: lists the watched objects now (the watches may lag the failure by a moment) and returns what
    /// was deleted, or null when everything this attempt saw is still there (the failure is the step's own).
    /// </summary>
    public async Task<string?> CheckNowAsync()
    {
        if (Tripped) return Reason;
        foreach (var (w, tracker) in _trackers)
        {
            try
            {
                var list = await w.Cluster.Api.ListAsync(w.Kind, null, w.Selector, ct: _op.Cancellation).ConfigureAwait(false);
                if (tracker.Evaluate(list.Items) is { } reason) return Trip(reason);
            }
            catch (LiqoException)
            {
                // what may not be listed is not guarded
            }
        }
        return null;
    }

    private string Trip(string reason)
    {
        Interlocked.CompareExchange(ref _reason, reason, null);
        _tripped.Cancel();
        return Reason;
    }

    /// <summary>What one watch has seen: the uids present; a uid gone, or an object being deleted, is the reason to trip.</summary>
    private sealed class Tracker(Watched w)
    {
        private readonly HashSet<string> _seen = new(StringComparer.Ordinal);

        public string? Evaluate(IEnumerable<JsonObject> objects)
        {
            var present = objects.Where(w.Filter).ToList();
            if (present.FirstOrDefault(IsDeleting) is { } deleting) return $"{w.What} {deleting.Name()} on the {w.Cluster.Scope} cluster is being deleted";
            var uids = present.Select(Uid).ToHashSet(StringComparer.Ordinal);
            lock (_seen)
            {
                if (_seen.Any(u => !uids.Contains(u))) return $"{w.What} on the {w.Cluster.Scope} cluster was deleted";
                _seen.UnionWith(uids);
            }
            return null;
        }
    }

    private async Task WatchAsync(Watched w, Tracker tracker)
    {
        try
        {
            var reason = await Waiter.UntilAsync(w.Cluster, w.Kind, null, w.Selector, null, tracker.Evaluate,
                new WaitTarget("Watching the peering's objects", w.What, "deleted"), Timeout.InfiniteTimeSpan, _stop.Token).ConfigureAwait(false);
            Trip(reason);
        }
        catch (OperationCanceledException)
        {
            // the run ended (or its budget did)
        }
        catch (LiqoException e)
        {
            _op.Log.Verbose($"Not watching {w.What} on the {w.Cluster.Scope} cluster for deletions by another command: {e.Message}");
        }
    }

    private static bool IsDeleting(JsonObject o) => o.StringAt("metadata.deletionTimestamp") is not null;

    private static string Uid(JsonObject o) => o.StringAt("metadata.uid") ?? o.Name();

    public async ValueTask DisposeAsync()
    {
        _op.InterruptWaitsWith(CancellationToken.None);
        await _stop.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(_watches).ConfigureAwait(false);
        _stop.Dispose();
        _tripped.Dispose();
    }
}
