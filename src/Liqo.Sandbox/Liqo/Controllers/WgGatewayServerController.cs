using System.Text.Json.Nodes;
using Liqo.Sandbox.Liqo.Runtime;

namespace Liqo.Sandbox.Liqo.Controllers;

/// <summary>
/// The WireGuard gateway server controller (wireguard/wggatewayserver_controller.go): key Secret, Deployment and
/// Service gw-&lt;name&gt;, and status.endpoint: the LoadBalancer ingress IP (the simulated cloud gives each cluster its
/// own addresses), the node address and nodePort for NodePort, the clusterIP for ClusterIP.
/// </summary>
internal sealed class WgGatewayServerController(LiqoControlPlane plane) : WgGatewayController(plane)
{
    public override string Name => "wggatewayserver";
    protected override Kind WgKind => Kind.WgGatewayServer;

    protected override void ReconcileExtra(JsonObject wg, string ns, string name, JsonObject status)
    {
        var template = Obj.Object(wg, "spec", "service");
        var spec = Obj.Object(template, "spec")?.DeepClone().AsObject();
        if (spec is null) return;
        var type = ApiServer.ServerJson.Str(spec, "type") ?? "ClusterIP";
        var service = Get(Kind.Service, ns, name);
        if (service is null)
        {
            if (!Due(wg, "service")) return;
            if (type is "NodePort" or "LoadBalancer")
                foreach (var port in (ApiServer.ServerJson.Arr(spec, "ports") ?? []).OfType<JsonObject>())
                    port["nodePort"] ??= Plane.Fabric.AllocateNodePort(Plane.ClusterName);
            var labels = Obj.Object(template, "metadata", "labels")?.DeepClone().AsObject() ?? new JsonObject();
            labels[LiqoLabels.RemoteClusterId] = Obj.Label(wg, LiqoLabels.RemoteClusterId) ?? "";
            service = Create(Kind.Service, ns, new JsonObject
            {
                ["metadata"] = new JsonObject
                {
                    ["name"] = name, ["namespace"] = ns, ["labels"] = labels,
                    ["ownerReferences"] = new JsonArray(Obj.OwnerRef(wg, controller: true)),
                },
                ["spec"] = spec,
            });
            if (service is null) return;
        }
        var port0 = Obj.Array(service, "spec", "ports")?.OfType<JsonObject>().FirstOrDefault();
        var servicePort = (int)(Obj.Long(port0, "port") ?? 0);
        var serviceType = Obj.Str(service, "spec", "type");
        if (serviceType == "LoadBalancer" && Obj.Array(service, "status", "loadBalancer", "ingress") is not { Count: > 0 })
        {
            // The simulated cloud load-balancer controller.
            if (!Due(wg, "loadbalancer")) return;
            var ip = Obj.Str(service, "spec", "loadBalancerIP") is { Length: > 0 } wanted ? wanted : Plane.Fabric.AllocateLoadBalancerIp(Plane.ClusterName);
            Obj.Set(service, new JsonArray(new JsonObject { ["ip"] = ip, ["ipMode"] = "VIP" }), "status", "loadBalancer", "ingress");
            Plane.Update(Kind.Service, service, "service-controller", "status");
            return;
        }
        JsonObject? endpoint = serviceType switch
        {
            "LoadBalancer" => Endpoint((Obj.Array(service, "status", "loadBalancer", "ingress") ?? []).OfType<JsonObject>()
                .Select(i => Obj.Str(i, "ip") ?? Obj.Str(i, "hostname")).OfType<string>(), servicePort),
            "NodePort" => Endpoint([Plane.Fabric.NodeAddress(Plane.ClusterName)], (int)(Obj.Long(port0, "nodePort") ?? 0)),
            _ => Endpoint([Obj.Str(service, "spec", "clusterIP") ?? ""], servicePort),
        };
        if (endpoint is not null) status["endpoint"] = endpoint;
    }

    private static JsonObject? Endpoint(IEnumerable<string> addresses, int port)
    {
        var list = addresses.Where(a => a.Length > 0).ToList();
        return list.Count == 0 ? null : new JsonObject { ["addresses"] = Obj.Strings(list), ["port"] = port, ["protocol"] = "UDP" };
    }
}
