using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Liqo.Sandbox.ApiServer.Schema;

/// <summary>
/// One node of a parsed CRD schema: the structural part (type, properties, items, additionalProperties and the
/// x-kubernetes extensions) plus its value validations. Value-validation subtrees (allOf, anyOf, oneOf, not) use
/// the same class.
/// </summary>
internal sealed class StructuralSchemaNode
{
    private static readonly string[] IntOrStringTypes = ["integer", "string"];

    /// <summary>The declared type, or empty.</summary>
    public string Type { get; set; } = "";

    /// <summary>
    /// The format kept for validation (formats the API server does not support are dropped, as it does).
    /// </summary>
    public string Format { get; set; } = "";

    public bool Nullable { get; set; }
    public bool IntOrString { get; set; }
    public bool PreserveUnknownFields { get; set; }
    public bool EmbeddedResource { get; set; }

    /// <summary>Properties in declaration order, or null.</summary>
    public List<KeyValuePair<string, StructuralSchemaNode>>? PropertyList { get; set; }

    /// <summary>The same properties by name (built with <see cref="PropertyList"/>).</summary>
    public Dictionary<string, StructuralSchemaNode>? Properties { get; set; }

    /// <summary>The additionalProperties schema, when it is a schema.</summary>
    public StructuralSchemaNode? AdditionalProperties { get; set; }

    /// <summary>additionalProperties: true (any value, kept by pruning).</summary>
    public bool AdditionalPropertiesAny { get; set; }

    /// <summary>additionalProperties: false.</summary>
    public bool AdditionalPropertiesFalse { get; set; }

    public bool HasAdditionalProperties => AdditionalProperties is not null || AdditionalPropertiesAny;

    public StructuralSchemaNode? Items { get; set; }

    public IReadOnlyList<string> Required { get; set; } = [];

    public bool HasDefault { get; set; }
    public JsonNode? Default { get; set; }

    public JsonArray? Enum { get; set; }

    public string? Pattern { get; set; }
    public Regex? PatternRegex { get; set; }
    public string? PatternError { get; set; }

    public double? Minimum { get; set; }
    public double? Maximum { get; set; }
    public bool ExclusiveMinimum { get; set; }
    public bool ExclusiveMaximum { get; set; }
    public double? MultipleOf { get; set; }

    public long? MinLength { get; set; }
    public long? MaxLength { get; set; }
    public long? MinItems { get; set; }
    public long? MaxItems { get; set; }
    public long? MinProperties { get; set; }
    public long? MaxProperties { get; set; }
    public bool UniqueItems { get; set; }

    public string? ListType { get; set; }
    public IReadOnlyList<string>? ListMapKeys { get; set; }
    public string? MapType { get; set; }

    public List<StructuralSchemaNode>? AllOf { get; set; }
    public List<StructuralSchemaNode>? AnyOf { get; set; }
    public List<StructuralSchemaNode>? OneOf { get; set; }
    public StructuralSchemaNode? Not { get; set; }

    /// <summary>The compiled x-kubernetes-validations rules of this node.</summary>
    public List<ValidationRule>? Rules { get; set; }

    /// <summary>Whether this node or a descendant (on the structural spine) carries CEL rules.</summary>
    public bool HasRulesBelow { get; set; }

    /// <summary>The types kube-openapi checks: x-kubernetes-int-or-string means integer or string.</summary>
    public IReadOnlyList<string> OpenApiTypes => IntOrString ? IntOrStringTypes : Type.Length == 0 ? [] : [Type];
}
