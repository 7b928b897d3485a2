namespace Liqo.Engine;

/// <summary>
/// Where the engine reports what it is doing and asks before it writes. The cmdlet layer answers on the pipeline thread
/// (information records, Verbose, progress, ShouldProcess); tests collect. Nothing written here may contain credentials,
/// keys, tokens or kubeconfig contents.
/// </summary>
public interface IOperationLog
{
    void Verbose(string message);

    void Warning(string message);

    /// <summary>One step of an operation finished (liqoctl's INFO/WARN line).</summary>
    void Step(StepEvent step);

    /// <summary>
    /// Asks whether a write may happen (ShouldProcess). <paramref name="target"/> names the cluster and the object,
    /// <paramref name="action"/> what would be done.
    /// </summary>
    Task<WriteDecision> ShouldWriteAsync(string target, string action);
}

/// <summary>The answer to <see cref="IOperationLog.ShouldWriteAsync"/>.</summary>
public enum WriteDecision
{
    /// <summary>Write.</summary>
    Proceed,

    /// <summary>-WhatIf: do not write, but go on describing the plan (no waits on what was not written).</summary>
    WhatIf,

    /// <summary>The user declined: stop here.</summary>
    Declined,
}

/// <summary>A log that drops everything and allows every write.</summary>
public sealed class NullOperationLog : IOperationLog
{
    public static NullOperationLog Instance { get; } = new();

    public void Verbose(string message) { }

    public void Warning(string message) { }

    public void Step(StepEvent step) { }

    public Task<WriteDecision> ShouldWriteAsync(string target, string action) => Task.FromResult(WriteDecision.Proceed);
}
