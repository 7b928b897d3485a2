namespace Liqo.Sandbox.ApiServer.Selectors;

/// <summary>One field selector requirement: field, operator (=, ==, !=) and value (escapes already undone).</summary>
public sealed record FieldRequirement(string Field, string Operator, string Value);

/// <summary>A parsed field selector (k=v, k==v, k!=v, comma-ANDed). CONTRACT STUB: the implementation replaces the bodies.</summary>
public sealed class FieldSelector
{
    private FieldSelector() { }

    /// <summary>Parses the query form; null or empty selects everything. Throws <see cref="SelectorParseException"/> with the server's message.</summary>
    public static FieldSelector Parse(string? text) => throw new NotImplementedException();

    public IReadOnlyList<FieldRequirement> Requirements => throw new NotImplementedException();

    /// <summary>Whether the object is selected; <paramref name="fieldValue"/> returns the value of a field label (null when absent).</summary>
    public bool Matches(Func<string, string?> fieldValue) => throw new NotImplementedException();
}
