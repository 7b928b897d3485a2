namespace Liqo.Sandbox.ApiServer.Go;

/// <summary>
/// Go's order of strings (<c>&lt;</c>, strings.Compare): byte-wise on the UTF-8 encoding. fmt sorts map keys this way
/// for <c>%v</c>, encoding/json and json-iterator sort map keys this way, structured-merge-diff sorts key fields this way.
/// It differs from <see cref="StringComparer.Ordinal"/> (UTF-16 code units) only where a character outside the BMP
/// (a surrogate pair, 4 UTF-8 bytes from F0) meets one from U+E000 to U+FFFF (3 bytes from EE): UTF-8 puts the pair last.
/// </summary>
internal sealed class GoStringOrder : IComparer<string>
{
    public static readonly GoStringOrder Instance = new();

    private GoStringOrder()
    {
    }

    public int Compare(string? x, string? y)
    {
        if (ReferenceEquals(x, y)) return 0;
        if (x is null) return -1;
        if (y is null) return 1;
        var length = Math.Min(x.Length, y.Length);
        for (var i = 0; i < length; i++)
        {
            if (x[i] != y[i]) return Utf8Rank(x[i]).CompareTo(Utf8Rank(y[i]));
        }
        return x.Length.CompareTo(y.Length);
    }

    // Code units in UTF-8 order: surrogates (D800-DFFF) move above E000-FFFF, which move down to fill their place.
    // The first differing code units decide, as the UTF-8 bytes they start decide.
    private static int Utf8Rank(char c) => c switch
    {
        >= '\uE000' => c - 0x800,
        >= '\uD800' => c + 0x2000,
        _ => c,
    };
}
