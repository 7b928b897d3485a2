using System.Text.Json.Nodes;
using Liqo.Sandbox.Liqo.Runtime;

namespace Liqo.Sandbox.Liqo.Controllers;

/// <summary>
/// The NamespaceMap controller (offloading/namespacemap-controller), on the provider: it acts on the NamespaceMaps the
/// consumers' CRD replicators wrote into their tenant namespaces here (labels liqo.io/originID, liqo.io/replicated=true).
/// Finalizer namespacemap-controller.liqo.io/finalizer; for each spec.desiredMapping entry local → remote it creates
/// namespace &lt;remote&gt; (label liqo.io/remote-cluster-id=&lt;consumer&gt;, annotations
/// liqo.io/managed-by-namespace-map=&lt;tenant namespace&gt;/&lt;map&gt; and liqo.io/original-name=&lt;local&gt;) and in it the
/// RoleBinding &lt;tenant namespace&gt; that binds ClusterRole liqo-virtual-kubelet-remote to the consumer's group
/// (its cluster ID: the Organization of the consumer's certificates); status.currentMapping[local] is
/// {remoteNamespace, phase Accepted}, or CreationLoopBackOff when the namespace cannot be created or exists without
/// this map's annotation. An entry no longer desired (or every entry, once the map is deleted) has its namespace deleted
/// (phase Terminating until it is gone, then the entry goes); the finalizer goes with the last entry. The CRD
/// replicator copies the status back to the consumer's NamespaceMap. Knob
/// <see cref="LiqoOptions.RemoteNamespaceCreationFailing"/> refuses the namespace creates.
/// </summary>
internal sealed class NamespaceMapController(LiqoControlPlane plane) : LiqoController(plane)
{
    public override string Name => "namespacemap";

    protected override void Reconcile()
    {
        foreach (var listed in List(Kind.NamespaceMap, null, $"{LiqoLabels.OriginId},{LiqoLabels.Replicated}=true"))
        {
            var nm = listed;
            var finalizers = ApiServer.ObjectMeta.Finalizers(nm);
            var status = Obj.Object(nm, "status")?.DeepClone().AsObject() ?? new JsonObject();
            var before = status.DeepClone();
            var current = ApiServer.ServerJson.Ensure(status, "currentMapping");
            if (Obj.Deleting(nm))
            {
                if (!finalizers.Contains(LiqoLabels.NamespaceMapFinalizer)) continue;
                EnsureDeletions(nm, current);
                if (current.Count == 0) status.Remove("currentMapping");
                if (!JsonNode.DeepEquals(before, status))
                {
                    nm["status"] = status;
                    nm = UpdateStatus(Kind.NamespaceMap, nm) ?? nm;
                }
                if (current.Count > 0) continue;
                ApiServer.ObjectMeta.SetFinalizers(nm, finalizers.Where(f => f != LiqoLabels.NamespaceMapFinalizer));
                Update(Kind.NamespaceMap, nm);
                continue;
            }
            if (!finalizers.Contains(LiqoLabels.NamespaceMapFinalizer))
            {
                ApiServer.ObjectMeta.SetFinalizers(nm, [.. finalizers, LiqoLabels.NamespaceMapFinalizer]);
                Update(Kind.NamespaceMap, nm);
                continue;
            }
            foreach (var (origin, remote) in Obj.Object(nm, "spec", "desiredMapping") ?? [])
            {
                if (remote?.GetValue<string>() is not { Length: > 0 } remoteName) continue;
                if (!Due(nm, "namespace/" + origin)) continue;
                var (ignorable, error) = CreateNamespace(remoteName, origin, nm);
                var phase = "Accepted";
                if (error is not null)
                {
                    var previous = Obj.Str(current, origin, "phase");
                    if (!ignorable || previous != "Accepted") phase = "CreationLoopBackOff";
                    Plane.Log($"{Name}: Namespace enforcement failure: {error}");
                }
                current[origin] = new JsonObject { ["remoteNamespace"] = remoteName, ["phase"] = phase };
            }
            EnsureDeletions(nm, current);
            if (current.Count == 0) status.Remove("currentMapping");
            if (JsonNode.DeepEquals(before, status)) continue;
            nm["status"] = status;
            UpdateStatus(Kind.NamespaceMap, nm);
        }
    }

    private static string MapId(JsonObject nm) => $"{Obj.Ns(nm)}/{Obj.Name(nm)}";

    /// <summary>Ensures the remote namespace and its RoleBinding; the error (null on success) and whether it may be ignored when the mapping was Accepted before.</summary>
    private (bool Ignorable, string? Error) CreateNamespace(string name, string originName, JsonObject nm)
    {
        var origin = Obj.Label(nm, LiqoLabels.OriginId) ?? "";
        var id = MapId(nm);
        var ns = Get(Kind.Namespace, null, name);
        if (ns is null)
        {
            if (Options.RemoteNamespaceCreationFailing)
                return (false, $"failed to create namespace \"{name}\": namespaces \"{name}\" is forbidden: the sandbox refuses remote namespaces (--fail remote-namespace-failing)");
            ns = Create(Kind.Namespace, null, new JsonObject
            {
                ["metadata"] = new JsonObject
                {
                    ["name"] = name,
                    ["annotations"] = new JsonObject { [LiqoLabels.ManagedByNamespaceMap] = id, [LiqoLabels.OriginalName] = originName },
                    ["labels"] = new JsonObject { [LiqoLabels.RemoteClusterId] = origin },
                },
            }) ?? Get(Kind.Namespace, null, name);
            if (ns is null) return (false, $"failed to create namespace \"{name}\"");
            Plane.Log($"{Name}: Namespace \"{name}\" successfully created");
        }
        if (Obj.Annotation(ns, LiqoLabels.ManagedByNamespaceMap) != id)
            return (false, $"namespace \"{name}\" already exists and it is not managed by NamespaceMap \"{id}\"");

        var bindingName = Obj.Ns(nm);
        var binding = Get(Kind.RoleBinding, name, bindingName);
        if (binding is null)
        {
            binding = Create(Kind.RoleBinding, name, new JsonObject
            {
                ["metadata"] = new JsonObject
                {
                    ["name"] = bindingName,
                    ["namespace"] = name,
                    ["annotations"] = new JsonObject { [LiqoLabels.ManagedByNamespaceMap] = id },
                    ["labels"] = new JsonObject { [LiqoLabels.ManagedBy] = "liqo", [LiqoLabels.RemoteClusterId] = origin },
                },
                ["subjects"] = new JsonArray(new JsonObject { ["apiGroup"] = "rbac.authorization.k8s.io", ["kind"] = "Group", ["name"] = origin }),
                ["roleRef"] = new JsonObject
                {
                    ["apiGroup"] = "rbac.authorization.k8s.io", ["kind"] = "ClusterRole", ["name"] = LiqoLabels.VirtualKubeletRemoteClusterRole,
                },
            });
            return binding is null ? (true, $"failed to enforce role binding \"{name}/{bindingName}\"") : (true, null);
        }
        if (Obj.Annotation(binding, LiqoLabels.ManagedByNamespaceMap) == id && Obj.Label(binding, LiqoLabels.ManagedBy) == "liqo"
            && Obj.Label(binding, LiqoLabels.RemoteClusterId) == origin)
            return (true, null);
        Obj.SetAnnotation(binding, LiqoLabels.ManagedByNamespaceMap, id);
        Obj.SetLabel(binding, LiqoLabels.ManagedBy, "liqo");
        Obj.SetLabel(binding, LiqoLabels.RemoteClusterId, origin);
        return Update(Kind.RoleBinding, binding) is null ? (true, $"failed to enforce role binding \"{name}/{bindingName}\"") : (true, null);
    }

    /// <summary>Deletes the namespaces of entries no longer desired (all of them when the map is being deleted).</summary>
    private void EnsureDeletions(JsonObject nm, JsonObject current)
    {
        var desired = Obj.Object(nm, "spec", "desiredMapping");
        foreach (var (origin, entry) in current.ToList())
        {
            if (desired?.ContainsKey(origin) == true && !Obj.Deleting(nm)) continue;
            var remoteName = Obj.Str(entry as JsonObject, "remoteNamespace") ?? "";
            var ns = remoteName.Length > 0 ? Get(Kind.Namespace, null, remoteName) : null;
            var existing = ns is not null && Obj.Annotation(ns, LiqoLabels.ManagedByNamespaceMap) == MapId(nm);
            if (ns is not null && !existing) Plane.Log($"{Name}: Namespace \"{remoteName}\" is not associated with NamespaceMap \"{MapId(nm)}\"");
            if (existing && !Obj.Deleting(ns!))
            {
                Delete(Kind.Namespace, null, remoteName);
                Plane.Log($"{Name}: Namespace \"{remoteName}\" correctly marked for termination");
            }
            if (existing) current[origin] = new JsonObject { ["remoteNamespace"] = remoteName, ["phase"] = "Terminating" };
            else current.Remove(origin);
        }
    }
}
