using System.Text.Json.Nodes;
using Liqo.Sandbox.Liqo.Install;
using Liqo.Sandbox.Liqo.Runtime;

namespace Liqo.Sandbox.Liqo.Controllers;

/// <summary>
/// The virtual kubelet of each VirtualNode with createNode (pkg/virtualKubelet/liqoNodeProvider): once its pod in
/// vk-&lt;name&gt; is Ready it registers Node &lt;name&gt;: Ready, role agent, Liqo's labels (liqo.io/type=virtual-node,
/// liqo.io/remote-cluster-id, ...), the taint virtual-node.liqo.io/not-allowed=true:NoExecute, the slice's resources as
/// capacity and the Liqo version as kubelet version.
/// </summary>
internal sealed class VirtualKubeletController(LiqoControlPlane plane) : LiqoController(plane)
{
    public override string Name => "virtual-kubelet";
    public override string Component => "virtual-kubelet";

    protected override void Reconcile()
    {
        foreach (var vn in List(Kind.VirtualNode))
        {
            if (Obj.Deleting(vn)) continue;
            if (Obj.At(vn, "spec", "createNode") is JsonValue cn && cn.TryGetValue<bool>(out var create) && !create) continue;
            var vk = Get(Kind.Deployment, Obj.Ns(vn), "vk-" + Obj.Name(vn));
            if ((Obj.Long(vk, "status", "readyReplicas") ?? 0) == 0) continue;
            var name = Obj.Name(vn);
            var clusterId = Obj.Str(vn, "spec", "clusterID") ?? "";
            var labels = new JsonObject
            {
                ["alpha.service-controller.kubernetes.io/exclude-balancer"] = "true",
                ["beta.kubernetes.io/os"] = "linux",
                ["kubernetes.io/arch"] = "amd64",
                ["kubernetes.io/hostname"] = name,
                ["kubernetes.io/os"] = "linux",
                ["kubernetes.io/role"] = "agent",
                [LiqoLabels.RemoteClusterId] = clusterId,
                [LiqoLabels.Type] = "virtual-node",
                ["node.kubernetes.io/exclude-from-external-load-balancers"] = "true",
            };
            foreach (var (k, v) in Obj.Object(vn, "spec", "labels") ?? []) labels[k] = v?.DeepClone();
            var hard = Obj.Object(vn, "spec", "resourceQuota", "hard")?.DeepClone().AsObject() ?? new JsonObject();
            var capacity = new JsonObject();
            foreach (var (k, v) in hard.OrderBy(p => p.Key, StringComparer.Ordinal)) capacity[k] = v is JsonValue jv && jv.GetValueKind() == System.Text.Json.JsonValueKind.Number ? jv.ToJsonString() : v?.DeepClone();
            var node = Get(Kind.Node, null, name);
            if (node is null)
            {
                if (!Due(vn, "register")) continue;
                Create(Kind.Node, null, new JsonObject
                {
                    ["metadata"] = new JsonObject { ["name"] = name, ["labels"] = labels },
                    ["spec"] = new JsonObject
                    {
                        ["taints"] = new JsonArray(new JsonObject { ["key"] = "virtual-node.liqo.io/not-allowed", ["value"] = "true", ["effect"] = "NoExecute" }),
                    },
                    ["status"] = new JsonObject
                    {
                        ["addresses"] = new JsonArray(new JsonObject { ["type"] = "InternalIP", ["address"] = Plane.Fabric.NodeAddress(Plane.ClusterName) }),
                        ["allocatable"] = capacity.DeepClone(),
                        ["capacity"] = capacity,
                        ["conditions"] = new JsonArray(
                            LiqoInstaller.NodeCondition("Ready", "True", "KubeletReady", "The Liqo Virtual Kubelet is posting ready status"),
                            LiqoInstaller.NodeCondition("MemoryPressure", "False", "KubeletHasSufficientMemory", "The remote cluster has sufficient memory available"),
                            LiqoInstaller.NodeCondition("DiskPressure", "False", "KubeletHasNoDiskPressure", "The remote cluster has no disk pressure"),
                            LiqoInstaller.NodeCondition("PIDPressure", "False", "KubeletHasSufficientPID", "The remote cluster has sufficient PIDs available"),
                            LiqoInstaller.NodeCondition("NetworkUnavailable", "False", "LiqoNetworkingUp", "The Liqo cluster interconnection is established")),
                        ["nodeInfo"] = new JsonObject
                        {
                            ["architecture"] = "amd64",
                            ["kubeletVersion"] = Options.LiqoVersion,
                            ["operatingSystem"] = "linux",
                        },
                    },
                });
            }
            else if (Obj.Label(node, LiqoLabels.Type) == "virtual-node" && !JsonNode.DeepEquals(Obj.Object(node, "status", "capacity"), capacity))
            {
                Obj.Set(node, capacity.DeepClone(), "status", "allocatable");
                Obj.Set(node, capacity, "status", "capacity");
                UpdateStatus(Kind.Node, node);
            }
        }
    }
}
