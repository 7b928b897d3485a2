using System.Diagnostics;
using System.Text.Json.Nodes;
using Liqo.Engine.ClusterAccess;
using Liqo.Engine.Resources;

namespace Liqo.Engine;

/// <summary>
/// One run of a multi-step operation (peer, unpeer, connect...): its log, its time budget, and whether it only plans
/// (-WhatIf). Every write goes through <see cref="MayWriteAsync"/>, so -WhatIf prints the exact plan; once a write is
/// not done the operation is in plan mode and waits for nothing that write would have caused.
/// </summary>
public sealed class Operation
{
    private readonly Stopwatch _watch = Stopwatch.StartNew();
    private readonly TimeSpan _timeout;

    public Operation(IOperationLog log, TimeSpan timeout, CancellationToken cancellation)
    {
        Log = log;
        _timeout = timeout;
        Cancellation = cancellation;
    }

    public IOperationLog Log { get; }

    public CancellationToken Cancellation { get; }

    /// <summary>True once a write was skipped for -WhatIf: the rest is described, not done.</summary>
    public bool PlanOnly { get; private set; }

    public TimeSpan Elapsed => _watch.Elapsed;

    /// <summary>What is left of the operation's timeout (never negative); infinite when it has none.</summary>
    public TimeSpan Remaining => _timeout == System.Threading.Timeout.InfiniteTimeSpan ? System.Threading.Timeout.InfiniteTimeSpan :
        _timeout - _watch.Elapsed is var left && left > TimeSpan.Zero ? left : TimeSpan.Zero;

    public TimeSpan Timeout => _timeout;

    public void Info(ClusterConnection cluster, string module, string step, string message) =>
        Log.Step(new StepEvent("INFO", cluster.Scope, cluster.ClusterId, module, step, message, Elapsed));

    public void Warn(ClusterConnection cluster, string module, string step, string message)
    {
        Log.Step(new StepEvent("WARN", cluster.Scope, cluster.ClusterId, module, step, message, Elapsed));
    }

    /// <summary>
    /// Asks before a write. Returns true to write; false in plan mode (-WhatIf). A user's "No" stops the operation with
    /// OperationDeclined, since what follows depends on the declined write.
    /// </summary>
    public async Task<bool> MayWriteAsync(ClusterConnection cluster, string action, string what)
    {
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
        return await Waiter.UntilAsync(cluster, kind, ns, labelSelector, fieldSelector, evaluate, target, Remaining, Cancellation, _timeout).ConfigureAwait(false);
    }

    /// <summary>Waits for one named object to satisfy a condition; null in plan mode.</summary>
    internal Task<JsonObject?> WaitForObjectAsync(ClusterConnection cluster, ResourceKind kind, string? ns, string name,
        Func<JsonObject, bool> condition, WaitTarget target) =>
        WaitAsync(cluster, kind, ns, null, "metadata.name=" + name, objects => objects.FirstOrDefault(o => o.Name() == name && condition(o)), target);
}
