using System.Text.Json.Nodes;
using Liqo.Sandbox.Liqo.Runtime;

namespace Liqo.Sandbox.Liqo.Controllers;

/// <summary>
/// The identity creator (identitycreator_controller.go), on the consumer: a local ResourceSlice whose authentication is
/// Accepted gets the Identity resourceslice-&lt;slice&gt; (type ResourceSlice, the slice's authParams, controller-owned by
/// the slice); it is deleted when the authentication becomes Denied.
/// </summary>
internal sealed class IdentityCreatorController(LiqoControlPlane plane) : LiqoController(plane)
{
    public override string Name => "identitycreator";

    protected override void Reconcile()
    {
        foreach (var rs in List(Kind.ResourceSlice, null, LiqoLabels.Replication + "=true"))
        {
            if (Obj.Deleting(rs)) continue;
            var name = "resourceslice-" + Obj.Name(rs);
            var auth = Obj.Condition(Obj.Array(rs, "status", "conditions"), "Authentication");
            var status = auth is null ? null : ApiServer.ServerJson.Str(auth, "status");
            var existing = Get(Kind.Identity, Obj.Ns(rs), name);
            if (status == "Denied")
            {
                if (existing is not null && Obj.OwnedBy(existing, Obj.Uid(rs))) Delete(Kind.Identity, Obj.Ns(rs), name);
                continue;
            }
            var authParams = Obj.Object(rs, "status", "authParams");
            if (status != "Accepted" || authParams is null) continue;
            var provider = Obj.Label(rs, LiqoLabels.RemoteClusterId) ?? Obj.Str(rs, "spec", "providerClusterID") ?? "";
            var spec = new JsonObject { ["clusterID"] = provider, ["type"] = "ResourceSlice", ["authParams"] = authParams.DeepClone() };
            if (existing is null)
            {
                if (!Due(rs, "identity")) continue;
                Create(Kind.Identity, Obj.Ns(rs), new JsonObject
                {
                    ["metadata"] = new JsonObject
                    {
                        ["name"] = name,
                        ["namespace"] = Obj.Ns(rs),
                        ["labels"] = new JsonObject
                        {
                            [LiqoLabels.RemoteClusterId] = provider,
                            [LiqoLabels.ResourceSliceName] = Obj.Name(rs),
                        },
                        ["ownerReferences"] = new JsonArray(Obj.OwnerRef(rs, controller: true)),
                    },
                    ["spec"] = spec,
                });
            }
            else if (Obj.OwnedBy(existing, Obj.Uid(rs)) && !JsonNode.DeepEquals(Obj.Object(existing, "spec"), spec))
            {
                existing["spec"] = spec;
                Update(Kind.Identity, existing);
            }
        }
    }
}
