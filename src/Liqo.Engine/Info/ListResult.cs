using System.Text.Json.Nodes;
using Liqo.Engine.Resources;

namespace Liqo.Engine.Info;

/// <summary>One list request's answer: its items, or why it failed (liqoctl reports such failures as warnings and goes on).</summary>
/// <remarks>A class, not a record: it caches a grouping of <see cref="Items"/>, which a <c>with</c> copy must not carry over.</remarks>
internal sealed class ListResult(IReadOnlyList<JsonObject>? items, string? error)
{
    private ILookup<string, JsonObject>? _byRemoteClusterId;

    public IReadOnlyList<JsonObject>? Items { get; } = items;

    public string? Error { get; } = error;

    public static ListResult Of(IReadOnlyList<JsonObject> items) => new(items, null);

    public static ListResult Of(params JsonObject[] items) => new(items, null);

    public static ListResult Failed(string error) => new(null, error);

    /// <summary>
    /// The items labelled <c>liqo.io/remote-cluster-id=<paramref name="clusterId"/></c>, in list order. The items are grouped
    /// by that label once, so reporting on every peer is linear in the objects, not peers × objects.
    /// </summary>
    public IEnumerable<JsonObject> WithRemoteClusterId(string clusterId) =>
        (_byRemoteClusterId ??= (Items ?? [])
            .Select(o => (Id: o.Label(LiqoConstants.RemoteClusterIdLabel), Item: o))
            .Where(p => p.Id is not null)
            .ToLookup(p => p.Id!, p => p.Item, StringComparer.Ordinal))[clusterId];
}
