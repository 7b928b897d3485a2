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
            var template = Template(reference, out var problem);
            if (template is null)
            {
                // Liqo returns the error and retries with backoff: no status, no gateway object
                Event(gw, "Warning", "TemplateNotFound", $"unable to get the {Role} template: {problem}");
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

    /// <summary>"server" or "client", for messages.</summary>
    private string Role => GatewayKind == Kind.GatewayServer ? "server" : "client";

    /// <summary>
    /// The template the reference names, read as Liqo's operators read it: the group and version of its apiVersion, the
    /// resource its kind lower-cased and pluralized (KindToResource, not the served kind's plural), in exactly the namespace
    /// it names (none: not found). Null with the reason when there is no such template.
    /// </summary>
    private JsonObject? Template(JsonObject? reference, out string problem)
    {
        var apiVersion = Obj.Str(reference, "apiVersion") ?? "";
        var slash = apiVersion.IndexOf('/', StringComparison.Ordinal);
        var (group, version) = slash < 0 ? ("", apiVersion) : (apiVersion[..slash], apiVersion[(slash + 1)..]);
        var resource = KindToResource(Obj.Str(reference, "kind") ?? "");
        var ns = Obj.Str(reference, "namespace") ?? "";
        var name = Obj.Str(reference, "name") ?? "";
        if (version.Length == 0 || resource.Length == 0 || slash >= 0 && apiVersion.IndexOf('/', slash + 1) >= 0)
        {
            problem = $"unable to parse the {Role} template group version \"{apiVersion}\" or kind";
            return null;
        }
        var type = Plane.Store.Types.Find(group, version, resource);
        var template = type is null || ns.Length == 0 || name.Length == 0 ? null : Get(new Kind(type.ApiVersion, type.Kind), ns, name);
        problem = template is null ? $"{(group.Length == 0 ? resource : resource + "." + group)} \"{name}\" not found" : "";
        return template;
    }

    /// <summary>Liqo's KindToResource (apimachinery's UnsafeGuessKindToResource plural): lower case, then -s, -es or -ies.</summary>
    internal static string KindToResource(string kind)
    {
        var singular = kind.ToLowerInvariant();
        if (singular.Length == 0 || singular.EndsWith("endpoints", StringComparison.Ordinal)) return singular;
        return singular[^1] switch { 's' => singular + "es", 'y' => singular[..^1] + "ies", _ => singular + "s" };
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
