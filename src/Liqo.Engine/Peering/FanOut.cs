using System.Globalization;
using Liqo.Engine.ClusterAccess;
using Liqo.Engine.Resources;

namespace Liqo.Engine.Peering;

/// <summary>
/// One consumer, several providers at once (hub and spoke): the same operation (peer, unpeer) runs for each provider
/// concurrently, at most <c>throttleLimit</c> at a time, each in its own <see cref="Operation"/> with its own time budget,
/// log (<see cref="ProviderLog"/>) and provider connection, on one shared consumer connection. A provider that fails ends
/// as a failed <see cref="FanOutOutcome{T}"/>; the others go on. Nothing is shared between the providers' operations but
/// the consumer's connection: every object on the consumer (tenant namespace, networking and authentication objects) is
/// the one the single-provider operation writes for that provider, as liqoctl writes it when run once per provider.
/// </summary>
public static class FanOut
{
    /// <summary>How many providers are worked on at once by default (as ForEach-Object -Parallel's -ThrottleLimit).</summary>
    public const int DefaultThrottleLimit = 5;

    /// <summary>
    /// Runs <paramref name="step"/> (given the provider's index in the list) for every provider of <paramref name="providers"/>; <paramref name="done"/> is called once
    /// per provider as soon as it ends (from a worker thread). The consumer's kubeconfig is read first: when it cannot be,
    /// that error is thrown and no provider is started. Stopping (<paramref name="ct"/>) ends every provider's operation and
    /// throws <see cref="OperationCanceledException"/>.
    /// </summary>
    public static async Task RunAsync<T>(IOperationLog log, KubeconfigSource consumerSource, IReadOnlyList<KubeconfigSource> providers,
        int throttleLimit, TimeSpan timeout, bool whatIf, GlobalMetadata globalMetadata, Func<int, Operation, ClusterConnection, ClusterConnection, Task<T>> step,
        Action<FanOutOutcome<T>> done, CancellationToken ct) where T : class
    {
        using var consumer = ClusterConnection.Open(consumerSource);
        // the consumer's retries are the fan-out's, not one provider's: its connection reports them without a label
        consumer.AttachTo(log, bounded: true);
        var opened = OpenAll(providers);
        using var gate = new SemaphoreSlim(Math.Max(1, throttleLimit));
        try
        {
            await Task.WhenAll(opened.Select(p => RunOneAsync(p, log, consumer, gate, timeout, whatIf, globalMetadata, step, done, ct))).ConfigureAwait(false);
        }
        finally
        {
            foreach (var p in opened) p.Connection?.Dispose();
        }
        ct.ThrowIfCancellationRequested();
    }

    /// <summary>
    /// Opens every provider's connection and gives each a label, as its lines show it: its kubeconfig context; where several
    /// providers have the same context, the context and the provider's place in the list ("provider #2"); for a kubeconfig
    /// that cannot be read, its file name (or "#n" for content).
    /// </summary>
    private static List<OpenedProvider> OpenAll(IReadOnlyList<KubeconfigSource> providers)
    {
        var opened = new List<OpenedProvider>(providers.Count);
        for (var i = 0; i < providers.Count; i++)
        {
            try
            {
                var c = ClusterConnection.Open(providers[i]);
                opened.Add(new OpenedProvider(i, providers[i], c, null) { Label = c.Context });
            }
            catch (LiqoException e)
            {
                var name = providers[i].KubeconfigPath is { } path ? Path.GetFileName(path) : null;
                opened.Add(new OpenedProvider(i, providers[i], null, e) { Label = name ?? Numbered(i) });
            }
        }
        var repeated = opened.GroupBy(p => p.Label, StringComparer.Ordinal).Where(g => g.Count() > 1).SelectMany(g => g).ToList();
        foreach (var p in repeated) p.Label = $"{p.Label} {Numbered(p.Index)}";
        return opened;
    }

    private static string Numbered(int index) => "#" + (index + 1).ToString(CultureInfo.InvariantCulture);

    private static async Task RunOneAsync<T>(OpenedProvider p, IOperationLog log, ClusterConnection consumer, SemaphoreSlim gate, TimeSpan timeout,
        bool whatIf, GlobalMetadata globalMetadata, Func<int, Operation, ClusterConnection, ClusterConnection, Task<T>> step, Action<FanOutOutcome<T>> done,
        CancellationToken ct)
        where T : class
    {
        if (p.Connection is null)
        {
            done(new FanOutOutcome<T>(p.Index, p.Label, p.Source, null, p.OpenError));
            return;
        }
        await gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            T result;
            using (var op = new Operation(new ProviderLog(log, p.Label), timeout, ct) { WhatIf = whatIf, GlobalMetadata = globalMetadata })
            {
                op.Share(consumer);
                op.Attach(p.Connection);
                result = await op.BoundAsync(() => step(p.Index, op, consumer, p.Connection), p.Connection.Server).ConfigureAwait(false);
            }
            done(new FanOutOutcome<T>(p.Index, p.Label, p.Source, result, null));
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            done(new FanOutOutcome<T>(p.Index, p.Label, p.Source, null, e));
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>A provider with its connection (or the error that kept it from being opened) and its label.</summary>
    private sealed record OpenedProvider(int Index, KubeconfigSource Source, ClusterConnection? Connection, LiqoException? OpenError)
    {
        public required string Label { get; set; }
    }
}
