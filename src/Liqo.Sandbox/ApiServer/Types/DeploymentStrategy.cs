using System.Text.Json.Nodes;
using Liqo.Sandbox.ApiServer.Go;

namespace Liqo.Sandbox.ApiServer.Types;

/// <summary>apps/v1 Deployment: spec defaults; a selector that matches the template labels.</summary>
internal sealed class DeploymentStrategy : IResourceStrategy
{
    public void PrepareForCreate(JsonObject obj, StrategyContext ctx) => Defaults(obj);

    public void PrepareForUpdate(JsonObject obj, JsonObject old, StrategyContext ctx) => Defaults(obj);

    private static void Defaults(JsonObject obj)
    {
        var spec = ServerJson.Ensure(obj, "spec");
        spec["replicas"] ??= 1;
        spec["revisionHistoryLimit"] ??= 10;
        spec["progressDeadlineSeconds"] ??= 600;
        // SetDefaults_Deployment: an empty strategy (kubectl create deployment sends one) is a RollingUpdate of 25%/25%.
        var strategy = spec["strategy"] as JsonObject ?? new JsonObject();
        spec["strategy"] = strategy;
        strategy["type"] ??= "RollingUpdate";
        if (ServerJson.Str(strategy, "type") == "RollingUpdate")
        {
            var rolling = strategy["rollingUpdate"] as JsonObject ?? new JsonObject();
            strategy["rollingUpdate"] = rolling;
            rolling["maxUnavailable"] ??= "25%";
            rolling["maxSurge"] ??= "25%";
        }
    }

    public void Validate(JsonObject obj, JsonObject? old, List<FieldError> errors) => ValidateSelectorAndTemplate(obj, errors);

    /// <summary>What Deployments and ReplicaSets share: a selector that the template labels match, and containers.</summary>
    internal static void ValidateSelectorAndTemplate(JsonObject obj, List<FieldError> errors)
    {
        var spec = ServerJson.Obj(obj, "spec");
        var selector = ServerJson.Obj(ServerJson.Obj(spec, "selector"), "matchLabels");
        if (ServerJson.Obj(spec, "selector") is null)
        {
            errors.Add(new FieldError(FieldErrorType.Required, "spec.selector", null, ""));
            return;
        }
        var labels = ServerJson.Obj(ServerJson.Obj(ServerJson.Obj(spec, "template"), "metadata"), "labels");
        if (selector is not null)
            foreach (var (k, v) in selector)
                if (labels is null || !labels.TryGetPropertyValue(k, out var lv)
                    || ServerJson.ToText(lv) != ServerJson.ToText(v))
                {
                    errors.Add(new FieldError(FieldErrorType.Invalid, "spec.template.metadata.labels",
                        GoFmt.SharpV(ServerJson.StringMap(labels)),
                        "`selector` does not match template `labels`"));
                    break;
                }
        var podSpec = ServerJson.Obj(ServerJson.Obj(spec, "template"), "spec");
        if (ServerJson.Arr(podSpec, "containers") is not { Count: > 0 })
            errors.Add(new FieldError(FieldErrorType.Required, "spec.template.spec.containers", null, ""));
    }
}
