using System.Text.Json.Nodes;
using Liqo.Sandbox.ApiServer.Go;

namespace Liqo.Sandbox.ApiServer.Types;

/// <summary>Service: type ClusterIP, an allocated clusterIP, sessionAffinity None, port defaults; clusterIP is immutable.</summary>
internal sealed class ServiceStrategy : IResourceStrategy
{
    public NameRule NameRule => NameRule.Dns1035Label;

    public void PrepareForCreate(JsonObject obj, StrategyContext ctx)
    {
        var spec = ServerJson.Ensure(obj, "spec");
        var type = ServerJson.Str(spec, "type") ?? "ClusterIP";
        spec["type"] = type;
        if (type != "ExternalName")
        {
            var ip = ServerJson.Str(spec, "clusterIP");
            if (string.IsNullOrEmpty(ip)) ip = ctx.AllocateClusterIp();
            spec["clusterIP"] = ip;
            spec["clusterIPs"] = new JsonArray(ip);
            if (ip != "None")
            {
                spec["ipFamilies"] ??= new JsonArray("IPv4");
                spec["ipFamilyPolicy"] ??= "SingleStack";
            }
            spec["internalTrafficPolicy"] ??= "Cluster";
        }
        spec["sessionAffinity"] ??= "None";
        DefaultPorts(spec);
        obj["status"] = new JsonObject { ["loadBalancer"] = new JsonObject() };
    }

    public void PrepareForUpdate(JsonObject obj, JsonObject old, StrategyContext ctx)
    {
        var spec = ServerJson.Ensure(obj, "spec");
        var oldSpec = ServerJson.Obj(old, "spec");
        if (string.IsNullOrEmpty(ServerJson.Str(spec, "clusterIP")) && ServerJson.Str(oldSpec, "clusterIP") is { } ip)
        {
            spec["clusterIP"] = ip;
            spec["clusterIPs"] = ServerJson.Arr(oldSpec, "clusterIPs")?.DeepClone() ?? new JsonArray(ip);
        }
        spec["type"] ??= "ClusterIP";
        spec["sessionAffinity"] ??= "None";
        DefaultPorts(spec);
    }

    private static void DefaultPorts(JsonObject spec)
    {
        if (ServerJson.Arr(spec, "ports") is not { } ports) return;
        foreach (var p in ports.OfType<JsonObject>())
        {
            p["protocol"] ??= "TCP";
            if (p["targetPort"] is null && p["port"] is { } port) p["targetPort"] = port.DeepClone();
        }
    }

    public void Validate(JsonObject obj, JsonObject? old, List<FieldError> errors)
    {
        var spec = ServerJson.Obj(obj, "spec");
        var type = ServerJson.Str(spec, "type") ?? "ClusterIP";
        string[] types = ["ClusterIP", "ExternalName", "LoadBalancer", "NodePort"];
        if (!types.Contains(type))
            errors.Add(new FieldError(FieldErrorType.NotSupported, "spec.type", Strconv.Quote(type),
                "supported values: " + string.Join(", ", types.Select(Strconv.Quote))));
        var headless = ServerJson.Str(spec, "clusterIP") == "None";
        if (type != "ExternalName" && !headless && (ServerJson.Arr(spec, "ports") is not { Count: > 0 }))
            errors.Add(new FieldError(FieldErrorType.Required, "spec.ports", null, ""));
        if (old is not null && ServerJson.Str(ServerJson.Obj(old, "spec"), "clusterIP") is { } oldIp
            && ServerJson.Str(spec, "clusterIP") != oldIp && type != "ExternalName")
            errors.Add(new FieldError(FieldErrorType.Invalid, "spec.clusterIPs[0]",
                Strconv.Quote(ServerJson.Str(spec, "clusterIP") ?? ""), "may not change once set"));
    }
}
