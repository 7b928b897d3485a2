using Liqo.Sandbox.ApiServer.Schema.Cel;

namespace Liqo.Sandbox.ApiServer.Schema;

/// <summary>One x-kubernetes-validations entry, compiled.</summary>
internal sealed class ValidationRule
{
    public required string Rule { get; init; }
    public string Message { get; init; } = "";
    public string MessageExpression { get; init; } = "";
    public string? Reason { get; init; }
    public string FieldPath { get; init; } = "";

    /// <summary>The fieldPath as an error path suffix (e.g. <c>foo.bar</c>, <c>foo[key]</c>), or empty.</summary>
    public string NormalizedFieldPath { get; init; } = "";

    public bool OptionalOldSelf { get; init; }

    /// <summary>The parsed rule, or null when it could not be compiled.</summary>
    public CelExpr? Program { get; init; }

    public CelExpr? MessageProgram { get; init; }

    /// <summary>Why the rule could not be compiled, or null.</summary>
    public string? CompileError { get; init; }

    /// <summary>Transition rule: it references oldSelf.</summary>
    public bool UsesOldSelf { get; init; }
}
