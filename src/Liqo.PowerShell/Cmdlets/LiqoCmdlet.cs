using System.Collections.Concurrent;
using System.Management.Automation;
using Liqo.Engine;

namespace Liqo.PowerShell.Cmdlets;

/// <summary>
/// Base of every Liqo cmdlet: runs engine operations asynchronously while the pipeline thread writes what they report
/// (no sync-over-async deadlock: the engine never needs the pipeline thread), stops them through StopProcessing
/// (Ctrl+C), and turns <see cref="LiqoException"/>s into error records with their stable ErrorId, category, target
/// object and recommended action.
/// </summary>
public abstract class LiqoCmdlet : PSCmdlet, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();

    protected CancellationToken StopToken => _stopping.Token;

    protected override void StopProcessing() => _stopping.Cancel();

    /// <summary>
    /// Runs <paramref name="operation"/> on the thread pool; everything it logs is written from this (the pipeline)
    /// thread as it arrives. Failures become terminating errors.
    /// </summary>
    protected T RunEngine<T>(Func<IOperationLog, CancellationToken, Task<T>> operation) => RunQueued((log, ct) => operation(log, ct));

    /// <summary>
    /// Like <see cref="RunEngine{T}"/> for an operation that reports more than steps (a fan-out's outcome per provider): it
    /// gets a way to post any write to the pipeline thread (<c>post</c>), which runs it there in order with the steps.
    /// </summary>
    protected void RunEngine(Func<IOperationLog, Action<Action>, CancellationToken, Task> operation) =>
        RunQueued(async (log, ct) =>
        {
            await operation(log, write => log.Post(write), ct).ConfigureAwait(false);
            return true;
        });

    private T RunQueued<T>(Func<QueueLog, CancellationToken, Task<T>> operation)
    {
        using var queue = new BlockingCollection<Action>();
        var log = new QueueLog(queue, this);
        var task = Task.Run(() => operation(log, _stopping.Token), _stopping.Token);
        _ = task.ContinueWith(_ => queue.CompleteAdding(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        try
        {
            foreach (var write in queue.GetConsumingEnumerable()) write();
        }
        catch
        {
            // the pipeline is stopping or a write failed: stop the operation and let it unwind
            _stopping.Cancel();
            throw;
        }

        try
        {
            // the loop above pumped the queue until the task finished: this only collects its result
#pragma warning disable VSTHRD002 // the task has completed here, so reading its result cannot block or deadlock
            var result = task.GetAwaiter().GetResult();
#pragma warning restore VSTHRD002
            CompleteProgress();
            return result;
        }
        catch (LiqoException e)
        {
            ThrowTerminatingError(ErrorRecordFactory.From(Explain(e)));
            throw; // not reached
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            throw new PipelineStoppedException();
        }
        catch (Exception e) when (e is not RuntimeException)
        {
            // PowerShell's own exceptions (a stopped pipeline, a host that cannot prompt) pass as they are; anything else
            // the engine did not translate still gets a stable ErrorId
            var (id, category) = e is OperationCanceledException
                ? (ErrorIds.OperationTimeout, ErrorCategory.OperationTimeout)
                : (ErrorIds.UnexpectedFailure, ErrorCategory.NotSpecified);
            ThrowTerminatingError(new ErrorRecord(e, id, category, MyInvocation.MyCommand?.Name));
            throw; // not reached
        }
    }

    /// <summary>
    /// A cmdlet's chance to add its own advice to an engine error before it is written (e.g. Remove-LiqoPeering suggests
    /// -Force when the provider cannot be reached). The default keeps the error as it is.
    /// </summary>
    protected virtual LiqoException Explain(LiqoException e) => e;

    /// <summary>Writes a non-terminating error for a <see cref="LiqoException"/> (e.g. one unknown ID among several).</summary>
    protected void WriteLiqoError(LiqoException e) => WriteError(ErrorRecordFactory.From(e));

    public void Dispose()
    {
        _stopping.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>
    /// Writes one step: an information record with the structured event, mirrored to Verbose (runbook logs keep Verbose),
    /// or, for a WARN step, to the warning stream.
    /// </summary>
    private void WriteStep(StepEvent step)
    {
        var tags = new List<string> { "Liqo.Step", step.Module, step.Level };
        // like Write-Host: shown by default in an interactive session, kept as data in the information stream everywhere
        if (InteractiveHost.IsInteractive(Host) && !InformationSilenced()) tags.Add("PSHOST");
        WriteInformation(new InformationRecord(step, MyInvocation.MyCommand?.Name ?? "Liqo").WithTags(tags));
        // liqoctl's WARN lines are warnings: -WarningAction and -WarningVariable apply to them
        if (step.Level == "WARN") WriteWarning(step.Provider is null ? step.Message : $"[{step.Provider}] {step.Message}");
        else WriteVerbose(step.ToString());
        if (step.Provider is not null)
        {
            WriteProviderProgress(step);
            return;
        }
        var id = _progressIds.TryGetValue(step.Module, out var known) ? known : _progressIds[step.Module] = _progressIds.Count + 1;
        WriteProgress(new ProgressRecord(id, $"Liqo {step.Module}", $"({step.Scope}) {step.Message}"));
    }

    /// <summary>The parent bar of a fan-out (one child bar per provider under it).</summary>
    private const int FanOutProgressId = 1;

    private readonly Dictionary<string, int> _providerProgressIds = new(StringComparer.Ordinal);
    private (int Total, int Done, int Bars) _fanOut;

    /// <summary>A fan-out over <paramref name="total"/> providers starts: its parent progress bar appears.</summary>
    protected void BeginFanOutProgress(int total)
    {
        _fanOut = (total, 0, 0);
        WriteFanOutProgress();
    }

    /// <summary>One provider of the fan-out ended: its bar closes and the parent bar counts it.</summary>
    protected void ProviderProgressDone(string provider)
    {
        if (_providerProgressIds.Remove(provider, out var id))
            WriteProgress(new ProgressRecord(id, $"Liqo {provider}", "Done") { ParentActivityId = FanOutProgressId, RecordType = ProgressRecordType.Completed });
        _fanOut.Done++;
        WriteFanOutProgress();
    }

    private void WriteFanOutProgress() =>
        WriteProgress(new ProgressRecord(FanOutProgressId, $"Liqo {MyInvocation.MyCommand?.Name}", $"{_fanOut.Done} of {_fanOut.Total} providers done")
        {
            PercentComplete = _fanOut.Total == 0 ? 0 : 100 * _fanOut.Done / _fanOut.Total,
        });

    /// <summary>A fan-out step: on its provider's bar, under the fan-out's parent bar.</summary>
    private void WriteProviderProgress(StepEvent step)
    {
        var provider = step.Provider!;
        if (!_providerProgressIds.TryGetValue(provider, out var id))
            _providerProgressIds[provider] = id = FanOutProgressId + 1 + _fanOut.Bars++;
        WriteProgress(new ProgressRecord(id, $"Liqo {provider}", $"({step.Scope}) {step.Message}")
        {
            ParentActivityId = FanOutProgressId, CurrentOperation = step.Module,
        });
    }

    /// <summary>-InformationAction SilentlyContinue or Ignore: the step lines are not shown (they stay data, as for Write-Information).</summary>
    private bool InformationSilenced() =>
        MyInvocation.BoundParameters.TryGetValue("InformationAction", out var a) && a is ActionPreference.SilentlyContinue or ActionPreference.Ignore;

    private readonly Dictionary<string, int> _progressIds = new(StringComparer.Ordinal);

    /// <summary>Closes the progress bars of the modules that reported steps.</summary>
    private void CompleteProgress()
    {
        foreach (var (module, id) in _progressIds)
            WriteProgress(new ProgressRecord(id, $"Liqo {module}", "Done") { RecordType = ProgressRecordType.Completed });
        _progressIds.Clear();
        foreach (var provider in _providerProgressIds.Keys.ToList()) ProviderProgressDone(provider);
        if (_fanOut.Total > 0)
            WriteProgress(new ProgressRecord(FanOutProgressId, $"Liqo {MyInvocation.MyCommand?.Name}", "Done") { RecordType = ProgressRecordType.Completed });
        _fanOut = (0, 0, 0);
    }

    /// <summary>Every writing cmdlet checks first that a confirmation it would need can be answered.</summary>
    protected override void BeginProcessing()
    {
        NoInquiryWithoutPrompt();
        RequireConfirmationChoice();
    }

    /// <summary>
    /// -Debug turns some stream preferences of the command runtime into Inquire (a warning asks whether to go on), which a
    /// host that cannot prompt answers with "NonInteractive mode" or, with stdin closed, a NullReferenceException. In such a
    /// host, -Debug shows the streams instead (Continue), as PowerShell 7.4+ does for the debug stream itself.
    /// </summary>
    private void NoInquiryWithoutPrompt()
    {
        if (!MyInvocation.BoundParameters.TryGetValue("Debug", out var d) || d is not SwitchParameter { IsPresent: true } || InteractiveHost.IsInteractive(Host))
            return;
        const System.Reflection.BindingFlags any = System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.Public |
                                                   System.Reflection.BindingFlags.NonPublic;
        var runtime = CommandRuntime;
        var type = runtime?.GetType();
        foreach (var name in new[] { "DebugPreference", "WarningPreference", "InformationPreference", "ProgressPreference" })
        {
            var property = type?.GetProperty(name, any);
            if (property is { CanRead: true, CanWrite: true } && property.GetValue(runtime) is ActionPreference.Inquire)
                property.SetValue(runtime, ActionPreference.Continue);
        }
        // the verbose preference has no setter: it follows -Verbose, which -Debug implies here (shown, not asked)
        if (type?.GetProperty("VerbosePreference", any)?.GetValue(runtime) is ActionPreference.Inquire &&
            type.GetProperty("Verbose", any) is { CanWrite: true } verbose)
            verbose.SetValue(runtime, verbose.PropertyType == typeof(SwitchParameter) ? new SwitchParameter(true) : true);
    }

    /// <summary>
    /// In a host where nobody can answer a prompt (a runbook, CI, pwsh -NonInteractive), refuses up front, with a clear
    /// error, a run whose ShouldProcess would prompt: the cmdlet's ConfirmImpact at or above $ConfirmPreference (the
    /// destructive ones, ConfirmImpact High, by default), or -Confirm given. -Confirm:$false and -WhatIf never prompt.
    /// Otherwise ShouldProcess would fail on the host's prompt halfway, after some writes.
    /// </summary>
    private void RequireConfirmationChoice()
    {
        var attribute = GetType().GetCustomAttributes(typeof(CmdletAttribute), true).OfType<CmdletAttribute>().FirstOrDefault();
        if (attribute is not { SupportsShouldProcess: true } || InteractiveHost.IsInteractive(Host)) return;
        var (preference, whatIf) = ShouldProcessSettings();
        if (whatIf || preference == ConfirmImpact.None || attribute.ConfirmImpact < preference) return;
        var why = MyInvocation.BoundParameters.TryGetValue("Confirm", out var c) && c is SwitchParameter { IsPresent: true }
            ? "-Confirm was given"
            : attribute.ConfirmImpact == ConfirmImpact.High
                ? "it removes Liqo resources"
                : $"its ConfirmImpact ({attribute.ConfirmImpact}) is at or above the confirmation preference ({preference})";
        var name = MyInvocation.MyCommand.Name;
        ThrowTerminatingError(new ErrorRecord(
            new InvalidOperationException($"{name} needs a confirmation ({why}), but this host cannot prompt (it is not interactive). " +
                "Pass -Confirm:$false to run it unattended, or -WhatIf to see what it would do."),
            ErrorIds.ConfirmationRequired, ErrorCategory.InvalidOperation, name));
    }

    /// <summary>
    /// What ShouldProcess will go by: the confirmation preference (-Confirm, -Confirm:$false and -Debug applied, else the
    /// caller's $ConfirmPreference, from the caller's scope) and -WhatIf (else $WhatIfPreference). PowerShell keeps these
    /// on its command runtime, not in a public API; they are read from there, with the variables as a fallback.
    /// </summary>
    private (ConfirmImpact Preference, bool WhatIf) ShouldProcessSettings()
    {
        const System.Reflection.BindingFlags any = System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.Public |
                                                   System.Reflection.BindingFlags.NonPublic;
        var runtime = CommandRuntime;
        var type = runtime?.GetType();
        var preference = type?.GetProperty("ConfirmPreference", any)?.GetValue(runtime) as ConfirmImpact?;
        var whatIf = type?.GetProperty("WhatIf", any)?.GetValue(runtime) as SwitchParameter?;
        if (preference is null)
        {
            var bound = MyInvocation.BoundParameters;
            preference = bound.TryGetValue("Confirm", out var c)
                ? c is SwitchParameter { IsPresent: true } ? ConfirmImpact.Low : ConfirmImpact.None
                : SessionState.PSVariable.GetValue("ConfirmPreference") is ConfirmImpact v ? v : ConfirmImpact.High;
        }
        whatIf ??= MyInvocation.BoundParameters.TryGetValue("WhatIf", out var w) && w is SwitchParameter { IsPresent: true }
                   || SessionState.PSVariable.GetValue("WhatIfPreference") is true or SwitchParameter { IsPresent: true };
        return (preference.Value, whatIf.Value.IsPresent);
    }

    /// <summary>Whether this run is a -WhatIf run (-WhatIf, or $WhatIfPreference). Read it on the pipeline thread.</summary>
    protected bool WhatIfRun => ShouldProcessSettings().WhatIf;

    /// <summary>ShouldProcess on the pipeline thread, telling -WhatIf apart from a user's "No".</summary>
    private WriteDecision DecideWrite(string target, string action)
    {
        if (ShouldProcess(target, action)) return WriteDecision.Proceed;
        return ShouldProcessSettings().WhatIf ? WriteDecision.WhatIf : WriteDecision.Declined;
    }

    /// <summary>An engine log that queues writes for the pipeline thread.</summary>
    private sealed class QueueLog(BlockingCollection<Action> queue, LiqoCmdlet owner) : IOperationLog
    {
        public void Verbose(string message) => Post(() => owner.WriteVerbose(message));

        public void Warning(string message) => Post(() => owner.WriteWarning(message));

        public void Step(StepEvent step) => Post(() => owner.WriteStep(step));

        public Task<WriteDecision> ShouldWriteAsync(string target, string action)
        {
            var answer = new TaskCompletionSource<WriteDecision>(TaskCreationOptions.RunContinuationsAsynchronously);
            if (!Post(() =>
                {
                    try
                    {
                        answer.TrySetResult(owner.DecideWrite(target, action));
                    }
                    catch (Exception e)
                    {
                        answer.TrySetException(e);
                    }
                }))
                answer.TrySetCanceled();
            return answer.Task;
        }

        public bool Post(Action write)
        {
            try
            {
                queue.Add(write);
                return true;
            }
            catch (InvalidOperationException)
            {
                return false; // the cmdlet stopped reading (it is stopping); nothing more is written
            }
        }
    }
}

internal static class InformationRecordExtensions
{
    public static InformationRecord WithTags(this InformationRecord record, IEnumerable<string> tags)
    {
        foreach (var t in tags) record.Tags.Add(t);
        return record;
    }
}
