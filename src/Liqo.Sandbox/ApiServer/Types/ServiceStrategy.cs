using System.Text.Json.Nodes;
using Liqo.Sandbox.ApiServer.Go;

namespace Liqo.Sandbox.ApiServer.Types;

/// <summary>Service: type ClusterIP, an allocated clusterIP, sessionAffinity None, port defaults; clusterIP is immutable.</summary>
internal sealed class ServiceStrategy : IResourceStrategy
{
    public NameRule NameRule => NameRule.Dns1035Label;

    public void PrepareForCreate(JsonObject obj, StrategyContext ctx)
    {
        var spec = Json.Ensure(obj, "spec");
        var type = Json.Str(spec, "type") ?? "ClusterIP";
        spec["type"] = type;
        if (type != "ExternalName")
        {
            var ip = Json.Str(spec, "clusterIP");
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
        var spec = Json.Ensure(obj, "spec");
        var oldSpec = Json.Obj(old, "spec");
        if (string.IsNullOrEmpty(Json.Str(spec, "clusterIP")) && Json.Str(oldSpec, "clusterIP") is { } ip)
        {
            spec["clusterIP"] = ip;
            spec["clusterIPs"] = Json.Arr(oldSpec, "clusterIPs")?.DeepClone() ?? new JsonArray(ip);
        }
        spec["type"] ??= "ClusterIP";
        spec["sessionAffinity"] ??= "None";
        DefaultPorts(spec);
    }

    private static void DefaultPorts(JsonObject spec)
    {
        if (Json.Arr(spec, "ports") is not { } ports) return;
        foreach (var p in ports.OfType<JsonObject>())
        {
            p["protocol"] ??= "TCP";
            if (p["targetPort"] is null && p["port"] is { } port) p["targetPort"] = port.DeepClone();
        }
    }

    public void Validate(JsonObject obj, JsonObject? old, List<FieldError> errors)
    {
        var spec = Json.Obj(obj, "spec");
        var type = Json.Str(spec, "type") ?? "ClusterIP";
        string[] types = ["ClusterIP", "ExternalName", "LoadBalancer", "NodePort"];
        if (!types.Contains(type))
            errors.Add(new FieldError(FieldErrorType.NotSupported, "spec.type", Strconv.Quote(type),
                "supported values: " + string.Join(", ", types.Select(Strconv.Quote))));
        var headless = Json.Str(spec, "clusterIP") == "None";
        if (type != "ExternalName" && !headless && (Json.Arr(spec, "ports") is not { Count: > 0 }))
            errors.Add(new FieldError(FieldErrorType.Required, "spec.ports", null, ""));
        if (old is not null && Json.Str(Json.Obj(old, "spec"), "clusterIP") is { } oldIp && Json.Str(spec, "clusterIP") != oldIp && type != "ExternalName")
            errors.Add(new FieldError(FieldErrorType.Invalid, "spec.clusterIPs[0]", Strconv.Quote(Json.Str(spec, "clusterIP") ?? ""),
                "may not change once set"));
    }
}
