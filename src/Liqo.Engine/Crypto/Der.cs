using System.Formats.Asn1;
using BcBigInteger = Org.BouncyCastle.Math.BigInteger;

namespace Liqo.Engine.Crypto;

/// <summary>Small DER helpers shared by the key and CSR encoders.</summary>
internal static class Der
{
    /// <summary>An INTEGER from a non-negative value, minimal two's complement as Go's encoding/asn1 writes a big.Int.</summary>
    public static void WriteUnsignedInteger(AsnWriter w, BcBigInteger value)
    {
        if (value.SignValue < 0) throw new ArgumentOutOfRangeException(nameof(value), "negative key component");
        if (value.SignValue == 0) { w.WriteInteger(0); return; }
        w.WriteIntegerUnsigned(value.ToByteArrayUnsigned());
    }

    /// <summary>A big-endian unsigned value left-padded with zeros to <paramref name="length"/> bytes (Go's big.Int.FillBytes).</summary>
    public static byte[] FixedLength(BcBigInteger value, int length)
    {
        var raw = value.ToByteArrayUnsigned();
        if (raw.Length > length) throw new ArgumentOutOfRangeException(nameof(value), "value too large for its field");
        var result = new byte[length];
        raw.CopyTo(result, length - raw.Length);
        return result;
    }
}
