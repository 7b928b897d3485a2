using System.Net;

namespace Liqo.Sandbox.Liqo.Runtime;

/// <summary>An IPv4 CIDR.</summary>
internal readonly record struct SimulatedCidr(uint Network, int Prefix)
{
    public uint Size => Prefix == 0 ? uint.MaxValue : 1u << (32 - Prefix);
    public uint Last => Network + (Size - 1);

    public static SimulatedCidr? Parse(string? text)
    {
        if (text is null) return null;
        var slash = text.IndexOf('/');
        if (slash < 0 || !IPAddress.TryParse(text[..slash], out var ip) || ip.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork
            || !int.TryParse(text[(slash + 1)..], out var prefix) || prefix is < 0 or > 32) return null;
        var b = ip.GetAddressBytes();
        var value = (uint)b[0] << 24 | (uint)b[1] << 16 | (uint)b[2] << 8 | b[3];
        var mask = prefix == 0 ? 0 : uint.MaxValue << (32 - prefix);
        return new SimulatedCidr(value & mask, prefix);
    }

    public bool Overlaps(SimulatedCidr other) => Network <= other.Last && other.Network <= Last;

    public static string Address(uint value) => $"{value >> 24}.{value >> 16 & 255}.{value >> 8 & 255}.{value & 255}";

    /// <summary>The n-th address of the block (0 = the network address).</summary>
    public string AddressAt(uint n) => Address(Network + n);

    public override string ToString() => $"{Address(Network)}/{Prefix}";

    /// <summary>Liqo IPAM's pools: the first free block of the same size, not overlapping anything used.</summary>
    public static SimulatedCidr? AllocateLike(SimulatedCidr wanted, IReadOnlyCollection<SimulatedCidr> used)
    {
        foreach (var pool in new[] { Parse("10.0.0.0/8")!.Value, Parse("172.16.0.0/12")!.Value, Parse("192.168.0.0/16")!.Value })
        {
            if (wanted.Prefix < pool.Prefix) continue;
            for (ulong start = pool.Network; start + wanted.Size - 1 <= pool.Last; start += wanted.Size)
            {
                var candidate = new SimulatedCidr((uint)start, wanted.Prefix);
                if (!used.Any(u => u.Overlaps(candidate))) return candidate;
            }
        }
        return null;
    }
}
