using System.Text.Json.Nodes;

namespace Liqo.Sandbox.ApiServer.Types;

/// <summary>Pod: the common spec defaults and status.phase Pending; at least one container.</summary>
internal sealed class PodStrategy : IResourceStrategy
{
    public void PrepareForCreate(JsonObject obj, StrategyContext ctx)
    {
        var spec = ServerJson.Ensure(obj, "spec");
        spec["restartPolicy"] ??= "Always";
        spec["dnsPolicy"] ??= "ClusterFirst";
        spec["schedulerName"] ??= "default-scheduler";
        spec["terminationGracePeriodSeconds"] ??= 30;
        spec["serviceAccountName"] ??= "default";
        spec["serviceAccount"] ??= ServerJson.Str(spec, "serviceAccountName");
        spec["securityContext"] ??= new JsonObject();
        spec["enableServiceLinks"] ??= true;
        spec["preemptionPolicy"] ??= "PreemptLowerPriority";
        spec["priority"] ??= 0;
        foreach (var c in (ServerJson.Arr(spec, "containers") ?? []).OfType<JsonObject>())
        {
            var image = ServerJson.Str(c, "image") ?? "";
            c["imagePullPolicy"] ??= image.EndsWith(":latest", StringComparison.Ordinal) || !image.Contains(':') ? "Always" : "IfNotPresent";
            c["terminationMessagePath"] ??= "/dev/termination-log";
            c["terminationMessagePolicy"] ??= "File";
            c["resources"] ??= new JsonObject();
        }
        obj["status"] = new JsonObject { ["phase"] = "Pending", ["qosClass"] = "BestEffort" };
    }

    public void Validate(JsonObject obj, JsonObject? old, List<FieldError> errors)
    {
        var containers = ServerJson.Arr(ServerJson.Obj(obj, "spec"), "containers");
        if (containers is not { Count: > 0 })
            errors.Add(new FieldError(FieldErrorType.Required, "spec.containers", null, ""));
        else
            for (var i = 0; i < containers.Count; i++)
            {
                var c = containers[i] as JsonObject;
                if (string.IsNullOrEmpty(ServerJson.Str(c, "name")))
                    errors.Add(new FieldError(FieldErrorType.Required, $"spec.containers[{i}].name", null, ""));
                if (string.IsNullOrEmpty(ServerJson.Str(c, "image")))
                    errors.Add(new FieldError(FieldErrorType.Required, $"spec.containers[{i}].image", null, ""));
            }
    }
}
