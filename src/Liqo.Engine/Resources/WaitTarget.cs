namespace Liqo.Engine.Resources;

/// <summary>
/// What a wait waits for, as the timeout error names it: the step (liqoctl's wording), the object, the condition, and
/// what the user can do about it.
/// </summary>
/// <param name="ErrorId">The id of the timeout error when the step has its own (TenantNotAccepted...); WaitTimeout otherwise.</param>
public sealed record WaitTarget(string Step, string Object, string Condition, string? RecommendedAction = null, string ErrorId = ErrorIds.WaitTimeout)
{
    /// <summary>liqoctl's poll interval for every wait of peering and unpeering (pkg/liqoctl/wait, Liqo v1.2.0).</summary>
    internal static readonly TimeSpan LiqoctlPollInterval = TimeSpan.FromSeconds(1);

    /// <summary>liqoctl's poll interval while it waits for a namespace's offloading (Waiter.ForOffloading).</summary>
    internal static readonly TimeSpan LiqoctlOffloadingPollInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>How often liqoctl checks this condition, for <see cref="WaitStrategy.LiqoctlPolling"/>.</summary>
    internal TimeSpan PollInterval { get; init; } = LiqoctlPollInterval;
}
