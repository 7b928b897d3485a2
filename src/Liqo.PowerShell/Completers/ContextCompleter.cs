using System.Buffers;
using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using Liqo.Engine.ClusterAccess;

namespace Liqo.PowerShell.Completers;

/// <summary>
/// Completes -Context and -RemoteContext from the kubeconfig named on the same command line (-Kubeconfig /
/// -KubeconfigContent, or their Remote twins), else from $env:KUBECONFIG or ~/.kube/config, as kubectl would read it.
/// </summary>
public sealed class ContextCompleter : IArgumentCompleter
{
    public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
        CommandAst commandAst, IDictionary fakeBoundParameters)
    {
        var prefix = parameterName.StartsWith("Remote", StringComparison.OrdinalIgnoreCase) ? "Remote" : "";
        var path = fakeBoundParameters[prefix + "Kubeconfig"] as string;
        var content = fakeBoundParameters[prefix + "KubeconfigContent"] as string;
        if (path is not null)
        {
            path = CompletionPath.Resolve(path);
            if (path is null) return Array.Empty<CompletionResult>();
        }
        var word = wordToComplete.Trim('\'', '"');
        return ContextNames(path, content)
            .Where(n => n.StartsWith(word, StringComparison.OrdinalIgnoreCase))
            .OrderBy(n => n, StringComparer.Ordinal)
            .Select(n => new CompletionResult(Quote(n), n, CompletionResultType.ParameterValue, n));
    }

    // kept in its own method: the engine (and its load context) is touched only when completion runs
    private static IReadOnlyList<string> ContextNames(string? path, string? content) =>
        ClusterConnection.ContextNames(new KubeconfigSource(path, path is null ? content : null, null));

    /// <summary>The characters that make PowerShell read a context name as more than one bare word.</summary>
    private static readonly SearchValues<char> NeedsQuotes = SearchValues.Create(" '\"$`;(){},@#");

    private static string Quote(string s) =>
        s.AsSpan().IndexOfAny(NeedsQuotes) >= 0 ? "'" + s.Replace("'", "''") + "'" : s;
}
