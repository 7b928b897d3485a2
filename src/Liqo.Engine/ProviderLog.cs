namespace Liqo.Engine;

/// <summary>
/// The log of one provider's operation in a fan-out: every line it writes names the provider. Steps carry it as
/// <see cref="StepEvent.Provider"/>; Verbose and warning lines and the targets of write confirmations (-WhatIf, -Confirm)
/// start with it in brackets.
/// </summary>
public sealed class ProviderLog(IOperationLog inner, string provider) : IOperationLog
{
    /// <summary>The provider's label, as its lines show it.</summary>
    public string Provider { get; } = provider;

    public void Verbose(string message) => inner.Verbose($"[{Provider}] {message}");

    public void Warning(string message) => inner.Warning($"[{Provider}] {message}");

    public void Step(StepEvent step) => inner.Step(step with { Provider = Provider });

    public Task<WriteDecision> ShouldWriteAsync(string target, string action) => inner.ShouldWriteAsync($"[{Provider}] {target}", action);
}
