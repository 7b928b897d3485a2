using System.Net;

namespace Liqo.Engine.Networking;

/// <summary>IPv4/IPv6 CIDR arithmetic for remapping an address from one CIDR into another at the same offset.</summary>
public static class Cidr
{
    public static bool TryRemap(string address, string fromCidr, string toCidr, out string remapped)
    {
        remapped = address;
        if (!IPAddress.TryParse(address, out var ip) || !TryParse(fromCidr, out var from, out var fromBits) || !TryParse(toCidr, out var to, out var toBits)) return false;
        var a = ip.GetAddressBytes();
        var f = from.GetAddressBytes();
        var t = to.GetAddressBytes();
        if (a.Length != f.Length || f.Length != t.Length || !Contains(a, f, fromBits)) return false;
        var result = new byte[a.Length];
        for (var i = 0; i < a.Length; i++)
        {
            var bitsBefore = i * 8;
            var mask = (byte)(toBits >= bitsBefore + 8 ? 0xFF : toBits <= bitsBefore ? 0 : 0xFF << (8 - (toBits - bitsBefore)));
            result[i] = (byte)((t[i] & mask) | (a[i] & ~mask));
        }
        remapped = new IPAddress(result).ToString();
        return true;
    }

    private static bool Contains(byte[] a, byte[] network, int bits)
    {
        for (var i = 0; i < a.Length; i++)
        {
            var bitsBefore = i * 8;
            var mask = (byte)(bits >= bitsBefore + 8 ? 0xFF : bits <= bitsBefore ? 0 : 0xFF << (8 - (bits - bitsBefore)));
            if ((a[i] & mask) != (network[i] & mask)) return false;
        }
        return true;
    }

    /// <summary>Whether the text is a CIDR (address/prefix length).</summary>
    public static bool TryParse(string cidr, out int bits) => TryParse(cidr, out _, out bits);

    private static bool TryParse(string cidr, out IPAddress network, out int bits)
    {
        network = IPAddress.None;
        bits = 0;
        var parts = cidr.Split('/');
        return parts.Length == 2 && IPAddress.TryParse(parts[0], out network!) && int.TryParse(parts[1], out bits) && bits >= 0 && bits <= network.GetAddressBytes().Length * 8;
    }
}
