using System.Text.Json.Nodes;
using Liqo.Sandbox.Liqo.Runtime;

namespace Liqo.Sandbox.Liqo.Controllers;

/// <summary>
/// The virtual-node creator (virtualnodecreator_controller.go), on the consumer: a local ResourceSlice annotated
/// liqo.io/create-virtual-node (not "false") with both conditions Accepted and a ResourceSlice Identity that has its
/// kubeconfig Secret gets the VirtualNode &lt;slice&gt; (controller-owned by the slice) with the accepted resources.
/// </summary>
internal sealed class VirtualNodeCreatorController(LiqoControlPlane plane) : LiqoController(plane)
{
    public override string Name => "virtualnodecreator";

    protected override void Reconcile()
    {
        foreach (var rs in List(Kind.ResourceSlice, null, LiqoLabels.Replication + "=true"))
        {
            if (Obj.Deleting(rs)) continue;
            var annotation = Obj.Annotation(rs, LiqoLabels.CreateVirtualNodeAnnotation);
            if (string.IsNullOrEmpty(annotation) || annotation.Equals("false", StringComparison.OrdinalIgnoreCase)) continue;
            var conditions = Obj.Array(rs, "status", "conditions");
            if (!Accepted(conditions, "Authentication") || !Accepted(conditions, "Resources")) continue;
            if (Obj.Label(rs, LiqoLabels.RemoteClusterId) is not { Length: > 0 } provider) continue;
            var identities = List(Kind.Identity, null, $"{LiqoLabels.RemoteClusterId}={provider},{LiqoLabels.ResourceSliceName}={Obj.Name(rs)}");
            if (identities.Count != 1 || Obj.Str(identities[0], "status", "kubeconfigSecretRef", "name") is not { Length: > 0 } secretName) continue;
            if (Get(Kind.Secret, Obj.Ns(identities[0]), secretName) is null) continue;

            var labels = new JsonObject { [LiqoLabels.RemoteClusterId] = provider };
            foreach (var (k, v) in Obj.Object(rs, "status", "nodeLabels") ?? []) labels[k] = v?.DeepClone();
            var vn = Get(Kind.VirtualNode, Obj.Ns(rs), Obj.Name(rs));
            var desired = vn?["spec"]?.DeepClone().AsObject() ?? new JsonObject();
            desired["clusterID"] = provider;
            desired["kubeconfigSecretRef"] = new JsonObject { ["name"] = secretName };
            desired["resourceQuota"] = new JsonObject { ["hard"] = Obj.Object(rs, "status", "resources")?.DeepClone() ?? new JsonObject() };
            desired["labels"] = labels;
            foreach (var f in new[] { "storageClasses", "ingressClasses", "loadBalancerClasses" })
                if (Obj.Array(rs, "status", f) is { Count: > 0 } classes) desired[f] = classes.DeepClone();
            if (Obj.Object(rs, "status", "nodeSelector") is { Count: > 0 } selector)
                desired["offloadingPatch"] = new JsonObject { ["nodeSelector"] = selector.DeepClone() };

            if (vn is null)
            {
                if (!Due(rs, "virtualnode")) continue;
                if (Create(Kind.VirtualNode, Obj.Ns(rs), new JsonObject
                {
                    ["metadata"] = new JsonObject
                    {
                        ["name"] = Obj.Name(rs),
                        ["namespace"] = Obj.Ns(rs),
                        ["labels"] = new JsonObject
                        {
                            [LiqoLabels.RemoteClusterId] = provider,
                            [LiqoLabels.ResourceSliceName] = Obj.Name(rs),
                        },
                        ["ownerReferences"] = new JsonArray(Obj.OwnerRef(rs, controller: true)),
                    },
                    ["spec"] = desired,
                }) is not null)
                    Event(rs, "Normal", "VirtualNodeCreated", "VirtualNode created for resourceslice");
            }
            else if (Obj.OwnedBy(vn, Obj.Uid(rs)) && !Obj.Deleting(vn) && !JsonNode.DeepEquals(vn["spec"], desired))
            {
                vn["spec"] = desired;
                Update(Kind.VirtualNode, vn);
            }
        }
    }

    private static bool Accepted(JsonArray? conditions, string type) =>
        Obj.Condition(conditions, type) is { } c && ApiServer.ServerJson.Str(c, "status") == "Accepted";
}
