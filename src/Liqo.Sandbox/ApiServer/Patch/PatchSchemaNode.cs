using System.Text.Json.Nodes;

namespace Liqo.Sandbox.ApiServer.Patch;

/// <summary>How server-side apply treats a list (<c>x-kubernetes-list-type</c> / <c>+listType</c>).</summary>
internal enum ListType
{
    /// <summary>Replaced and owned as a whole (the default for lists without annotation).</summary>
    Atomic,

    /// <summary>Items identified by key fields (<c>k:{"name":"x"}</c>).</summary>
    Map,

    /// <summary>Scalar items identified by value (<c>v:"x"</c>).</summary>
    Set,
}

/// <summary>
/// What the patch engines need to know about one position in an object: the strategic-merge-patch strategy of a
/// list (<c>patchStrategy</c>/<c>patchMergeKey</c> struct tags) and its server-side-apply shape (<c>listType</c>,
/// <c>listMapKey</c>, <c>structType</c>/<c>mapType</c>). Positions nobody described are "unknown": objects merge per
/// member, lists are atomic.
/// </summary>
internal abstract class PatchSchemaNode
{
    /// <summary>The schema of member <paramref name="name"/> of the object at this position.</summary>
    public abstract PatchSchemaNode Child(string name);

    /// <summary>The schema of the items of the list at this position.</summary>
    public abstract PatchSchemaNode Item { get; }

    /// <summary>Server-side apply list type.</summary>
    public virtual ListType ListType => ListType.Atomic;

    /// <summary>Server-side apply list-map keys (empty unless <see cref="ListType"/> is Map).</summary>
    public virtual IReadOnlyList<string> MapKeys => [];

    /// <summary>True when the strategic merge patch merges this list instead of replacing it.</summary>
    public virtual bool SmpMergeList => false;

    /// <summary>The strategic-merge-patch merge key of a merged list of objects.</summary>
    public virtual string? SmpMergeKey => null;

    /// <summary>True when server-side apply owns and replaces this object as a whole (<c>structType/mapType=atomic</c>).</summary>
    public virtual bool AtomicObject => false;

    /// <summary>
    /// True when <paramref name="name"/> is a declared field of a struct, false when it is an entry of a map
    /// (labels, data, …). Map entries are owned themselves (<c>"f:app":{}</c>), struct fields only through their leaves.
    /// </summary>
    public virtual bool IsNamedField(string name) => true;

    /// <summary>
    /// The value a missing list-map key field takes, or null when it has none. Every list-map keyed by
    /// <c>protocol</c> in Kubernetes and in the Liqo CRDs defaults it to <c>TCP</c>.
    /// </summary>
    public virtual JsonNode? KeyDefault(string key) => key == "protocol" ? JsonValue.Create("TCP") : null;

    /// <summary>A position nobody described.</summary>
    public static PatchSchemaNode Unknown { get; } = new UnknownSchemaNode();

    private sealed class UnknownSchemaNode : PatchSchemaNode
    {
        public override PatchSchemaNode Child(string name) => this;

        public override PatchSchemaNode Item => this;
    }
}
