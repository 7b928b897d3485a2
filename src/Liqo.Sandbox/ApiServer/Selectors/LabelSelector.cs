namespace Liqo.Sandbox.ApiServer.Selectors;

/// <summary>
/// A parsed label selector (=, ==, !=, in, notin, exists, !exists). CONTRACT STUB: the implementation replaces the bodies.
/// </summary>
public sealed class LabelSelector
{
    private LabelSelector() { }

    /// <summary>Parses the query form; null or empty selects everything. Throws <see cref="SelectorParseException"/> with the API server's message.</summary>
    public static LabelSelector Parse(string? text) => throw new NotImplementedException();

    /// <summary>True when the selector selects everything.</summary>
    public bool IsEmpty => throw new NotImplementedException();

    /// <summary>Whether an object with these labels (null = none) is selected.</summary>
    public bool Matches(IReadOnlyDictionary<string, string>? labels) => throw new NotImplementedException();
}

/// <summary>A selector the API server would refuse with 400 BadRequest; the message is the server's.</summary>
public sealed class SelectorParseException(string message) : Exception(message);
