using System.Diagnostics;
using System.Text.Json.Nodes;
using Liqo.Engine.ClusterAccess;
using Liqo.Engine.Resources;

namespace Liqo.Engine;

/// <summary>
/// One run of a multi-step operation (peer, unpeer, connect...): its log, its time budget, and whether it only plans
/// (-WhatIf). Every write goes through <see cref="MayWriteAsync"/>, so -WhatIf prints the exact plan; once a write is
/// not done the operation is in plan mode and waits for nothing that write would have caused.
/// The budget bounds the whole run, not only its waits: <see cref="Cancellation"/> fires when it is spent, so a request
/// to an API server that stops answering ends too, and <see cref="BoundAsync{T}"/> reports that as OperationTimeout.
/// </summary>
public sealed class Operation : IDisposable
{
    private readonly Stopwatch _watch = Stopwatch.StartNew();
    private readonly TimeSpan _timeout;
    private readonly CancellationToken _caller;
    private readonly CancellationTokenSource _budget;
    private readonly HashSet<ClusterConnection> _clusters = [];
    private string? _lastStep;
    private CancellationToken _waitInterrupt;
    private readonly Dictionary<string, IReadOnlyDictionary<string, string>> _parameterFields = new(StringComparer.Ordinal);
    private int _pollingReported;

    /// <summary>The bound of a command that only reads (the Get- cmdlets) when the caller gives none.</summary>
    public static readonly TimeSpan DefaultReadTimeout = TimeSpan.FromMinutes(1);

    public Operation(IOperationLog log, TimeSpan timeout, CancellationToken cancellation)
    {
        Log = log;
        _timeout = timeout;
        _caller = cancellation;
        _budget = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        if (timeout != System.Threading.Timeout.InfiniteTimeSpan) _budget.CancelAfter(timeout > TimeSpan.Zero ? timeout : TimeSpan.FromTicks(1));
    }

    public IOperationLog Log { get; }

    /// <summary>Cancelled when the caller stops the operation (Ctrl+C) or its time budget is spent.</summary>
    public CancellationToken Cancellation => _budget.Token;

    /// <summary>The caller's own cancellation (Ctrl+C) without the budget: for waits, which report their own timeout.</summary>
    internal CancellationToken CallerCancellation => _caller;

    /// <summary>True when the budget is spent and the caller did not stop the operation.</summary>
    public bool TimedOut => _budget.IsCancellationRequested && !_caller.IsCancellationRequested;

    /// <summary>True once a write was skipped for -WhatIf: the rest is described, not done.</summary>
    public bool PlanOnly { get; private set; }

    /// <summary>
    /// True when the caller runs the operation under -WhatIf: every write will be skipped, so the step lines say what would
    /// be done from the first one on, even before a write was skipped (<see cref="PlanOnly"/>).
    /// </summary>
    public bool WhatIf { get; init; }

    public TimeSpan Elapsed => _watch.Elapsed;

    /// <summary>What is left of the operation's timeout (never negative); infinite when it has none.</summary>
    public TimeSpan Remaining => _timeout == System.Threading.Timeout.InfiniteTimeSpan ? System.Threading.Timeout.InfiniteTimeSpan :
        _timeout - _watch.Elapsed is var left && left > TimeSpan.Zero ? left : TimeSpan.Zero;

    public TimeSpan Timeout => _timeout;

    /// <summary>
    /// How this operation's waits run: on watches, always, for the cmdlets; the peering benchmark sets liqoctl's polling
    /// for its baseline and an observer for the reaction lag (internal: no cmdlet parameter reaches it).
    /// </summary>
    internal WaitSettings Waits { get; init; } = WaitSettings.Default;

    /// <summary>
    /// liqoctl's --global-labels and --global-annotations: put on every object the operation creates or updates the way
    /// liqoctl's CreateOrUpdate does (<see cref="ObjectWriter"/>), on both clusters. None unless the command was given them.
    /// </summary>
    public GlobalMetadata GlobalMetadata { get; init; } = GlobalMetadata.None;

    /// <summary>
    /// Makes the clusters' requests part of this operation: each retry is a Verbose line of its log, and transient failures
    /// are retried for as long as the budget lasts. Every method that takes a cluster attaches it too.
    /// </summary>
    public void Attach(params ClusterConnection[] clusters)
    {
        lock (_clusters)
        {
            foreach (var c in clusters)
                if (_clusters.Add(c)) c.AttachTo(Log, bounded: true);
        }
    }

    /// <summary>
    /// Makes a connection that several operations use at once (the consumer of a fan-out) part of this operation without
    /// taking over its retry lines: they keep going to the log it was attached to first (the fan-out's own).
    /// </summary>
    public void Share(ClusterConnection cluster)
    {
        lock (_clusters) _clusters.Add(cluster);
    }

    /// <summary>The last transient failure on any of the operation's clusters, or null.</summary>
    private string? LastTransient(Exception e)
    {
        if (RetryCanceledException.Find(e) is { } found) return found;
        lock (_clusters) return _clusters.Select(c => c.LastTransientFailure).LastOrDefault(t => t is not null);
    }

    public void Info(ClusterConnection cluster, string module, string step, string message)
    {
        Attach(cluster);
        _lastStep = $"({cluster.Scope}) {message}";
        Log.Step(new StepEvent("INFO", cluster.Scope, cluster.ClusterId, module, step, message, Elapsed));
    }

    /// <summary>
    /// Reports a step that liqoctl reports as done ("correctly set up", "created successfully"): <paramref name="message"/>,
    /// liqoctl's line, in a real run; <paramref name="whatIf"/>, which says what would be done (or, for a read, only what was
    /// read), under -WhatIf (<see cref="WhatIf"/>, or once a write was skipped: <see cref="PlanOnly"/>).
    /// </summary>
    public void Info(ClusterConnection cluster, string module, string step, string message, string whatIf) =>
        Info(cluster, module, step, WhatIf || PlanOnly ? whatIf : message);

    public void Warn(ClusterConnection cluster, string module, string step, string message)
    {
        Attach(cluster);
        _lastStep = $"({cluster.Scope}) {message}";
        Log.Step(new StepEvent("WARN", cluster.Scope, cluster.ClusterId, module, step, message, Elapsed));
    }

    /// <summary>
    /// Runs <paramref name="body"/>; when the budget runs out outside a wait (a wait reports its own WaitTimeout), the
    /// cancellation becomes an OperationTimeout error naming the last step that was done.
    /// </summary>
    public async Task<T> BoundAsync<T>(Func<Task<T>> body, object? target = null)
    {
        try
        {
            return await body().ConfigureAwait(false);
        }
        catch (OperationCanceledException e) when (TimedOut)
        {
            var transient = LastTransient(e);
            throw new LiqoException(ErrorIds.OperationTimeout, LiqoErrorCategory.OperationTimeout, target,
                $"The command did not finish within its -Timeout of {Resources.Waiter.Format(_timeout)}" +
                (_lastStep is null ? ", before its first step was done" : $"; the last step done was: {_lastStep}") +
                (transient is null ? "." : $"; the last transient error was: {transient}."),
                UnansweredAction, e);
        }
    }

    /// <summary>
    /// What to do when a command ran out of time: a check that is itself bounded (kubectl's --request-timeout), not another
    /// command that would wait on the same server.
    /// </summary>
    internal const string UnansweredAction =
        "Check that the API servers answer, e.g. kubectl get --raw=/readyz --request-timeout=10s (each retry is a Verbose line), " +
        "or give more time with -Timeout. Running the command again goes on where it stopped.";

    /// <summary>
    /// Runs a read-only command (<paramref name="body"/>, on <paramref name="clusters"/>) within <paramref name="timeout"/>
    /// (default <see cref="DefaultReadTimeout"/>); when that runs out, the error is OperationTimeout naming the last
    /// transient error.
    /// </summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1068", Justification = "the params array of clusters must come last")]
    public static async Task<T> ReadAsync<T>(IOperationLog log, TimeSpan? timeout, CancellationToken ct, Func<CancellationToken, Task<T>> body,
        params ClusterConnection?[] clusters)
    {
        using var op = new Operation(log, timeout ?? DefaultReadTimeout, ct);
        op.Attach(clusters.OfType<ClusterConnection>().ToArray());
        return await op.BoundAsync(() => body(op.Cancellation), clusters.FirstOrDefault()?.Server).ConfigureAwait(false);
    }

    public void Dispose() => _budget.Dispose();

    /// <summary>
    /// Asks before a write. Returns true to write; false in plan mode (-WhatIf). A user's "No" stops the operation with
    /// OperationDeclined, since what follows depends on the declined write.
    /// </summary>
    public async Task<bool> MayWriteAsync(ClusterConnection cluster, string action, string what)
    {
        Attach(cluster);
        var target = $"{cluster.Scope} cluster {cluster.ClusterId ?? cluster.Server}: {what}";
        var decision = await Log.ShouldWriteAsync(target, action).ConfigureAwait(false);
        switch (decision)
        {
            case WriteDecision.Proceed:
                return true;
            case WriteDecision.WhatIf:
                PlanOnly = true;
                return false;
            default:
                throw new LiqoException(ErrorIds.OperationDeclined, LiqoErrorCategory.OperationStopped, target,
                    $"Stopped before '{action}' on {target}: the write was declined. The steps before it were done; run the command again to go on.");
        }
    }

    /// <summary>Waits on a watch within what is left of the timeout; returns null in plan mode (nothing to wait for).</summary>
    internal async Task<T?> WaitAsync<T>(ClusterConnection cluster, ResourceKind kind, string? ns, string? labelSelector, string? fieldSelector,
        Func<IReadOnlyCollection<JsonObject>, T?> evaluate, WaitTarget target) where T : class
    {
        if (PlanOnly) return null;
        Attach(cluster);
        using var interruptible = CancellationTokenSource.CreateLinkedTokenSource(_caller, _waitInterrupt);
        return await Waiter.UntilAsync(cluster, kind, ns, labelSelector, fieldSelector, evaluate, target, Remaining, interruptible.Token, _timeout,
            ReportPolling, Waits).ConfigureAwait(false);
    }

    /// <summary>
    /// Waits started from now on also end, with an OperationCanceledException, when <paramref name="token"/> fires: a run that
    /// watches its own objects (<see cref="Peering.PeeringGuard"/>) stops waiting for what another command took away.
    /// </summary>
    internal void InterruptWaitsWith(CancellationToken token) => _waitInterrupt = token;

    /// <summary>
    /// Which parameter each field of a kind's objects holds (field path prefix to parameter name), so that a 422 Invalid
    /// answer to a write of such an object, on a value only the server can judge, names the parameter (InvalidArgument).
    /// </summary>
    internal void MapParameters(ResourceKind kind, IReadOnlyDictionary<string, string> fields)
    {
        lock (_parameterFields) _parameterFields[kind.Kind] = fields;
    }

    /// <summary>The InvalidArgument error for a 422 answer to a write of <paramref name="kind"/>; null when no mapped field is refused.</summary>
    internal LiqoException? Refusal(ResourceKind kind, KubeApiException e)
    {
        lock (_parameterFields) return e.Code == 422 && _parameterFields.TryGetValue(kind.Kind, out var fields) ? InputRules.FromServer(e, fields) : null;
    }

    /// <summary>A wait whose watch (or list) its rights refuse polls instead: said on Verbose once per operation.</summary>
    private void ReportPolling(string message)
    {
        if (Interlocked.Exchange(ref _pollingReported, 1) == 0) Log.Verbose(message);
    }

    /// <summary>Waits for one named object to satisfy a condition; null in plan mode.</summary>
    internal Task<JsonObject?> WaitForObjectAsync(ClusterConnection cluster, ResourceKind kind, string? ns, string name,
        Func<JsonObject, bool> condition, WaitTarget target) =>
        WaitAsync(cluster, kind, ns, null, "metadata.name=" + name, objects => objects.FirstOrDefault(o => o.Name() == name && condition(o)), target);
}
