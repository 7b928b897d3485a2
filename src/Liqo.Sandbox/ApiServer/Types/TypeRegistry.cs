using System.Collections.Immutable;

namespace Liqo.Sandbox.ApiServer.Types;

/// <summary>
/// The resource types a cluster serves: the built-in kinds plus those of established CRDs. Discovery, OpenAPI and
/// routing are all generated from here, so they cannot disagree. Lock-free reads of an immutable snapshot.
/// </summary>
public sealed class TypeRegistry
{
    private ImmutableList<ResourceType> _types;
    private readonly Lock _gate = new();

    internal TypeRegistry()
    {
        _types = BuiltInTypes.All().ToImmutableList();
    }

    public IReadOnlyList<ResourceType> All => _types;

    /// <summary>The type served at /api(s)/group/version/resource, or null.</summary>
    public ResourceType? Find(string group, string version, string plural) =>
        _types.FirstOrDefault(t => t.Group == group && t.Version == version && t.Plural == plural);

    /// <summary>The type for an apiVersion ("v1", "apps/v1") and kind, or null.</summary>
    public ResourceType? FindKind(string apiVersion, string kind) =>
        _types.FirstOrDefault(t => t.ApiVersion == apiVersion && t.Kind == kind);

    /// <summary>The type for an apiVersion and kind; throws <see cref="ArgumentException"/> when it is not served.</summary>
    public ResourceType Get(string apiVersion, string kind) =>
        FindKind(apiVersion, kind) ?? throw new ArgumentException($"no kind \"{kind}\" is registered for version \"{apiVersion}\"");

    /// <summary>The first served version of a group/plural (CRD cleanup and the GC address types by group/plural).</summary>
    public ResourceType? FindByKey(string key) => _types.FirstOrDefault(t => t.Key == key);

    /// <summary>The groups and versions, in discovery order.</summary>
    public IReadOnlyList<(string Group, IReadOnlyList<string> Versions)> Groups()
    {
        var snapshot = _types;
        var groups = snapshot.Select(t => t.Group).Distinct()
            .OrderBy(g => Array.IndexOf(BuiltInTypes.GroupOrder, g) is var i && i >= 0 ? i : int.MaxValue)
            .ThenBy(g => g, StringComparer.Ordinal)
            .ToList();
        return groups.Select(g => (g, (IReadOnlyList<string>)snapshot.Where(t => t.Group == g).Select(t => t.Version).Distinct().ToList())).ToList();
    }

    /// <summary>Replaces the types of a CRD (group/plural) with <paramref name="types"/> (empty: unregister).</summary>
    internal void SetCustomTypes(string group, string plural, IReadOnlyList<ResourceType> types)
    {
        lock (_gate)
        {
            var kept = _types.Where(t => !(t.IsCustom && t.Group == group && t.Plural == plural));
            _types = kept.Concat(types).ToImmutableList();
        }
    }
}
