using System.Text.Json.Nodes;

namespace Liqo.Sandbox.ApiServer.Types;

/// <summary>Namespace: the kubernetes.io/metadata.name label, spec.finalizers ["kubernetes"], status.phase Active.</summary>
internal sealed class NamespaceStrategy : IResourceStrategy
{
    public const string NameLabel = "kubernetes.io/metadata.name";
    public NameRule NameRule => NameRule.Label;

    public void PrepareForCreate(JsonObject obj, StrategyContext ctx)
    {
        ServerJson.Ensure(ObjectMeta.Meta(obj), "labels")[NameLabel] = ObjectMeta.Name(obj);
        var spec = ServerJson.Ensure(obj, "spec");
        spec["finalizers"] = new JsonArray("kubernetes");
        obj["status"] = new JsonObject { ["phase"] = "Active" };
    }

    public void PrepareForUpdate(JsonObject obj, JsonObject old, StrategyContext ctx)
    {
        ServerJson.Ensure(ObjectMeta.Meta(obj), "labels")[NameLabel] = ObjectMeta.Name(obj);
        // spec.finalizers change only through /finalize.
        var oldFinalizers = ServerJson.Arr(ServerJson.Obj(old, "spec"), "finalizers");
        var spec = ServerJson.Ensure(obj, "spec");
        if (oldFinalizers is null) spec.Remove("finalizers");
        else spec["finalizers"] = oldFinalizers.DeepClone();
    }
}
