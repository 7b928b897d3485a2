using System.Text.Json.Nodes;

namespace Liqo.Engine.Info;

/// <summary>One list request's answer: its items, or why it failed (liqoctl reports such failures as warnings and goes on).</summary>
internal sealed record ListResult(IReadOnlyList<JsonObject>? Items, string? Error)
{
    public static ListResult Of(IReadOnlyList<JsonObject> items) => new(items, null);

    public static ListResult Of(params JsonObject[] items) => new(items, null);

    public static ListResult Failed(string error) => new(null, error);
}
