using System.Text;
using System.Text.Json.Nodes;
using Liqo.Sandbox.Liqo.Runtime;

namespace Liqo.Sandbox.Liqo.Controllers;

/// <summary>
/// The identity controller (identity-controller/identity_controller.go), on the consumer: an Identity with authParams
/// gets Secret kubeconfig-&lt;identity&gt; (controller-owned; labels liqo.io/remote-cluster-id and liqo.io/identity-type,
/// annotation liqo.io/remote-tenant-namespace for ControlPlane identities) holding a kubeconfig that authenticates to the
/// provider with the issued certificate and this cluster's private key, and status.kubeconfigSecretRef.
/// </summary>
internal sealed class IdentityController(LiqoControlPlane plane) : LiqoController(plane)
{
    public override string Name => "identity";

    protected override void Reconcile()
    {
        foreach (var identity in List(Kind.Identity))
        {
            if (Obj.Deleting(identity)) continue;
            var auth = Obj.Object(identity, "spec", "authParams");
            if (auth is null || Plane.Keys is not { } keys) continue;
            var ns = Obj.Ns(identity);
            var name = "kubeconfig-" + Obj.Name(identity);
            var clusterId = Obj.Str(identity, "spec", "clusterID") ?? "";
            var remoteNs = Obj.Str(identity, "spec", "namespace");
            var kubeconfig = LiqoKubeconfig.Build(Obj.Name(identity), clusterId, Obj.Str(auth, "apiServer") ?? "",
                Obj.Bytes(auth, "ca") ?? [], Obj.Bytes(auth, "signedCRT") ?? [], keys.PrivateKeyPem, Obj.Str(auth, "proxyURL"), remoteNs);
            var data = Convert.ToBase64String(Encoding.UTF8.GetBytes(kubeconfig));
            var labels = new JsonObject
            {
                [LiqoLabels.RemoteClusterId] = clusterId,
                [LiqoLabels.IdentityType] = Obj.Str(identity, "spec", "type") ?? "",
            };
            var secret = Get(Kind.Secret, ns, name);
            if (secret is null)
            {
                if (!Due(identity, "kubeconfig")) continue;
                var meta = new JsonObject
                {
                    ["name"] = name,
                    ["namespace"] = ns,
                    ["labels"] = labels,
                    ["ownerReferences"] = new JsonArray(Obj.OwnerRef(identity, controller: true)),
                };
                if (!string.IsNullOrEmpty(remoteNs))
                    meta["annotations"] = new JsonObject { [LiqoLabels.RemoteTenantNamespaceAnnotation] = remoteNs };
                secret = Create(Kind.Secret, ns, new JsonObject { ["metadata"] = meta, ["type"] = "Opaque", ["data"] = new JsonObject { ["kubeconfig"] = data } });
                if (secret is null) continue;
            }
            else if (Obj.Str(secret, "data", "kubeconfig") != data && Obj.OwnedBy(secret, Obj.Uid(identity)))
            {
                Obj.Set(secret, data, "data", "kubeconfig");
                secret = Update(Kind.Secret, secret) ?? secret;
            }
            if (Obj.Str(identity, "status", "kubeconfigSecretRef", "name") != name)
            {
                Obj.Set(identity, new JsonObject { ["name"] = name }, "status", "kubeconfigSecretRef");
                UpdateStatus(Kind.Identity, identity);
            }
        }
    }
}
