using System.Text.Json.Nodes;
using Liqo.Sandbox.Liqo.Crypto;
using Liqo.Sandbox.Liqo.Runtime;

namespace Liqo.Sandbox.Liqo.Controllers;

/// <summary>
/// The quota creator (quotacreator_controller.go), on the provider: a replicated ResourceSlice whose resources are
/// accepted gets an offloading.liqo.io Quota named after the slice's user (the CSR common name), controller-owned by the
/// slice (so it goes away with it), with the accepted resources.
/// </summary>
internal sealed class QuotaCreatorController(LiqoControlPlane plane) : LiqoController(plane)
{
    public override string Name => "quotacreator";

    protected override void Reconcile()
    {
        foreach (var rs in List(Kind.ResourceSlice, null, LiqoLabels.Replicated + "=true"))
        {
            if (Obj.Deleting(rs)) continue;
            var resources = Obj.Object(rs, "status", "resources");
            var accepted = Obj.Condition(Obj.Array(rs, "status", "conditions"), "Resources") is { } c
                && ApiServer.ServerJson.Str(c, "status") == "Accepted";
            if (!accepted || resources is null || Obj.Str(rs, "spec", "consumerClusterID") is not { } consumer) continue;
            var user = CertificateRequests.ResourceSliceCommonName(Obj.Name(rs), consumer);
            var spec = new JsonObject
            {
                ["user"] = user,
                ["resources"] = resources.DeepClone(),
                ["limitsEnforcement"] = "None",
                ["cordoned"] = Obj.Annotation(rs, LiqoLabels.CordonTenantAnnotation) == "true" || Obj.Annotation(rs, LiqoLabels.CordonAnnotation) == "true",
            };
            var quota = Get(Kind.Quota, Obj.Ns(rs), user);
            if (quota is null)
            {
                if (!Due(rs, "quota")) continue;
                Create(Kind.Quota, Obj.Ns(rs), new JsonObject
                {
                    ["metadata"] = new JsonObject
                    {
                        ["name"] = user,
                        ["namespace"] = Obj.Ns(rs),
                        ["labels"] = new JsonObject { [LiqoLabels.RemoteClusterId] = consumer },
                        ["ownerReferences"] = new JsonArray(Obj.OwnerRef(rs, controller: true)),
                    },
                    ["spec"] = spec,
                });
            }
            else if (!JsonNode.DeepEquals(Obj.Object(quota, "spec"), spec))
            {
                quota["spec"] = spec;
                Update(Kind.Quota, quota);
            }
        }
    }
}
