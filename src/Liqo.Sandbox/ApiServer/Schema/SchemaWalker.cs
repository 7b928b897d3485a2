using System.Text.Json.Nodes;

namespace Liqo.Sandbox.ApiServer.Schema;

/// <summary>
/// Goes down a structural schema, alone or together with a JSON value, the one way every pass of the API server
/// does: an object's member goes with its declared property, else with the additionalProperties schema (properties
/// and additionalProperties exclude each other in a structural schema); an array's items go with <c>items</c>.
/// </summary>
internal static class SchemaWalker
{
    /// <summary>Visits one value and its schema at <paramref name="path"/>.</summary>
    public delegate void Visit(JsonNode? value, StructuralSchemaNode schema, string path);

    /// <summary>
    /// The schema of member <paramref name="key"/> of an object that <paramref name="parent"/> describes.
    /// </summary>
    public static SchemaMember Member(StructuralSchemaNode parent, string key) =>
        parent.Properties is { } props && props.TryGetValue(key, out var prop)
            ? new SchemaMember(key, prop, Declared: true)
            : new SchemaMember(key, parent.AdditionalProperties, Declared: false);

    /// <summary>
    /// The members of <paramref name="obj"/>, in its order, each with its schema. The keys are taken before the first
    /// is returned, so the caller may set and remove members as it goes.
    /// </summary>
    public static IEnumerable<SchemaMember> Members(JsonObject obj, StructuralSchemaNode schema)
    {
        foreach (var key in obj.Select(p => p.Key).ToList()) yield return Member(schema, key);
    }

    /// <summary>
    /// The schemas right below <paramref name="schema"/>: its properties in order, additionalProperties, items.
    /// </summary>
    public static IEnumerable<StructuralSchemaNode> Children(StructuralSchemaNode schema)
    {
        if (schema.PropertyList is { } props)
        {
            foreach (var (_, prop) in props) yield return prop;
        }
        if (schema.AdditionalProperties is { } ap) yield return ap;
        if (schema.Items is { } items) yield return items;
    }

    /// <summary>
    /// Visits <paramref name="value"/>, then each member and item the schema describes,
    /// depth first, with field paths as apimachinery renders them (<c>spec.ports[0]</c>, <c>data[key]</c>).
    /// </summary>
    public static void Walk(JsonNode? value, StructuralSchemaNode schema, string path, Visit visit)
    {
        visit(value, schema, path);
        switch (value)
        {
            case JsonObject obj:
                WalkMembers(obj, schema, path, visit);
                return;
            case JsonArray arr when schema.Items is { } items:
                for (var i = 0; i < arr.Count; i++) Walk(arr[i], items, ValidationFieldPath.Index(path, i), visit);
                return;
        }
    }

    /// <summary>
    /// Walks the members of a resource (the object itself, not visited) but metadata, which ObjectMeta's own
    /// validation covers.
    /// </summary>
    public static void WalkResource(JsonObject obj, StructuralSchemaNode root, Visit visit) =>
        WalkMembers(obj, root, null, visit, skip: "metadata");

    private static void WalkMembers(JsonObject obj, StructuralSchemaNode schema, string? path, Visit visit,
        string? skip = null)
    {
        foreach (var (key, value) in obj)
        {
            if (key == skip) continue;
            var member = Member(schema, key);
            if (member.Schema is { } child) Walk(value, child, member.Path(path), visit);
        }
    }
}

/// <summary>
/// A member of an object with its schema: the declared property, else the additionalProperties schema, else null.
/// </summary>
/// <param name="Key">The member's name.</param>
/// <param name="Schema">Its schema, or null when the object's schema does not describe it.</param>
/// <param name="Declared">True for a declared property, false for a map entry or an unknown member.</param>
internal readonly record struct SchemaMember(string Key, StructuralSchemaNode? Schema, bool Declared)
{
    /// <summary>Its field path below <paramref name="parent"/>: a child field, or a bracketed map key.</summary>
    public string Path(string? parent) =>
        Declared ? ValidationFieldPath.Child(parent, Key) : ValidationFieldPath.Key(parent, Key);
}
