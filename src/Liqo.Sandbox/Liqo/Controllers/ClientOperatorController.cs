using System.Text.Json.Nodes;
using Liqo.Sandbox.Liqo.Runtime;

namespace Liqo.Sandbox.Liqo.Controllers;

/// <summary>The client operator (client-operator/client_controller.go): GatewayClient → WgGatewayClient from the template, status back.</summary>
internal sealed class ClientOperatorController(LiqoControlPlane plane) : GatewayOperator(plane)
{
    public override string Name => "gatewayclient-external";
    protected override Kind GatewayKind => Kind.GatewayClient;
    protected override string TemplateRefField => "clientTemplateRef";

    protected override Dictionary<string, object?> Values(JsonObject gw, string remoteId)
    {
        var v = base.Values(gw, remoteId);
        v["Spec.Endpoint.Addresses"] = (Obj.Array(gw, "spec", "endpoint", "addresses") ?? []).Select(n => n?.GetValue<string>() ?? "").ToList();
        v["Spec.Endpoint.Port"] = (int)(Obj.Long(gw, "spec", "endpoint", "port") ?? 0);
        v["Spec.Endpoint.Protocol"] = Obj.Str(gw, "spec", "endpoint", "protocol") ?? "UDP";
        return v;
    }

    protected override void CopyStatus(JsonObject gw, JsonObject wg)
    {
        var status = Obj.Object(gw, "status")?.DeepClone().AsObject() ?? new JsonObject();
        status["clientRef"] = Reference(wg);
        foreach (var f in new[] { "secretRef", "internalEndpoint" })
        {
            if (Obj.At(wg, "status", f) is { } v) status[f] = v.DeepClone();
            else status.Remove(f);
        }
        WriteStatus(gw, status);
    }
}
