namespace Liqo.Engine.Resources;

/// <summary>
/// One right a command's plan needs on one cluster before its first write: <paramref name="Verb"/> on
/// <paramref name="Kind"/> in <paramref name="Namespace"/> (null: at the cluster scope, e.g. creating a namespace).
/// </summary>
public sealed record AccessRequirement(string Verb, ResourceKind Kind, string? Namespace)
{
    /// <summary>Create and update: what an object written with create-or-update needs (update when it exists already).</summary>
    public static IEnumerable<AccessRequirement> Write(ResourceKind kind, string ns) => [new("create", kind, ns), new("update", kind, ns)];

    /// <summary>
    /// The tenant namespace, which the run creates when <paramref name="exists"/> is false:
    /// then creating namespaces at the cluster scope is needed (a peering user may not; liqoctl fails there).
    /// </summary>
    public static IEnumerable<AccessRequirement> NamespaceCreation(bool exists) => exists ? [] : [new("create", Kinds.Namespace, null)];

    /// <summary>"create tenants.authentication.liqo.io in the namespace \"x\"", as the refusal names it.</summary>
    public override string ToString() =>
        $"{Verb} {Kind.DisplayName}{(Namespace is null ? " at the cluster scope" : $" in the namespace \"{Namespace}\"")}";
}
