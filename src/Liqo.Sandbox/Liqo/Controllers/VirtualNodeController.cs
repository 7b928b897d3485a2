using System.Text.Json.Nodes;
using Liqo.Sandbox.Liqo.Runtime;

namespace Liqo.Sandbox.Liqo.Controllers;

/// <summary>
/// The virtual-node controller (offloading/virtualnode-controller), on the consumer: finalizer
/// virtualnode-controller.liqo.io/finalizer, the virtual-kubelet Deployment vk-&lt;name&gt; from spec.template, and the
/// VirtualKubelet / Node conditions (Creating → Running). On deletion it drains: deletes the Node and the Deployment,
/// then removes its finalizer. Each live VirtualNode has the NamespaceMap &lt;provider cluster ID&gt; in the provider's
/// tenant namespace (virtualnode-controller/namespacemap.go: labels liqo.io/remote-cluster-id, liqo.io/replication=true,
/// liqo.io/remoteID), which the CRD replicator carries to the provider; deleting the last VirtualNode of a provider
/// deletes it. Liqo issues that delete and lets the VirtualNode go; here the finalizer also waits until the NamespaceMap
/// is gone while the provider answers, so that an unpeer deleting the control-plane Identity right after the virtual
/// nodes never strands remote namespaces on the provider. Offloaded pods are not simulated, so the drain has nothing to evict and never needs the
/// provider: the virtual node goes whether the provider is alive, unreachable or declared dead, as in Liqo with an empty
/// node (Liqo evicts offloaded pods, or force-deletes them when the provider is dead).
/// </summary>
internal sealed class VirtualNodeController(LiqoControlPlane plane) : LiqoController(plane)
{
    public override string Name => "virtualnode";

    protected override void Reconcile()
    {
        foreach (var vn in List(Kind.VirtualNode))
        {
            var ns = Obj.Ns(vn);
            var name = Obj.Name(vn);
            var deploymentName = "vk-" + name;
            var finalizers = ApiServer.ObjectMeta.Finalizers(vn);
            if (Obj.Deleting(vn))
            {
                if (!finalizers.Contains(LiqoLabels.VirtualNodeFinalizer)) continue;
                var node = Get(Kind.Node, null, name);
                var deployment = Get(Kind.Deployment, ns, deploymentName);
                if (node is not null && Obj.Label(node, LiqoLabels.Type) == "virtual-node") Delete(Kind.Node, null, name);
                if (deployment is not null) Delete(Kind.Deployment, ns, deploymentName);
                if ((node is not null && Obj.Label(node, LiqoLabels.Type) == "virtual-node") || deployment is not null)
                {
                    SetConditions(vn, "Deleting", node is not null ? "Deleting" : "None");
                    continue;
                }
                if (!Due(vn, "drain")) continue;
                if (!EnsureNamespaceMapAbsence(vn)) continue;
                ApiServer.ObjectMeta.SetFinalizers(vn, finalizers.Where(f => f != LiqoLabels.VirtualNodeFinalizer));
                Update(Kind.VirtualNode, vn);
                continue;
            }
            if (!finalizers.Contains(LiqoLabels.VirtualNodeFinalizer))
            {
                ApiServer.ObjectMeta.SetFinalizers(vn, [.. finalizers, LiqoLabels.VirtualNodeFinalizer]);
                Update(Kind.VirtualNode, vn);
                continue;
            }
            var template = Obj.Object(vn, "spec", "template");
            var vk = Get(Kind.Deployment, ns, deploymentName);
            if (vk is null && template is not null)
            {
                if (!Due(vn, "virtual-kubelet")) continue;
                var labels = Obj.Object(template, "metadata", "labels")?.DeepClone().AsObject() ?? new JsonObject();
                labels[LiqoLabels.RemoteClusterId] = Obj.Str(vn, "spec", "clusterID") ?? "";
                vk = Create(Kind.Deployment, ns, new JsonObject
                {
                    ["metadata"] = new JsonObject
                    {
                        ["name"] = deploymentName,
                        ["namespace"] = ns,
                        ["labels"] = labels,
                        ["ownerReferences"] = new JsonArray(Obj.OwnerRef(vn, controller: true)),
                    },
                    ["spec"] = Obj.Object(template, "spec")?.DeepClone(),
                });
            }
            EnsureNamespaceMapPresence(vn);
            var vkReady = (Obj.Long(vk, "status", "readyReplicas") ?? 0) > 0;
            var createNode = Obj.At(vn, "spec", "createNode") is not JsonValue cn || !cn.TryGetValue<bool>(out var b) || b;
            var nodeObj = Get(Kind.Node, null, name);
            var nodeReady = nodeObj is not null && Obj.Condition(Obj.Array(nodeObj, "status", "conditions"), "Ready") is { } r
                && ApiServer.ServerJson.Str(r, "status") == "True";
            SetConditions(vn, vkReady ? "Running" : "Creating", !createNode ? "None" : nodeReady ? "Running" : "Creating");
        }
    }

    private void SetConditions(JsonObject vn, string virtualKubelet, string node)
    {
        var status = Obj.Object(vn, "status")?.DeepClone().AsObject() ?? new JsonObject();
        var changed = false;
        foreach (var (type, value) in new[] { ("VirtualKubelet", virtualKubelet), ("Node", node) })
        {
            var conditions = ApiServer.ServerJson.Arr(status, "conditions");
            var existing = Obj.Condition(conditions, type);
            if (existing is not null && ApiServer.ServerJson.Str(existing, "status") == value) continue;
            changed = true;
            Obj.SetCondition(status, "conditions", type, value, null, null, Now);
        }
        if (!changed) return;
        vn["status"] = status;
        UpdateStatus(Kind.VirtualNode, vn);
    }

    private void EnsureNamespaceMapPresence(JsonObject vn)
    {
        if (Obj.Str(vn, "spec", "clusterID") is not { Length: > 0 } provider) return;
        var selector = $"{LiqoLabels.RemoteClusterId}={provider},{LiqoLabels.Replication}=true,{LiqoLabels.RemoteId}={provider}";
        if (List(Kind.NamespaceMap, null, selector).Count > 0) return;
        if (TenantNamespaces.Find(Plane, provider) is not { } tenant) return;
        if (Create(Kind.NamespaceMap, Obj.Name(tenant), new JsonObject
        {
            ["metadata"] = new JsonObject
            {
                ["name"] = provider,
                ["namespace"] = Obj.Name(tenant),
                ["labels"] = new JsonObject
                {
                    [LiqoLabels.RemoteClusterId] = provider,
                    [LiqoLabels.Replication] = "true",
                    [LiqoLabels.RemoteId] = provider,
                },
            },
        }) is not null)
            Plane.Log($"{Name}: NamespaceMap {Obj.Name(tenant)}/{provider} created for VirtualNode {Obj.Ns(vn)}/{Obj.Name(vn)}");
    }

    /// <summary>Deletes the provider's NamespaceMap with its last VirtualNode; true once the VirtualNode may go.</summary>
    private bool EnsureNamespaceMapAbsence(JsonObject vn)
    {
        if (Obj.Str(vn, "spec", "clusterID") is not { Length: > 0 } provider) return true;
        var others = List(Kind.VirtualNode).Count(v => Obj.Str(v, "spec", "clusterID") == provider && Obj.Uid(v) != Obj.Uid(vn));
        if (others > 0) return true;
        var maps = List(Kind.NamespaceMap, null, $"{LiqoLabels.RemoteId}={provider}");
        foreach (var nm in maps.Where(m => !Obj.Deleting(m)))
        {
            Delete(Kind.NamespaceMap, Obj.Ns(nm), Obj.Name(nm));
            Plane.Log($"{Name}: Ensured NamespaceMap {Obj.Ns(nm)}/{Obj.Name(nm)} absence");
        }
        return maps.Count == 0 || !(Plane.RemoteApiReachable.TryGetValue(provider, out var reachable) && reachable)
            || (Get(Kind.ForeignCluster, null, provider) is { } fc && ForeignClusterLiveness.IsDead(fc, out _));
    }
}
