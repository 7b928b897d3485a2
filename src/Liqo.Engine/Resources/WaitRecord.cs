namespace Liqo.Engine.Resources;

/// <summary>
/// One wait that ended satisfied, as its observer sees it (<see cref="WaitSettings.Observer"/>): enough to find, in the
/// server's own record of its writes, the write that made the condition true, and so how long the client took to notice.
/// </summary>
/// <param name="Scope">The cluster waited on: local or remote.</param>
/// <param name="Step">The wait's step (liqoctl's wording).</param>
/// <param name="Resource">The plural of the kind waited on ("tenants").</param>
/// <param name="Namespace">The namespace waited in, or null.</param>
/// <param name="Strategy">How it waited.</param>
/// <param name="Started">When the wait began (its first check).</param>
/// <param name="Returned">When it returned to the step that follows.</param>
/// <param name="Checks">How many times it evaluated the condition (one per poll, or per LIST and watch event).</param>
/// <param name="SatisfiedAtFirstCheck">True when the condition held already at the first check: nothing was waited for.</param>
/// <param name="ResourceVersion">
/// The resourceVersion of the change that satisfied it: the watch event's, or the newest of the objects a poll saw (the
/// write that made the condition true, unless the object was written again before the poll); null when it was satisfied
/// by objects going away and a poll saw no version of that.
/// </param>
/// <param name="Vanished">The objects ("namespace/name") the previous check saw and the satisfying one did not.</param>
internal sealed record WaitRecord(string Scope, string Step, string Resource, string? Namespace, WaitStrategy Strategy,
    DateTimeOffset Started, DateTimeOffset Returned, int Checks, bool SatisfiedAtFirstCheck, string? ResourceVersion,
    IReadOnlyList<string> Vanished);
