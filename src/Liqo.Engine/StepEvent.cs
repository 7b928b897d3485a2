namespace Liqo.Engine;

/// <summary>
/// One finished step of an operation, as liqoctl prints it (<c>INFO (local) Network configuration correctly retrieved</c>),
/// with the structure a script or a log can use.
/// </summary>
/// <param name="Level">INFO or WARN, as liqoctl prints it.</param>
/// <param name="Scope">local, remote or global.</param>
/// <param name="ClusterId">The cluster the step ran on, when known.</param>
/// <param name="Module">Networking, Authentication, Offloading or Peering.</param>
/// <param name="Step">A stable name for the step, e.g. GatewayServer.</param>
/// <param name="Message">liqoctl's wording.</param>
/// <param name="Elapsed">Time since the operation started.</param>
public sealed record StepEvent(string Level, string Scope, string? ClusterId, string Module, string Step, string Message, TimeSpan Elapsed)
{
    /// <summary>
    /// In a fan-out (one consumer, several providers at once), the provider the step is about (its label, see
    /// <see cref="Peering.FanOut"/>); null for a command on one remote cluster.
    /// </summary>
    public string? Provider { get; init; }

    /// <summary>The line as liqoctl prints it, after the provider's label in a fan-out.</summary>
    public override string ToString() => Provider is null ? $"{Level} ({Scope}) {Message}" : $"[{Provider}] {Level} ({Scope}) {Message}";
}
