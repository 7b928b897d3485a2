using System.Text;

namespace Liqo.Engine.GoFormat;

/// <summary>
/// The order in which go-yaml v2 (used by sigs.k8s.io/yaml) writes string map keys: at the first differing rune two
/// letters compare by code point, a non-letter sorts before a letter, and runs of digits compare by their numeric value
/// ("pod9" before "pod10"); a prefix sorts first.
/// </summary>
internal sealed class YamlV2KeyOrder : IComparer<string>
{
    public static YamlV2KeyOrder Instance { get; } = new();

    public int Compare(string? x, string? y)
    {
        if (x == y) return 0;
        if (x is null) return -1;
        if (y is null) return 1;
        return Less(x, y) ? -1 : Less(y, x) ? 1 : string.CompareOrdinal(x, y);
    }

    public static bool Less(string a, string b)
    {
        var ar = Runes(a);
        var br = Runes(b);
        for (var i = 0; i < ar.Length && i < br.Length; i++)
        {
            if (ar[i] == br[i]) continue;
            var al = Rune.IsLetter(ar[i]);
            var bl = Rune.IsLetter(br[i]);
            if (al && bl) return ar[i].Value < br[i].Value;
            if (al || bl) return bl;
            long an = 0, bn = 0;
            if (ar[i].Value == '0' || br[i].Value == '0')
            {
                for (var j = i - 1; j >= 0 && Rune.IsDigit(ar[j]); j--)
                {
                    if (ar[j].Value != '0')
                    {
                        an = 1;
                        bn = 1;
                        break;
                    }
                }
            }
            int ai, bi;
            for (ai = i; ai < ar.Length && Rune.IsDigit(ar[ai]); ai++) an = unchecked(an * 10 + (ar[ai].Value - '0'));
            for (bi = i; bi < br.Length && Rune.IsDigit(br[bi]); bi++) bn = unchecked(bn * 10 + (br[bi].Value - '0'));
            if (an != bn) return an < bn;
            if (ai != bi) return ai < bi;
            return ar[i].Value < br[i].Value;
        }
        return ar.Length < br.Length;
    }

    private static Rune[] Runes(string s)
    {
        var list = new List<Rune>(s.Length);
        foreach (var r in s.EnumerateRunes()) list.Add(r);
        return list.ToArray();
    }
}
