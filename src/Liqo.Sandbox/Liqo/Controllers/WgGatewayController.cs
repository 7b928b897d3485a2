using System.Text.Json.Nodes;
using Liqo.Sandbox.Liqo.Crypto;
using Liqo.Sandbox.Liqo.Runtime;

namespace Liqo.Sandbox.Liqo.Controllers;

/// <summary>
/// What the WireGuard gateway server and client controllers share (wireguard/wggateway*_controller.go): the key Secret
/// gw-&lt;name&gt; with a real X25519 key pair (unless spec.secretRef names an existing Secret), the Deployment
/// gw-&lt;name&gt; from spec.deployment, and status.secretRef / status.internalEndpoint.
/// </summary>
internal abstract class WgGatewayController(LiqoControlPlane plane) : LiqoController(plane)
{
    protected abstract Kind WgKind { get; }

    protected override void Reconcile()
    {
        foreach (var wg in List(WgKind))
        {
            if (Obj.Deleting(wg)) continue;
            var ns = Obj.Ns(wg);
            var name = "gw-" + Obj.Name(wg);
            var status = Obj.Object(wg, "status")?.DeepClone().AsObject() ?? new JsonObject();

            var secret = EnsureKeys(wg, ns, name);
            if (secret is not null)
                status["secretRef"] = new JsonObject
                {
                    ["apiVersion"] = "v1", ["kind"] = "Secret", ["name"] = Obj.Name(secret), ["namespace"] = ns, ["uid"] = Obj.Uid(secret),
                };

            var deployment = EnsureDeployment(wg, ns, name);
            ReconcileExtra(wg, ns, name, status);

            var ready = (Obj.Long(deployment, "status", "readyReplicas") ?? 0) > 0;
            if (ready)
            {
                var stable = (uint)Obj.Uid(wg).Aggregate(17, (h, c) => unchecked(h * 31 + c)) % 250;
                status["internalEndpoint"] = new JsonObject
                {
                    ["ip"] = SimulatedCidr.Parse("10.80.0.0/16")!.Value.AddressAt(2 + stable),
                    ["node"] = Plane.ClusterName + "-control-plane",
                };
            }
            if (!JsonNode.DeepEquals(Obj.Object(wg, "status") ?? new JsonObject(), status))
            {
                wg["status"] = status;
                UpdateStatus(WgKind, wg);
            }
        }
    }

    /// <summary>Server: the Service and status.endpoint.</summary>
    protected virtual void ReconcileExtra(JsonObject wg, string ns, string name, JsonObject status)
    {
    }

    private JsonObject? EnsureKeys(JsonObject wg, string ns, string name)
    {
        if (Obj.Str(wg, "spec", "secretRef", "name") is { Length: > 0 } given && Get(Kind.Secret, ns, given) is { } provided) return provided;
        var existing = Get(Kind.Secret, ns, name);
        if (existing is not null) return existing;
        if (!Due(wg, "keys")) return null;
        var keys = WireGuardKeys.Generate();
        return Create(Kind.Secret, ns, new JsonObject
        {
            ["metadata"] = new JsonObject
            {
                ["name"] = name,
                ["namespace"] = ns,
                ["labels"] = new JsonObject
                {
                    [LiqoLabels.RemoteClusterId] = Obj.Label(wg, LiqoLabels.RemoteClusterId) ?? "",
                    [LiqoLabels.GatewayResource] = "true",
                },
                ["ownerReferences"] = new JsonArray(Obj.OwnerRef(wg, controller: true)),
            },
            ["type"] = "Opaque",
            ["data"] = new JsonObject
            {
                ["privateKey"] = Convert.ToBase64String(keys.PrivateKey),
                ["publicKey"] = Convert.ToBase64String(keys.PublicKey),
            },
        });
    }

    private JsonObject? EnsureDeployment(JsonObject wg, string ns, string name)
    {
        var template = Obj.Object(wg, "spec", "deployment");
        var spec = Obj.Object(template, "spec")?.DeepClone().AsObject();
        if (spec is null) return null;
        var existing = Get(Kind.Deployment, ns, name);
        if (existing is not null)
        {
            if (Obj.OwnedBy(existing, Obj.Uid(wg)) && !JsonNode.DeepEquals(Obj.Object(existing, "spec", "template"), spec["template"]))
            {
                existing["spec"] = spec;
                existing = Update(Kind.Deployment, existing) ?? existing;
            }
            return existing;
        }
        if (!Due(wg, "deployment")) return null;
        var labels = Obj.Object(template, "metadata", "labels")?.DeepClone().AsObject() ?? new JsonObject();
        labels[LiqoLabels.RemoteClusterId] = Obj.Label(wg, LiqoLabels.RemoteClusterId) ?? "";
        return Create(Kind.Deployment, ns, new JsonObject
        {
            ["metadata"] = new JsonObject
            {
                ["name"] = name,
                ["namespace"] = ns,
                ["labels"] = labels,
                ["ownerReferences"] = new JsonArray(Obj.OwnerRef(wg, controller: true)),
            },
            ["spec"] = spec,
        });
    }
}
