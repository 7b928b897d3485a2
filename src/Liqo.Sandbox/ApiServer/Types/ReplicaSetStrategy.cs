using System.Text.Json.Nodes;

namespace Liqo.Sandbox.ApiServer.Types;

/// <summary>apps/v1 ReplicaSet: replicas defaults to 1; a selector that matches the template labels, as for Deployments.</summary>
internal sealed class ReplicaSetStrategy : IResourceStrategy
{
    public void PrepareForCreate(JsonObject obj, StrategyContext ctx) => ServerJson.Ensure(obj, "spec")["replicas"] ??= 1;

    public void PrepareForUpdate(JsonObject obj, JsonObject old, StrategyContext ctx) => ServerJson.Ensure(obj, "spec")["replicas"] ??= 1;

    public void Validate(JsonObject obj, JsonObject? old, List<FieldError> errors) => DeploymentStrategy.ValidateSelectorAndTemplate(obj, errors);
}
