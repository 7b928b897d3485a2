using System.Text.Json.Nodes;
using Liqo.Sandbox.ApiServer.Go;

namespace Liqo.Sandbox.ApiServer.Schema;

/// <summary>
/// A CRD version's structural schema (spec.versions[].schema.openAPIV3Schema) with the API server's
/// pruning, defaulting and validation (including the CEL rules of x-kubernetes-validations).
/// Instances are immutable and safe to share between requests.
/// </summary>
public sealed class StructuralSchema
{
    private readonly StructuralSchemaNode root;

    private StructuralSchema(StructuralSchemaNode root) => this.root = root;

    /// <summary>
    /// Builds the schema; throws <see cref="ArgumentException"/> when it is not a valid structural schema.
    /// </summary>
    public static StructuralSchema FromOpenApiV3(JsonObject openApiV3Schema)
    {
        ArgumentNullException.ThrowIfNull(openApiV3Schema);
        var builder = new SchemaBuilder();
        StructuralSchemaNode root;
        try
        {
            root = builder.BuildRoot(openApiV3Schema);
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException)
        {
            // A keyword holding a value of the wrong JSON type (e.g. a number in "required").
            throw new ArgumentException("openAPIV3Schema: " + e.Message, nameof(openApiV3Schema), e);
        }
        if (builder.Errors.Count > 0) throw new StructuralSchemaException(builder.Errors);
        return new StructuralSchema(root);
    }

    /// <summary>
    /// Removes every field the schema does not declare (apiVersion, kind and metadata at the root are kept; metadata is
    /// pruned to ObjectMeta's fields). Returns the removed paths without a leading dot, e.g. <c>spec.foo</c>,
    /// <c>spec.items[0].bar</c>, in the API server's order: schema fields sorted (byte order), then unknown metadata
    /// fields such as <c>metadata.foo</c>. Like the server's decoder it also drops, silently, nulls given to
    /// non-nullable fields that have no default.
    /// </summary>
    public IReadOnlyList<string> Prune(JsonObject obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var pruner = new Pruner();
        pruner.PruneResource(obj, root, "");
        Defaulter.PruneNonNullableNulls(obj, root);
        return pruner.Pruned;
    }

    /// <summary>Applies the schema's defaults in place, as the API server does on create, update and read.</summary>
    public void ApplyDefaults(JsonObject obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        Defaulter.Apply(obj, root);
    }

    /// <summary>
    /// Validates the whole object (root metadata excluded, but for the name/generateName restrictions a CRD schema
    /// may declare) against the schema, including x-kubernetes-validations CEL rules; transition rules (those using
    /// oldSelf) run only when <paramref name="oldObj"/> is given. Call it after <see cref="Prune"/> and
    /// <see cref="ApplyDefaults"/>, as the server does. The errors come in the server's order: OpenAPI findings,
    /// embedded-resource TypeMeta, list-type duplicates, then CEL (or, when an earlier finding is a type, required,
    /// enum, too-long or too-many error, the server's "some validation rules were not checked" error instead).
    /// </summary>
    public IReadOnlyList<FieldError> Validate(JsonObject obj, JsonObject? oldObj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var errors = new List<FieldError>();
        OpenApiValidator.ValidateResource(obj, root, errors);
        EmbeddedResourceValidator.ValidateResource(obj, root, errors);
        ListTypeValidator.ValidateResource(obj, root, errors);
        if (root.HasRulesBelow)
        {
            if (errors.Any(e => e.Type is FieldErrorType.NotSupported or FieldErrorType.Required or FieldErrorType.TooLong
                    or FieldErrorType.TooMany or FieldErrorType.TypeInvalid))
            {
                errors.Add(new FieldError(FieldErrorType.Invalid, "<nil>", Strconv.Quote("null"),
                    "some validation rules were not checked because the object was invalid; correct the existing errors to complete validation"));
            }
            else
            {
                CelRuleValidator.ValidateResource(obj, oldObj, root, errors);
            }
        }
        return errors;
    }

    /// <summary>
    /// The x-kubernetes-list-map-keys of the list at <paramref name="dottedPath"/> (field names only, array levels
    /// skipped, e.g. <c>spec.endpoints</c>), or null when that list is not a list-map. Server-side apply uses it.
    /// </summary>
    public IReadOnlyList<string>? ListMapKeys(string dottedPath)
    {
        ArgumentNullException.ThrowIfNull(dottedPath);
        var node = root;
        foreach (var segment in dottedPath.Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            while (node.Type == "array" && node.Items is not null) node = node.Items;
            if (SchemaWalker.Member(node, segment).Schema is not { } next) return null;
            node = next;
        }
        return node.ListType == "map" && node.ListMapKeys is { Count: > 0 } keys ? keys : null;
    }
}
