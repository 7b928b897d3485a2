namespace Liqo.Benchmarks;

/// <summary>A property a benchmark proves with its numbers (e.g. "writers are not blocked by stalled watchers").</summary>
/// <param name="Name">The property.</param>
/// <param name="Passed">Whether the measurements show it.</param>
/// <param name="Detail">The numbers behind the verdict.</param>
public sealed record CheckResult(string Name, bool Passed, string Detail);
