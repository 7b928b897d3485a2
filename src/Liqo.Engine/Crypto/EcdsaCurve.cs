using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Digests;

namespace Liqo.Engine.Crypto;

/// <summary>
/// A NIST curve Liqo's ECDSA keys may use, with what Go's crypto/x509 does with it: the named-curve OID written in the
/// key's AlgorithmIdentifier, and the signature algorithm CreateCertificateRequest picks by default for that curve
/// (P-256 → ecdsa-with-SHA256, P-384 → ecdsa-with-SHA384, P-521 → ecdsa-with-SHA512).
/// </summary>
internal sealed class EcdsaCurve
{
    private readonly Func<IDigest> _csrDigest;

    private EcdsaCurve(string name, string oid, int orderBits, string csrSignatureOid, Func<IDigest> csrDigest)
    {
        Name = name;
        Oid = oid;
        OrderBits = orderBits;
        CsrSignatureOid = csrSignatureOid;
        _csrDigest = csrDigest;
    }

    public static readonly EcdsaCurve P256 = new("P-256", "1.2.840.10045.3.1.7", 256, Oids.EcdsaWithSha256, () => new Sha256Digest());
    public static readonly EcdsaCurve P384 = new("P-384", "1.3.132.0.34", 384, Oids.EcdsaWithSha384, () => new Sha384Digest());
    public static readonly EcdsaCurve P521 = new("P-521", "1.3.132.0.35", 521, Oids.EcdsaWithSha512, () => new Sha512Digest());

    /// <summary>Go's name of the curve (elliptic.Curve.Params().Name).</summary>
    public string Name { get; }

    public string Oid { get; }

    /// <summary>Bit length of the group order; private scalars are written in (OrderBits+7)/8 bytes, as Go does.</summary>
    public int OrderBits { get; }

    public string CsrSignatureOid { get; }

    public IDigest NewCsrDigest() => _csrDigest();

    public static EcdsaCurve? FromOid(string? oid) => oid switch
    {
        "1.2.840.10045.3.1.7" => P256,
        "1.3.132.0.34" => P384,
        "1.3.132.0.35" => P521,
        _ => null,
    };

    public static EcdsaCurve? FromName(string? name) => name switch
    {
        "P-256" => P256,
        "P-384" => P384,
        "P-521" => P521,
        _ => null,
    };
}
