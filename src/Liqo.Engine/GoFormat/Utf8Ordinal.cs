using System.Text;

namespace Liqo.Engine.GoFormat;

/// <summary>Go's string order (byte-wise on UTF-8), which encoding/json uses for map keys.</summary>
internal sealed class Utf8Ordinal : IComparer<string>
{
    public static Utf8Ordinal Instance { get; } = new();

    public int Compare(string? x, string? y)
    {
        if (ReferenceEquals(x, y)) return 0;
        if (x is null) return -1;
        if (y is null) return 1;
        var a = Encoding.UTF8.GetBytes(x);
        var b = Encoding.UTF8.GetBytes(y);
        return a.AsSpan().SequenceCompareTo(b);
    }
}
