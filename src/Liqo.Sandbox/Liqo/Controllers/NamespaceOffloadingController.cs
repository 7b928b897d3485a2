using System.Text.Json.Nodes;
using Liqo.Sandbox.Liqo.Runtime;

namespace Liqo.Sandbox.Liqo.Controllers;

/// <summary>
/// The NamespaceOffloading controller (offloading/namespaceoffloading-controller), on the consumer, for objects named
/// offloading: finalizer namespaceoffloading-controller.liqo.io/finalizer; the virtual nodes whose labels (the Node's,
/// else the VirtualNode's spec.labels plus liqo.io/remote-cluster-id and storage.liqo.io/available) match
/// spec.clusterSelector (no term: every one) get desiredMapping[namespace] = remote name in their provider's local
/// NamespaceMap, the others lose it; the namespace gets liqo.io/scheduling-enabled=true for the LocalAndRemote and Remote
/// strategies (removed otherwise). The remote name: DefaultName &lt;namespace&gt;-&lt;local cluster ID&gt;, EnforceSameName the
/// namespace, SelectedName spec.remoteNamespaceName. The status, written after every reconcile: remoteNamespaceName,
/// offloadingPhase (Terminating, NoClusterSelected, Ready, AllFailed, SomeFailed, InProgress, from the NamespaceMaps'
/// desired and current mappings), remoteNamespacesConditions per NamespaceMap name (= provider cluster ID:
/// OffloadingRequired and Ready conditions) and observedGeneration. Deletion removes the scheduling label and the
/// desired mappings, then waits until every remote condition is gone (the remote namespaces deleted) before releasing
/// the finalizer. An invalid cluster selector is a Warning event Invalid.
/// </summary>
internal sealed class NamespaceOffloadingController(LiqoControlPlane plane) : LiqoController(plane)
{
    public override string Name => "namespaceoffloading";

    protected override void Reconcile()
    {
        var offloadings = List(Kind.NamespaceOffloading).Where(o => Obj.Name(o) == LiqoLabels.NamespaceOffloadingName).ToList();
        if (offloadings.Count == 0) return;
        foreach (var original in offloadings)
        {
            var nsoff = original;
            var maps = NamespaceMapsByCluster();
            if (Obj.Deleting(nsoff))
            {
                if (!ApiServer.ObjectMeta.Finalizers(nsoff).Contains(LiqoLabels.NamespaceOffloadingFinalizer)) continue;
                var done = SchedulingLabel(Obj.Ns(nsoff), false) && maps.Values.All(nm => RemoveDesiredMapping(Obj.Ns(nsoff), nm));
                if (done && (Obj.Object(nsoff, "status", "remoteNamespacesConditions")?.Count ?? 0) == 0)
                {
                    ApiServer.ObjectMeta.SetFinalizers(nsoff, ApiServer.ObjectMeta.Finalizers(nsoff).Where(f => f != LiqoLabels.NamespaceOffloadingFinalizer));
                    if (Update(Kind.NamespaceOffloading, nsoff) is not null)
                        Plane.Log($"{Name}: Finalizer correctly removed from NamespaceOffloading \"{Obj.Ns(nsoff)}/{Obj.Name(nsoff)}\"");
                    continue;
                }
                EnforceStatus(nsoff, NamespaceMapsByCluster());
                continue;
            }
            if (!ApiServer.ObjectMeta.Finalizers(nsoff).Contains(LiqoLabels.NamespaceOffloadingFinalizer))
            {
                ApiServer.ObjectMeta.SetFinalizers(nsoff, [.. ApiServer.ObjectMeta.Finalizers(nsoff), LiqoLabels.NamespaceOffloadingFinalizer]);
                if (Update(Kind.NamespaceOffloading, nsoff) is not { } updated)
                {
                    EnforceStatus(original, maps);
                    continue;
                }
                nsoff = updated;
            }
            if (EnforceClusterSelector(nsoff, maps))
            {
                var strategy = Obj.Str(nsoff, "spec", "podOffloadingStrategy");
                SchedulingLabel(Obj.Ns(nsoff), strategy is "LocalAndRemote" or "Remote");
            }
            EnforceStatus(nsoff, NamespaceMapsByCluster());
        }
    }

    /// <summary>The local NamespaceMaps (liqo.io/replication=true, liqo.io/remoteID set) by their liqo.io/remote-cluster-id.</summary>
    private Dictionary<string, JsonObject> NamespaceMapsByCluster()
    {
        var result = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var nm in List(Kind.NamespaceMap, null, $"{LiqoLabels.Replication}=true,{LiqoLabels.RemoteId}"))
            if (Obj.Label(nm, LiqoLabels.RemoteClusterId) is { Length: > 0 } id) result[id] = nm;
        return result;
    }

    /// <summary>The remote namespace name of the mapping strategy (an unknown one falls back to DefaultName, as Liqo does).</summary>
    private string RemoteNamespaceName(JsonObject nsoff) => Obj.Str(nsoff, "spec", "namespaceMappingStrategy") switch
    {
        "EnforceSameName" => Obj.Ns(nsoff),
        "SelectedName" => Obj.Str(nsoff, "spec", "remoteNamespaceName") ?? "",
        _ => Obj.Ns(nsoff) + "-" + Plane.ClusterId,
    };

    /// <summary>Adds or removes the namespace in each provider's NamespaceMap; false when it could not (status is still written).</summary>
    private bool EnforceClusterSelector(JsonObject nsoff, Dictionary<string, JsonObject> maps)
    {
        var virtualNodes = List(Kind.VirtualNode);
        var missing = virtualNodes.Select(v => Obj.Str(v, "spec", "clusterID") ?? "").FirstOrDefault(id => !maps.ContainsKey(id));
        if (missing is not null)
        {
            Plane.Log($"{Name}: Failed to reconcile NamespaceOffloading \"{Obj.Ns(nsoff)}/{Obj.Name(nsoff)}\": no NamespaceMap found for remote cluster ID: {missing}");
            return false;
        }
        var selector = Obj.Object(nsoff, "spec", "clusterSelector");
        var ok = true;
        foreach (var vn in virtualNodes)
        {
            bool match;
            try
            {
                match = Matches(vn, selector);
            }
            catch (FormatException e)
            {
                Event(nsoff, "Warning", "Invalid", $"Invalid ClusterSelector: {e.Message}");
                return false;
            }
            var nm = maps[Obj.Str(vn, "spec", "clusterID") ?? ""];
            ok &= match ? AddDesiredMapping(Obj.Ns(nsoff), RemoteNamespaceName(nsoff), nm) : RemoveDesiredMapping(Obj.Ns(nsoff), nm);
        }
        return ok;
    }

    /// <summary>MatchVirtualNodeSelectorTerms: no term matches every virtual node; otherwise the labels of its Node, or of its spec.</summary>
    private bool Matches(JsonObject vn, JsonObject? selector)
    {
        if ((Obj.Array(selector, "nodeSelectorTerms")?.Count ?? 0) == 0) return true;
        IReadOnlyDictionary<string, string> labels;
        if (Get(Kind.Node, null, Obj.Name(vn)) is { } node) labels = NodeSelectors.LabelsOf(node);
        else
        {
            var fake = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (k, v) in Obj.Object(vn, "spec", "labels") ?? []) if (v is JsonValue) fake[k] = v.GetValue<string>();
            fake[LiqoLabels.RemoteClusterId] = Obj.Str(vn, "spec", "clusterID") ?? "";
            fake[LiqoLabels.StorageAvailable] = (Obj.Array(vn, "spec", "storageClasses")?.Count ?? 0) == 0 ? "true" : "false";
            labels = fake;
        }
        return NodeSelectors.Matches(selector, Obj.Name(vn), labels);
    }

    private bool AddDesiredMapping(string local, string remote, JsonObject nm)
    {
        if (Obj.Str(nm, "spec", "desiredMapping", local) == remote) return true;
        Obj.Set(nm, remote, "spec", "desiredMapping", local);
        if (Update(Kind.NamespaceMap, nm) is null) return false;
        Plane.Log($"{Name}: Entry for namespace \"{local}\" successfully added to NamespaceMap \"{Obj.Name(nm)}\"");
        return true;
    }

    private bool RemoveDesiredMapping(string local, JsonObject nm)
    {
        if (Obj.Object(nm, "spec", "desiredMapping") is not { } desired || !desired.ContainsKey(local)) return true;
        desired.Remove(local);
        if (Update(Kind.NamespaceMap, nm) is null) return false;
        Plane.Log($"{Name}: Entry for namespace \"{local}\" correctly deleted from the NamespaceMap \"{Obj.Name(nm)}\"");
        return true;
    }

    /// <summary>Sets or removes liqo.io/scheduling-enabled=true on the namespace; false when the update failed.</summary>
    private bool SchedulingLabel(string name, bool present)
    {
        if (Get(Kind.Namespace, null, name) is not { } ns) return !present;
        var has = Obj.Label(ns, LiqoLabels.SchedulingEnabled) == "true";
        if (has == present) return true;
        if (present) Obj.SetLabel(ns, LiqoLabels.SchedulingEnabled, "true");
        else Obj.Object(ns, "metadata", "labels")!.Remove(LiqoLabels.SchedulingEnabled);
        if (Update(Kind.Namespace, ns) is null) return false;
        Plane.Log($"{Name}: Liqo scheduling label successfully {(present ? "added to" : "removed from")} namespace \"{name}\"");
        return true;
    }

    /// <summary>enforceStatus: the status from the NamespaceMaps, written only when it changed.</summary>
    private void EnforceStatus(JsonObject nsoff, Dictionary<string, JsonObject> maps)
    {
        var old = Obj.Object(nsoff, "status") ?? new JsonObject();
        var conditions = Obj.Object(old, "remoteNamespacesConditions")?.DeepClone().AsObject() ?? new JsonObject();
        var names = maps.Values.Select(Obj.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var gone in conditions.Select(p => p.Key).Where(k => !names.Contains(k)).ToList()) conditions.Remove(gone);

        var ns = Obj.Ns(nsoff);
        int required = 0, ready = 0, failed = 0;
        foreach (var nm in maps.Values.OrderBy(Obj.Name, StringComparer.Ordinal))
        {
            var requested = Obj.Object(nm, "spec", "desiredMapping")?.ContainsKey(ns) == true;
            if (requested) required++;
            var phase = Obj.Str(nm, "status", "currentMapping", ns, "phase") ?? "";
            if (phase == "Accepted") ready++;
            else if (phase == "CreationLoopBackOff") failed++;
            if (Obj.Deleting(nsoff) && !requested && phase.Length == 0)
            {
                conditions.Remove(Obj.Name(nm));
                continue;
            }
            SetCondition(conditions, Obj.Name(nm), "OffloadingRequired", requested
                ? ("True", "ClusterSelected", "The remote cluster has been selected through the ClusterSelector field")
                : ("False", "ClusterNotSelected", "The remote cluster has not been selected through the ClusterSelector field"));
            if (requested || phase.Length > 0)
                SetCondition(conditions, Obj.Name(nm), "Ready", phase switch
                {
                    "Accepted" => ("True", "NamespaceCreated", "Namespace correctly offloaded to the remote cluster"),
                    "CreationLoopBackOff" => ("False", "CreationLoopBackOff", "Some problems occurred during remote namespace creation"),
                    "Terminating" => ("False", "Terminating", "The remote namespace is being deleted"),
                    _ => ("False", "Creating", "The remote namespace is being created"),
                });
        }
        var offloadingPhase = Obj.Deleting(nsoff) ? "Terminating"
            : required == 0 ? "NoClusterSelected"
            : ready == required ? "Ready"
            : failed == required ? "AllFailed"
            : failed > 0 ? "SomeFailed"
            : "InProgress";

        var status = new JsonObject();
        if (RemoteNamespaceName(nsoff) is { Length: > 0 } remoteName) status["remoteNamespaceName"] = remoteName;
        status["offloadingPhase"] = offloadingPhase;
        if (conditions.Count > 0) status["remoteNamespacesConditions"] = conditions;
        if (Obj.Generation(nsoff) != 0) status["observedGeneration"] = Obj.Generation(nsoff);
        if (JsonNode.DeepEquals(old, status)) return;
        nsoff["status"] = status;
        if (UpdateStatus(Kind.NamespaceOffloading, nsoff) is not null)
            Plane.Log($"{Name}: NamespaceOffloading \"{ns}/{Obj.Name(nsoff)}\" status correctly updated ({offloadingPhase})");
    }

    /// <summary>setRemoteCondition: replaces the condition of the type only when its status or reason changes.</summary>
    private void SetCondition(JsonObject conditions, string cluster, string type, (string Status, string Reason, string Message) c)
    {
        if (conditions[cluster] is not JsonArray list)
        {
            list = [];
            conditions[cluster] = list;
        }
        var condition = new JsonObject
        {
            ["type"] = type, ["status"] = c.Status, ["lastTransitionTime"] = Now, ["reason"] = c.Reason, ["message"] = c.Message,
        };
        var existing = list.OfType<JsonObject>().FirstOrDefault(x => Obj.Str(x, "type") == type);
        if (existing is null)
        {
            list.Add(condition);
            return;
        }
        if (Obj.Str(existing, "status") == c.Status && Obj.Str(existing, "reason") == c.Reason) return;
        list[list.IndexOf(existing)] = condition;
    }
}
