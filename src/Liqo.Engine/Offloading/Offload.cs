using System.Text.Json.Nodes;
using Liqo.Engine.ClusterAccess;
using Liqo.Engine.Resources;

namespace Liqo.Engine.Offloading;

/// <summary>
/// liqoctl offload namespace (pkg/liqoctl/offload): per namespace, CreateOrUpdate of the NamespaceOffloading
/// <c>offloading</c> ("Offloading of namespace "x" correctly enabled"), liqoctl's warning when the pod offloading strategy
/// becomes more restrictive, then the wait ForOffloading: until Liqo has observed the current generation and the phase is
/// Ready ("Offloading completed successfully") or NoClusterSelected (a warning); SomeFailed and AllFailed are errors, here
/// naming the clusters whose remote namespace failed. A run that changes nothing writes nothing.
/// </summary>
public static class Offload
{
    private const string Module = "Offloading";

    /// <summary>liqoctl's rules on the arguments, checked before anything is read or written.</summary>
    public static void Check(IReadOnlyList<string> namespaces, string? namespaceSelector, OffloadOptions o)
    {
        CheckTargets(namespaces, namespaceSelector);
        if ((namespaces.Count > 1 || !string.IsNullOrEmpty(namespaceSelector)) && o.RemoteNamespaceName.Length > 0)
            throw Invalid(o.RemoteNamespaceName, "the remote namespace name cannot be specified when offloading multiple namespaces at once",
                "Offload the namespace that gets -RemoteNamespaceName on its own.");
        if (o.NamespaceMappingStrategy == NamespaceOffloading.SelectedName && o.RemoteNamespaceName.Length == 0)
            throw Invalid(o.NamespaceMappingStrategy, "the SelectedName namespace mapping strategy needs the remote namespace name",
                "Give -RemoteNamespaceName with -NamespaceMappingStrategy SelectedName.");
        // refused here rather than by the API server after the namespaces were listed
        _ = ClusterSelector.ToNodeSelector(o.ClusterSelectors);
    }

    /// <summary>The namespace-or-selector rules shared with unoffload, and the selector's syntax.</summary>
    internal static void CheckTargets(IReadOnlyList<string> namespaces, string? namespaceSelector)
    {
        var bySelector = !string.IsNullOrEmpty(namespaceSelector);
        if (namespaces.Count == 0 && !bySelector)
            throw Invalid("", "namespace name or label selector must be specified", "Name the namespaces, pipe them in, or give -NamespaceSelector.");
        if (namespaces.Count > 0 && bySelector)
            throw Invalid(namespaceSelector, "namespace name and label selector must not be specified together",
                "Give either the namespaces or -NamespaceSelector.");
        if (!bySelector) return;
        try
        {
            _ = LabelSelector.Parse(namespaceSelector!);
        }
        catch (FormatException e)
        {
            throw new LiqoException(ErrorIds.NamespaceSelectorInvalid, LiqoErrorCategory.InvalidArgument, namespaceSelector,
                $"invalid label selector: {e.Message}", "Give -NamespaceSelector as a label selector of the namespaces, e.g. 'team=blue'.");
        }
    }

    private static LiqoException Invalid(string? value, string message, string action) =>
        new(ErrorIds.OffloadingOptionsInvalid, LiqoErrorCategory.InvalidArgument, value, message, action);

    /// <summary>The namespaces named, plus (liqoctl's --ns-selector) those whose labels match the selector, each once.</summary>
    public static async Task<IReadOnlyList<string>> NamespacesAsync(Operation op, ClusterConnection cluster, IReadOnlyList<string> namespaces,
        string? namespaceSelector)
    {
        var result = namespaces.Distinct(StringComparer.Ordinal).ToList();
        if (string.IsNullOrEmpty(namespaceSelector)) return result;
        op.Attach(cluster);
        var selected = await cluster.Api.ListAsync(Kinds.Namespace, null, namespaceSelector, ct: op.Cancellation).ConfigureAwait(false);
        foreach (var ns in selected.Items.Select(n => n.Name()).Where(n => !result.Contains(n, StringComparer.Ordinal)))
            result.Add(ns);
        return result;
    }

    /// <summary>
    /// liqoctl's loop over the namespaces of offload and unoffload: the namespaces named or selected, each through
    /// <paramref name="step"/>; a failure of one (not a timeout of the whole command, nor a declined write) is kept and the
    /// next is done. None at all is liqoctl's "No namespaces can be &lt;verb&gt;ed" line.
    /// </summary>
    public static async Task<IReadOnlyList<(string Namespace, T? Result, LiqoException? Error)>> ForEachNamespaceAsync<T>(Operation op,
        ClusterConnection cluster, IReadOnlyList<string> namespaces, string? namespaceSelector, string verb, Func<string, Task<T>> step)
    {
        var targets = await NamespacesAsync(op, cluster, namespaces, namespaceSelector).ConfigureAwait(false);
        if (targets.Count == 0) op.Info(cluster, Module, "NoNamespaces", $"No namespaces can be {verb}");
        var outcomes = new List<(string, T?, LiqoException?)>();
        foreach (var ns in targets)
        {
            try
            {
                outcomes.Add((ns, await step(ns).ConfigureAwait(false), null));
            }
            catch (LiqoException e) when (!op.TimedOut && e.ErrorId is not ErrorIds.OperationDeclined)
            {
                outcomes.Add((ns, default, e));
            }
        }
        return outcomes;
    }

    /// <summary>
    /// Offloads <paramref name="ns"/>: writes the NamespaceOffloading (only when it differs), then, unless
    /// <paramref name="wait"/> is false or the run only plans (-WhatIf), waits for Liqo's answer. Returns the object as
    /// stored last.
    /// </summary>
    public static async Task<JsonObject> NamespaceAsync(Operation op, ClusterConnection cluster, string ns, OffloadOptions o, bool wait = true)
    {
        await AccessCheck.RequireAllAsync(op, cluster,
            [new AccessRequirement("get", Kinds.NamespaceOffloading, ns), .. AccessRequirement.Write(Kinds.NamespaceOffloading, ns)],
            $"offloading the namespace \"{ns}\"").ConfigureAwait(false);
        await RequireNamespaceAsync(op, cluster, ns).ConfigureAwait(false);
        string? oldStrategy = null;
        var stored = await ObjectWriter.CreateOrUpdateAsync(op, cluster, Kinds.NamespaceOffloading, NamespaceOffloading.Forge(ns, o), existing =>
        {
            oldStrategy = NamespaceOffloading.PodOffloadingStrategy(existing);
            NamespaceOffloading.Mutate(existing, o);
        }).ConfigureAwait(false);
        op.Info(cluster, Module, "NamespaceOffloading", $"Offloading of namespace \"{ns}\" correctly enabled",
            whatIf: $"Offloading of namespace \"{ns}\" would be enabled");
        if (oldStrategy is { Length: > 0 } old && old != o.PodOffloadingStrategy && o.PodOffloadingStrategy != NamespaceOffloading.LocalAndRemote)
        {
            op.Warn(cluster, Module, "PodOffloadingStrategyRestricted", "The PodOffloadingStrategy was mutated to a more restrictive setting");
            op.Warn(cluster, Module, "PodOffloadingStrategyRestricted", "Existing pods violating this policy might still be running");
        }
        if (!wait || op.PlanOnly || op.WhatIf) return stored;
        return await ForOffloadingAsync(op, cluster, ns).ConfigureAwait(false);
    }

    /// <summary>A missing namespace is named as such (the API server would answer only "not found" on the create).</summary>
    private static async Task RequireNamespaceAsync(Operation op, ClusterConnection cluster, string ns)
    {
        JsonObject? found;
        try
        {
            found = await cluster.Api.GetAsync(Kinds.Namespace, null, ns, op.Cancellation).ConfigureAwait(false);
        }
        catch (LiqoException e) when (e.ErrorId == ErrorIds.Forbidden)
        {
            return; // a user who may not read namespaces: the create says whether it exists
        }
        if (found is null)
            throw new LiqoException(ErrorIds.NamespaceNotFound, LiqoErrorCategory.ObjectNotFound, ns,
                $"namespaces \"{ns}\" not found on the {cluster.Scope} cluster: there is nothing to offload.",
                "Create the namespace first (kubectl create namespace), or check its name.");
    }

    /// <summary>
    /// liqoctl's wait.ForOffloading, on a watch: until status.observedGeneration equals metadata.generation and the phase is
    /// Ready, NoClusterSelected (a warning), SomeFailed or AllFailed (<see cref="ErrorIds.OffloadingFailed"/>).
    /// </summary>
    public static async Task<JsonObject> ForOffloadingAsync(Operation op, ClusterConnection cluster, string ns)
    {
        string? lastPhase = null;
        JsonObject? done;
        try
        {
            done = await op.WaitForObjectAsync(cluster, Kinds.NamespaceOffloading, ns, NamespaceOffloading.Name, o =>
            {
                if (!NamespaceOffloading.Observed(o)) return false;
                lastPhase = NamespaceOffloading.Phase(o);
                return lastPhase is NamespaceOffloading.Ready or NamespaceOffloading.NoClusterSelected
                    or NamespaceOffloading.SomeFailed or NamespaceOffloading.AllFailed;
            }, new WaitTarget($"Waiting for offloading of namespace \"{ns}\" to complete", $"NamespaceOffloading {ns}/{NamespaceOffloading.Name}",
                "the phase Ready or NoClusterSelected, at the current generation",
                "Get-LiqoNamespaceOffloading shows the phase and each cluster's condition; check Liqo's controller manager, or give more time with -Timeout.")).ConfigureAwait(false);
        }
        catch (LiqoException e) when (e.ErrorId == ErrorIds.WaitTimeout && lastPhase is { Length: > 0 })
        {
            throw new LiqoException(e.ErrorId, e.Category, e.TargetObject, $"{e.Message} The last phase seen was {lastPhase}.", e.RecommendedAction, e);
        }
        if (done is null) return NamespaceOffloading.Forge(ns, new OffloadOptions());
        switch (NamespaceOffloading.Phase(done))
        {
            case NamespaceOffloading.NoClusterSelected:
                op.Warn(cluster, Module, "NoClusterSelected", "Offloading completed, but no cluster was selected");
                break;
            case NamespaceOffloading.Ready:
                op.Info(cluster, Module, "OffloadingReady", "Offloading completed successfully");
                break;
            default:
                throw Failed(cluster, ns, done);
        }
        return done;
    }

    private static LiqoException Failed(ClusterConnection cluster, string ns, JsonObject offloading)
    {
        var phase = NamespaceOffloading.Phase(offloading);
        var failed = NamespaceOffloading.Failed(offloading);
        var clusters = failed.Count == 0 ? "" :
            $": the remote namespace \"{NamespaceOffloading.RemoteNamespaceName(offloading)}\" could not be created on " +
            string.Join(", ", failed.Select(c => $"{c.Cluster} ({c.Reason}: {c.Message})"));
        return new LiqoException(ErrorIds.OffloadingFailed, LiqoErrorCategory.ResourceUnavailable,
            failed.Count == 0 ? ns : string.Join(",", failed.Select(c => c.Cluster)),
            $"Failed waiting for offloading of namespace \"{ns}\" to complete on the {cluster.Scope} cluster: the offloading is in \"{phase}\" state{clusters}.",
            "A namespace of that name may exist already on the provider, or the provider refuses it: check the provider " +
            "(kubectl get namespace there), then Disable-LiqoNamespaceOffloading and offload again, e.g. with another -NamespaceMappingStrategy.");
    }
}
