using System.Text.Json.Nodes;
using Liqo.Engine.GoFormat;
using Liqo.Engine.Resources;

namespace Liqo.Engine.Offloading;

/// <summary>One remote cluster's entry of a NamespaceOffloading's status.remoteNamespacesConditions.</summary>
/// <param name="Cluster">The key of the entry: the NamespaceMap of that cluster (named after its cluster ID).</param>
/// <param name="OffloadingRequired">The OffloadingRequired condition's status: True when the cluster selector selects it.</param>
/// <param name="Ready">The Ready condition's status: True when the remote namespace exists.</param>
/// <param name="Reason">The Ready condition's reason (NamespaceCreated, Creating, CreationLoopBackOff, Terminating), else the other's.</param>
public sealed record RemoteNamespaceCondition(string Cluster, string OffloadingRequired, string Ready, string Reason, string Message);

/// <summary>
/// The NamespaceOffloading named <c>offloading</c> that liqoctl offload namespace writes in the namespace
/// (offloading.liqo.io/v1beta1): spec.podOffloadingStrategy, spec.namespaceMappingStrategy, spec.remoteNamespaceName
/// (omitted when empty) and spec.clusterSelector (always present, nodeSelectorTerms [] for every cluster); no labels.
/// Liqo's NamespaceOffloading controller reports status.offloadingPhase, status.remoteNamespaceName, per remote cluster
/// its conditions, and status.observedGeneration.
/// </summary>
public static class NamespaceOffloading
{
    /// <summary>Liqo's DefaultNamespaceOffloadingName: the only NamespaceOffloading Liqo acts on in a namespace.</summary>
    public const string Name = "offloading";

    public const string LocalAndRemote = "LocalAndRemote";
    public const string Local = "Local";
    public const string Remote = "Remote";

    public const string DefaultName = "DefaultName";
    public const string EnforceSameName = "EnforceSameName";
    public const string SelectedName = "SelectedName";

    public const string Ready = "Ready";
    public const string NoClusterSelected = "NoClusterSelected";
    public const string InProgress = "InProgress";
    public const string SomeFailed = "SomeFailed";
    public const string AllFailed = "AllFailed";
    public const string Terminating = "Terminating";

    /// <summary>The object liqoctl creates in <paramref name="ns"/> (apiVersion, kind, metadata, spec).</summary>
    public static JsonObject Forge(string ns, OffloadOptions o)
    {
        var obj = Json.Object(Kinds.NamespaceOffloading, Name, ns);
        obj["spec"] = Spec(o);
        return obj;
    }

    /// <summary>liqoctl's mutate function on an existing object: the four spec fields, everything else kept.</summary>
    public static void Mutate(JsonObject existing, OffloadOptions o)
    {
        var spec = existing["spec"] as JsonObject ?? new JsonObject();
        foreach (var (k, v) in Spec(o)) spec[k] = v?.DeepClone();
        if (o.RemoteNamespaceName.Length == 0) spec.Remove("remoteNamespaceName");
        existing["spec"] = spec;
    }

    /// <summary>The spec in Go's field order (namespaceMappingStrategy, remoteNamespaceName, podOffloadingStrategy, clusterSelector).</summary>
    private static JsonObject Spec(OffloadOptions o)
    {
        var spec = new JsonObject { ["namespaceMappingStrategy"] = o.NamespaceMappingStrategy };
        if (o.RemoteNamespaceName.Length > 0) spec["remoteNamespaceName"] = o.RemoteNamespaceName;
        spec["podOffloadingStrategy"] = o.PodOffloadingStrategy;
        spec["clusterSelector"] = ClusterSelector.ToNodeSelector(o.ClusterSelectors);
        return spec;
    }

    /// <summary>
    /// liqoctl offload namespace -o json|yaml: the object liqoctl would apply, printed by kubectl's printers
    /// (<see cref="KubectlPrinter"/>); the YAML is followed by liqoctl's own "---" line.
    /// </summary>
    public static string Print(string ns, OffloadOptions o, MachineFormat format)
    {
        var text = KubectlPrinter.Print(KubectlPrinter.Typed(Kinds.NamespaceOffloading, Forge(ns, o), Spec(o)), format);
        return format == MachineFormat.Yaml ? text + "---\n" : text;
    }

    /// <summary>
    /// The NamespaceOffloadings named <c>offloading</c>: in <paramref name="ns"/> (none when it is not offloaded), or in
    /// every namespace when <paramref name="ns"/> is null, sorted by namespace.
    /// </summary>
    public static async Task<IReadOnlyList<JsonObject>> ListAsync(ClusterAccess.ClusterConnection cluster, string? ns, CancellationToken ct)
    {
        if (ns is not null)
            return await cluster.Api.GetAsync(Kinds.NamespaceOffloading, ns, Name, ct).ConfigureAwait(false) is { } one ? [one] : [];
        var list = await cluster.Api.ListAsync(Kinds.NamespaceOffloading, null, null, "metadata.name=" + Name, ct).ConfigureAwait(false);
        return list.Items.Where(o => o.Name() == Name).OrderBy(o => o.Namespace(), StringComparer.Ordinal).ToList();
    }

    public static string PodOffloadingStrategy(JsonObject o) => o.StringAt("spec.podOffloadingStrategy") ?? LocalAndRemote;

    public static string NamespaceMappingStrategy(JsonObject o) => o.StringAt("spec.namespaceMappingStrategy") ?? DefaultName;

    /// <summary>status.offloadingPhase ("" before Liqo's controller saw the object).</summary>
    public static string Phase(JsonObject o) => o.StringAt("status.offloadingPhase") ?? "";

    /// <summary>status.remoteNamespaceName, else (before Liqo reported it) what spec asks for with SelectedName.</summary>
    public static string RemoteNamespaceName(JsonObject o) =>
        o.StringAt("status.remoteNamespaceName") is { Length: > 0 } n ? n : o.StringAt("spec.remoteNamespaceName") ?? "";

    /// <summary>Whether Liqo's controller has seen the current spec (status.observedGeneration == metadata.generation).</summary>
    public static bool Observed(JsonObject o) =>
        (o["status"]?["observedGeneration"]?.GetValue<long>() ?? 0) == (o["metadata"]?["generation"]?.GetValue<long>() ?? 0);

    /// <summary>status.remoteNamespacesConditions, one entry per remote cluster, in key order.</summary>
    public static IReadOnlyList<RemoteNamespaceCondition> Conditions(JsonObject o)
    {
        if (o["status"]?["remoteNamespacesConditions"] is not JsonObject map) return [];
        var result = new List<RemoteNamespaceCondition>();
        foreach (var (cluster, node) in map.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var conditions = (node as JsonArray)?.OfType<JsonObject>().ToList() ?? [];
            JsonObject? Of(string type) => conditions.FirstOrDefault(c => c["type"]?.GetValue<string>() == type);
            var required = Of("OffloadingRequired");
            var ready = Of("Ready");
            var main = ready ?? required;
            result.Add(new RemoteNamespaceCondition(cluster, required?.StringAt("status") ?? "", ready?.StringAt("status") ?? "",
                main?.StringAt("reason") ?? "", main?.StringAt("message") ?? ""));
        }
        return result;
    }

    /// <summary>The clusters whose remote namespace failed (Ready False, CreationLoopBackOff), as the failure names them.</summary>
    public static IReadOnlyList<RemoteNamespaceCondition> Failed(JsonObject o) =>
        Conditions(o).Where(c => c.Ready == "False" && c.Reason == "CreationLoopBackOff").ToList();
}
