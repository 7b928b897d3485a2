namespace Liqo.Sandbox.ApiServer.Schema.Cel;

/// <summary>The kinds of CEL tokens.</summary>
internal enum CelTokenKind
{
    Int,
    Uint,
    Double,
    String,
    Bytes,
    Ident,
    Punct,
    End,
}

/// <summary>One CEL token: its kind, its source text (or punctuation), its literal value and its offset.</summary>
internal readonly record struct CelToken(CelTokenKind Kind, string Text, object? Value, int Position)
{
    public bool Is(string punct) => Kind == CelTokenKind.Punct && Text == punct;
}
