using Liqo.Engine.ClusterAccess;

namespace Liqo.Engine.Peering;

/// <summary>How one provider of a fan-out ended: its result, or the failure that stopped it (the others went on).</summary>
/// <param name="Index">The provider's position in the list the caller gave (0-based).</param>
/// <param name="Provider">The provider's label, as its step lines show it.</param>
/// <param name="Source">The provider's access, as the caller gave it.</param>
/// <param name="Result">What the operation returned; null when it failed.</param>
/// <param name="Error">Why it failed; null when it succeeded.</param>
public sealed record FanOutOutcome<T>(int Index, string Provider, KubeconfigSource Source, T? Result, Exception? Error) where T : class;
