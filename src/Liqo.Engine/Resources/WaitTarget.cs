namespace Liqo.Engine.Resources;

/// <summary>
/// What a wait waits for, as the timeout error names it: the step (liqoctl's wording), the object, the condition, and
/// what the user can do about it.
/// </summary>
/// <param name="ErrorId">The id of the timeout error when the step has its own (TenantNotAccepted...); WaitTimeout otherwise.</param>
public sealed record WaitTarget(string Step, string Object, string Condition, string? RecommendedAction = null, string ErrorId = ErrorIds.WaitTimeout);
