using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using Liqo.Engine.ClusterAccess;

namespace Liqo.PowerShell.Completers;

/// <summary>
/// Completes -ClusterId from the ForeignClusters of the cluster named on the same command line (-Kubeconfig /
/// -KubeconfigContent, -Context, -LiqoNamespace), else the default kubeconfig, like liqoctl's completion of info peer.
/// Silent (no completions) when the cluster cannot be read within a few seconds.
/// </summary>
public sealed class ForeignClusterIdCompleter : IArgumentCompleter
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var path = fakeBoundParameters["Kubeconfig"] as string;
        var content = fakeBoundParameters["KubeconfigContent"] as string;
        var context = fakeBoundParameters["Context"] as string;
        var ns = fakeBoundParameters["LiqoNamespace"] as string ?? KubeconfigSource.DefaultLiqoNamespace;
        if (path is not null)
        {
            path = CompletionPath.Resolve(path);
            if (path is null) return Array.Empty<CompletionResult>();
        }
        var word = wordToComplete.Trim('\'', '"');
        var already = fakeBoundParameters[parameterName] is IEnumerable bound and not string ? bound.OfType<string>().ToHashSet(StringComparer.Ordinal) : [];
        return ClusterIds(new KubeconfigSource(path, path is null ? content : null, context, ns))
            .Where(id => id.StartsWith(word, StringComparison.OrdinalIgnoreCase) && !already.Contains(id))
            .Order(StringComparer.Ordinal)
            .Select(id => new CompletionResult(id, id, CompletionResultType.ParameterValue, id));
    }

    // kept in its own method: the engine (and its load context) is touched only when completion runs. IArgumentCompleter
    // is synchronous, so this blocks; it cannot deadlock (the engine awaits with ConfigureAwait(false) and completion has
    // no synchronization context) and ClusterIdsAsync gives up after Timeout.
#pragma warning disable VSTHRD002 // completers are a synchronous PowerShell API; the wait is bounded by Timeout
    private static IReadOnlyList<string> ClusterIds(KubeconfigSource source) =>
        Engine.Info.ForeignClusterReader.ClusterIdsAsync(source, Timeout).GetAwaiter().GetResult();
#pragma warning restore VSTHRD002
}
