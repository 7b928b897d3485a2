using System.Text.Json.Nodes;

namespace Liqo.Sandbox.ApiServer.Schema;

/// <summary>
/// A CRD version's structural schema (spec.versions[].schema.openAPIV3Schema) with the API server's
/// pruning, defaulting and validation (including the CEL rules of x-kubernetes-validations).
/// CONTRACT STUB: the implementation replaces the bodies; the public signatures are fixed.
/// </summary>
public sealed class StructuralSchema
{
    private StructuralSchema() { }

    /// <summary>Builds the schema; throws <see cref="ArgumentException"/> when it is not a valid structural schema.</summary>
    public static StructuralSchema FromOpenApiV3(JsonObject openApiV3Schema) => throw new NotImplementedException();

    /// <summary>
    /// Removes every field the schema does not declare (apiVersion, kind and metadata at the root are kept; metadata is
    /// pruned to ObjectMeta's fields). Returns the removed paths without a leading dot, e.g. <c>spec.foo</c>,
    /// <c>spec.items[0].bar</c>, in document order.
    /// </summary>
    public IReadOnlyList<string> Prune(JsonObject obj) => throw new NotImplementedException();

    /// <summary>Applies the schema's defaults in place, as the API server does on create, update and read.</summary>
    public void ApplyDefaults(JsonObject obj) => throw new NotImplementedException();

    /// <summary>
    /// Validates the whole object (root metadata excluded) against the schema, including x-kubernetes-validations
    /// CEL rules; transition rules (those using oldSelf) run only when <paramref name="oldObj"/> is given.
    /// </summary>
    public IReadOnlyList<FieldError> Validate(JsonObject obj, JsonObject? oldObj) => throw new NotImplementedException();

    /// <summary>
    /// The x-kubernetes-list-map-keys of the list at <paramref name="dottedPath"/> (field names only, array levels
    /// skipped, e.g. <c>spec.endpoints</c>), or null when that list is not a list-map. Server-side apply uses it.
    /// </summary>
    public IReadOnlyList<string>? ListMapKeys(string dottedPath) => throw new NotImplementedException();
}
