namespace Liqo.Engine.Resources;

/// <summary>
/// What a wait waits for, as the timeout error names it: the step (liqoctl's wording), the object, the condition, and
/// what the user can do about it.
/// </summary>
public sealed record WaitTarget(string Step, string Object, string Condition, string? RecommendedAction = null);
