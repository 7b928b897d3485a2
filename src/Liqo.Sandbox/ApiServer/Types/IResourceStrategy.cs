using System.Text.Json.Nodes;

namespace Liqo.Sandbox.ApiServer.Types;

/// <summary>What a write needs from the cluster while a strategy runs (time, allocators).</summary>
internal sealed class StrategyContext(DateTimeOffset now, Func<string> allocateClusterIp)
{
    public DateTimeOffset Now { get; } = now;
    public string AllocateClusterIp() => allocateClusterIp();
}

/// <summary>
/// Kind-specific behaviour of writes (the API server's RESTCreateStrategy/RESTUpdateStrategy): defaults on create and
/// update, and validation. Common metadata handling (uid, timestamps, generation, status split) is done by the store.
/// </summary>
internal interface IResourceStrategy
{
    /// <summary>How metadata.name is validated.</summary>
    NameRule NameRule => NameRule.Subdomain;

    void PrepareForCreate(JsonObject obj, StrategyContext ctx) { }

    void PrepareForUpdate(JsonObject obj, JsonObject old, StrategyContext ctx) { }

    void Validate(JsonObject obj, JsonObject? old, List<FieldError> errors) { }
}

/// <summary>No kind-specific behaviour.</summary>
internal sealed class DefaultStrategy : IResourceStrategy
{
    public static readonly DefaultStrategy Instance = new();
}

/// <summary>Names that are path segments only (RBAC kinds).</summary>
internal sealed class PathSegmentNameStrategy : IResourceStrategy
{
    public static readonly PathSegmentNameStrategy Instance = new();
    public NameRule NameRule => NameRule.PathSegment;
}
