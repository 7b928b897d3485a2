namespace Liqo.Sandbox.ApiServer.Schema;

/// <summary>
/// An openAPIV3Schema that is not a valid structural schema. <see cref="Errors"/> holds the findings with fields
/// relative to the schema (<c>openAPIV3Schema.properties[spec].type</c>); a CRD handler prefixes them with
/// <c>spec.versions[i].schema.</c>.
/// </summary>
internal sealed class StructuralSchemaException(IReadOnlyList<FieldError> errors)
    : ArgumentException(string.Join(", ", errors.Select(e => e.ToString())))
{
    public IReadOnlyList<FieldError> Errors { get; } = errors;
}
