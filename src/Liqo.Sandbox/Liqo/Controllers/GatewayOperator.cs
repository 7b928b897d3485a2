using System.Text.Json.Nodes;
using Liqo.Sandbox.Liqo.Runtime;

namespace Liqo.Sandbox.Liqo.Controllers;

/// <summary>
/// What the server and client operators share: find the template a GatewayServer/GatewayClient references, render it
/// with the gateway's values, and keep the resulting WgGateway object (same name, controller-owned) up to date.
/// </summary>
internal abstract class GatewayOperator(LiqoControlPlane plane) : LiqoController(plane)
{
    protected abstract Kind GatewayKind { get; }
    protected abstract string TemplateRefField { get; }

    protected override void Reconcile()
    {
        foreach (var gw in List(GatewayKind))
        {
            if (Obj.Deleting(gw)) continue;
            var remoteId = Obj.Label(gw, LiqoLabels.RemoteClusterId) ?? "";
            var reference = Obj.Object(gw, "spec", TemplateRefField);
            var templateKind = new Kind(Obj.Str(reference, "apiVersion") ?? "", Obj.Str(reference, "kind") ?? "");
            var template = Plane.TypeOf(templateKind) is null ? null
                : Get(templateKind, Obj.Str(reference, "namespace") ?? Obj.Ns(gw), Obj.Str(reference, "name") ?? "");
            if (template is null)
            {
                Event(gw, "Warning", "TemplateNotFound", $"unable to get the template {Obj.Str(reference, "namespace")}/{Obj.Str(reference, "name")}");
                continue;
            }
            var objectKind = Obj.Object(template, "spec", "objectKind");
            var targetKind = new Kind(Obj.Str(objectKind, "apiVersion") ?? "", Obj.Str(objectKind, "kind") ?? "");
            if (Plane.TypeOf(targetKind) is null) continue;
            var rendered = TemplateRenderer.Render(Obj.Object(template, "spec", "template"), Values(gw, remoteId)) as JsonObject ?? new JsonObject();
            var spec = Obj.Object(rendered, "spec")?.DeepClone().AsObject() ?? new JsonObject();
            var labels = Obj.Object(rendered, "metadata", "labels")?.DeepClone().AsObject() ?? new JsonObject();
            labels[LiqoLabels.RemoteClusterId] = remoteId;

            var existing = Get(targetKind, Obj.Ns(gw), Obj.Name(gw));
            if (existing is null)
            {
                if (!Due(gw, "create")) continue;
                var meta = new JsonObject
                {
                    ["name"] = Obj.Name(gw),
                    ["namespace"] = Obj.Ns(gw),
                    ["labels"] = labels,
                    ["ownerReferences"] = new JsonArray(Obj.OwnerRef(gw, controller: true)),
                };
                existing = Create(targetKind, Obj.Ns(gw), new JsonObject { ["metadata"] = meta, ["spec"] = spec });
                if (existing is null) continue;
            }
            else if (Obj.OwnedBy(existing, Obj.Uid(gw)) && !JsonNode.DeepEquals(Obj.Object(existing, "spec"), spec))
            {
                existing["spec"] = spec;
                existing = Update(targetKind, existing) ?? existing;
            }
            CopyStatus(gw, existing);
        }
    }

    protected virtual Dictionary<string, object?> Values(JsonObject gw, string remoteId)
    {
        var secretName = Obj.Str(gw, "spec", "secretRef", "name") is { Length: > 0 } s ? s : "gw-" + Obj.Name(gw);
        return new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["Name"] = Obj.Name(gw),
            ["Namespace"] = Obj.Ns(gw),
            ["ClusterID"] = remoteId,
            ["GatewayUID"] = Obj.Uid(gw),
            ["SecretName"] = secretName,
            ["Spec.MTU"] = (int)(Obj.Long(gw, "spec", "mtu") ?? 1340),
            ["Spec.SecretRef.Name"] = Obj.Str(gw, "spec", "secretRef", "name") ?? "",
        };
    }

    /// <summary>Copies the WgGateway's status into the gateway's status.</summary>
    protected abstract void CopyStatus(JsonObject gw, JsonObject wg);

    protected static JsonObject Reference(JsonObject o) => new()
    {
        ["apiVersion"] = ApiServer.ServerJson.Str(o, "apiVersion"),
        ["kind"] = ApiServer.ServerJson.Str(o, "kind"),
        ["name"] = Obj.Name(o),
        ["namespace"] = Obj.Ns(o),
        ["uid"] = Obj.Uid(o),
    };

    protected void WriteStatus(JsonObject gw, JsonObject status)
    {
        if (JsonNode.DeepEquals(Obj.Object(gw, "status") ?? new JsonObject(), status)) return;
        gw["status"] = status;
        UpdateStatus(GatewayKind, gw);
    }
}
