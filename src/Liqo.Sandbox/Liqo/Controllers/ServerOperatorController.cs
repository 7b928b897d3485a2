using System.Text.Json.Nodes;
using Liqo.Sandbox.Liqo.Runtime;

namespace Liqo.Sandbox.Liqo.Controllers;

/// <summary>The server operator (server-operator/server_controller.go): GatewayServer → WgGatewayServer from the template, status back.</summary>
internal sealed class ServerOperatorController(LiqoControlPlane plane) : GatewayOperator(plane)
{
    public override string Name => "gatewayserver-external";
    protected override Kind GatewayKind => Kind.GatewayServer;
    protected override string TemplateRefField => "serverTemplateRef";

    protected override Dictionary<string, object?> Values(JsonObject gw, string remoteId)
    {
        var v = base.Values(gw, remoteId);
        v["Spec.Endpoint.Port"] = (int)(Obj.Long(gw, "spec", "endpoint", "port") ?? 51840);
        v["Spec.Endpoint.ServiceType"] = Obj.Str(gw, "spec", "endpoint", "serviceType") ?? "ClusterIP";
        v["Spec.Endpoint.NodePort"] = (int)(Obj.Long(gw, "spec", "endpoint", "nodePort") ?? 0);
        v["Spec.Endpoint.LoadBalancerIP"] = Obj.Str(gw, "spec", "endpoint", "loadBalancerIP") ?? "";
        return v;
    }

    protected override void CopyStatus(JsonObject gw, JsonObject wg)
    {
        var status = Obj.Object(gw, "status")?.DeepClone().AsObject() ?? new JsonObject();
        status["serverRef"] = Reference(wg);
        foreach (var f in new[] { "endpoint", "secretRef", "internalEndpoint" })
        {
            if (Obj.At(wg, "status", f) is { } v) status[f] = v.DeepClone();
            else status.Remove(f);
        }
        WriteStatus(gw, status);
    }
}
