using System.Formats.Asn1;
using System.Text;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Security;

namespace Liqo.Engine.Crypto;

/// <summary>
/// The public half of a cluster's authentication keys: what the consumer puts in <c>Tenant.spec.publicKey</c> and what
/// the provider verifies the nonce signature and the CSR against. Its PKIX DER is re-encoded exactly as Go's
/// x509.MarshalPKIXPublicKey writes it, and <see cref="Pem"/> as pem.EncodeToMemory writes that DER.
/// </summary>
public sealed class ClusterPublicKey : IEquatable<ClusterPublicKey>
{
    /// <summary>The PEM type of a PKIX public key.</summary>
    public const string PemType = "PUBLIC KEY";

    /// <summary>Length of a raw Ed25519 public key (what pre-1.0.2 liqoctl put in Tenant.spec.publicKey).</summary>
    public const int RawEd25519Length = 32;

    private readonly byte[] _pkixDer;

    private ClusterPublicKey(AsymmetricKeyParameter key, ClusterKeyAlgorithm algorithm, EcdsaCurve? curve)
    {
        Key = key;
        Algorithm = algorithm;
        EcCurve = curve;
        _pkixDer = EncodePkix(key, curve);
        Pem = GoPem.EncodeToString(PemType, _pkixDer);
    }

    internal AsymmetricKeyParameter Key { get; }

    internal EcdsaCurve? EcCurve { get; }

    public ClusterKeyAlgorithm Algorithm { get; }

    /// <summary>"P-256", "P-384" or "P-521" for ECDSA keys; null otherwise.</summary>
    public string? Curve => EcCurve?.Name;

    /// <summary>256 for Ed25519, the modulus length for RSA, the curve's order length for ECDSA.</summary>
    public int KeySizeBits => Key switch
    {
        RsaKeyParameters rsa => rsa.Modulus.BitLength,
        _ when EcCurve is not null => EcCurve.OrderBits,
        _ => 256,
    };

    /// <summary>SubjectPublicKeyInfo DER, as Go's x509.MarshalPKIXPublicKey writes it (a fresh copy).</summary>
    public byte[] PkixDer => (byte[])_pkixDer.Clone();

    /// <summary>The PKIX DER as PEM "PUBLIC KEY", exactly as Go's pem.EncodeToMemory writes it (64-character lines, trailing newline).</summary>
    public string Pem { get; }

    /// <summary><see cref="Pem"/> as bytes (ASCII): what v1.2 liqoctl puts in Tenant.spec.publicKey.</summary>
    public byte[] PemBytes => Encoding.ASCII.GetBytes(Pem);

    /// <summary>The raw 32-byte key for Ed25519 (what liqoctl 1.0.0/1.0.1 put in Tenant.spec.publicKey); null for other algorithms.</summary>
    public byte[]? RawEd25519 => Key is Ed25519PublicKeyParameters ed ? ed.GetEncoded() : null;

    /// <summary>
    /// Verifies a signature as Liqo's VerifyNonce does: Ed25519 pure over the message; RSA PKCS#1 v1.5 over SHA-256
    /// of the message; ECDSA (ASN.1 DER signature) over SHA-256 of the message, whatever the curve.
    /// </summary>
    public bool Verify(byte[] message, byte[] signature)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(signature);
        ISigner signer;
        switch (Key)
        {
            case Ed25519PublicKeyParameters:
                signer = new Ed25519Signer();
                break;
            case RsaKeyParameters rsa:
                // Go's rsa.VerifyPKCS1v15 rejects signatures that are not exactly as long as the modulus.
                if (signature.Length != (rsa.Modulus.BitLength + 7) / 8) return false;
                signer = new RsaDigestSigner(new Sha256Digest());
                break;
            default:
                signer = new DsaDigestSigner(new ECDsaSigner(), new Sha256Digest());
                break;
        }
        try
        {
            signer.Init(false, Key);
            signer.BlockUpdate(message, 0, message.Length);
            return signer.VerifySignature(signature);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A malformed signature (bad DER, wrong length, value out of range) is simply not a valid signature.
            return false;
        }
    }

    /// <summary>Verifies a nonce signature: the signed bytes are the UTF-8 (in practice ASCII) bytes of the nonce string.</summary>
    public bool VerifyNonce(string nonce, byte[] signature)
    {
        ArgumentNullException.ThrowIfNull(nonce);
        return Verify(Encoding.UTF8.GetBytes(nonce), signature);
    }

    /// <summary>Parses a SubjectPublicKeyInfo (PKIX) DER public key: Ed25519, RSA or ECDSA on P-256/P-384/P-521.</summary>
    /// <param name="source">Where the key came from, for error messages (e.g. "Tenant liqo-tenant-x/x spec.publicKey").</param>
    public static ClusterPublicKey FromPkixDer(byte[] der, string? source = null)
    {
        ArgumentNullException.ThrowIfNull(der);
        AsymmetricKeyParameter key;
        try
        {
            key = PublicKeyFactory.CreateKey(der);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw Invalid(source, "it is not a valid PKIX (SubjectPublicKeyInfo) public key", e);
        }
        return FromKey(key, source);
    }

    /// <summary>Parses the first PEM block of <paramref name="pem"/> as a PKIX public key (the block type is not checked, as Liqo does not check it).</summary>
    public static ClusterPublicKey FromPem(byte[] pem, string? source = null)
    {
        ArgumentNullException.ThrowIfNull(pem);
        var block = GoPem.Decode(pem) ?? throw Invalid(source, "it holds no PEM block");
        return FromPkixDer(block.Bytes, source);
    }

    /// <summary>
    /// Parses <c>Tenant.spec.publicKey</c> as the v1.2 tenant controller does: a PEM block holding a PKIX public key
    /// (v1.0.2+ consumers), otherwise a raw 32-byte Ed25519 key (1.0.0/1.0.1 consumers).
    /// </summary>
    public static ClusterPublicKey FromTenantSpec(byte[] publicKey, string? source = null)
    {
        ArgumentNullException.ThrowIfNull(publicKey);
        var block = GoPem.Decode(publicKey);
        if (block is not null) return FromPkixDer(block.Bytes, source);
        if (publicKey.Length == RawEd25519Length) return FromRawEd25519(publicKey);
        throw Invalid(source, $"it is neither a PEM public key nor a raw {RawEd25519Length}-byte Ed25519 key ({publicKey.Length} bytes)");
    }

    /// <summary>Wraps a raw 32-byte Ed25519 public key.</summary>
    public static ClusterPublicKey FromRawEd25519(byte[] raw)
    {
        ArgumentNullException.ThrowIfNull(raw);
        if (raw.Length != RawEd25519Length)
            throw new ArgumentException($"An Ed25519 public key is {RawEd25519Length} bytes long, not {raw.Length}.", nameof(raw));
        return new ClusterPublicKey(new Ed25519PublicKeyParameters(raw), ClusterKeyAlgorithm.Ed25519, null);
    }

    internal static ClusterPublicKey FromKey(AsymmetricKeyParameter key, string? source)
    {
        if (key.IsPrivate) throw new ArgumentException("A public key was expected.", nameof(key));
        switch (key)
        {
            case Ed25519PublicKeyParameters:
                return new ClusterPublicKey(key, ClusterKeyAlgorithm.Ed25519, null);
            case RsaKeyParameters:
                return new ClusterPublicKey(key, ClusterKeyAlgorithm.Rsa, null);
            case ECPublicKeyParameters ec:
                var curve = EcdsaCurve.FromOid(ec.PublicKeyParamSet?.Id)
                    ?? throw Invalid(source, "its ECDSA curve is not one of P-256, P-384, P-521 (given by name)");
                return new ClusterPublicKey(key, ClusterKeyAlgorithm.Ecdsa, curve);
            default:
                throw Invalid(source, "its key type is not supported: Liqo signs with Ed25519, RSA or ECDSA keys");
        }
    }

    /// <summary>Go's x509.MarshalPKIXPublicKey.</summary>
    private static byte[] EncodePkix(AsymmetricKeyParameter key, EcdsaCurve? curve)
    {
        var w = new AsnWriter(AsnEncodingRules.DER);
        using (w.PushSequence())
        {
            switch (key)
            {
                case Ed25519PublicKeyParameters ed:
                    // AlgorithmIdentifier without parameters (RFC 8410).
                    using (w.PushSequence()) w.WriteObjectIdentifier(Oids.Ed25519);
                    w.WriteBitString(ed.GetEncoded());
                    break;
                case RsaKeyParameters rsa:
                    // rsaEncryption with NULL parameters; the key is PKCS#1 RSAPublicKey { n, e }.
                    using (w.PushSequence())
                    {
                        w.WriteObjectIdentifier(Oids.RsaEncryption);
                        w.WriteNull();
                    }
                    var inner = new AsnWriter(AsnEncodingRules.DER);
                    using (inner.PushSequence())
                    {
                        Der.WriteUnsignedInteger(inner, rsa.Modulus);
                        Der.WriteUnsignedInteger(inner, rsa.Exponent);
                    }
                    w.WriteBitString(inner.Encode());
                    break;
                case ECPublicKeyParameters ec:
                    // id-ecPublicKey with the named curve; the key is the uncompressed point 04||X||Y.
                    using (w.PushSequence())
                    {
                        w.WriteObjectIdentifier(Oids.EcPublicKey);
                        w.WriteObjectIdentifier(curve!.Oid);
                    }
                    w.WriteBitString(ec.Q.Normalize().GetEncoded(false));
                    break;
                default:
                    throw new InvalidOperationException("unsupported key type " + key.GetType().Name);
            }
        }
        return w.Encode();
    }

    private static LiqoException Invalid(string? source, string why, Exception? inner = null) =>
        new(ErrorIds.PublicKeyInvalid, LiqoErrorCategory.InvalidData, source,
            $"The public key{(source is null ? "" : " in " + source)} cannot be used: {why}.",
            "Liqo cluster public keys are PEM \"PUBLIC KEY\" blocks (PKIX) holding an Ed25519, RSA or ECDSA key.", inner);

    public bool Equals(ClusterPublicKey? other) => other is not null && _pkixDer.AsSpan().SequenceEqual(other._pkixDer);

    public override bool Equals(object? obj) => obj is ClusterPublicKey other && Equals(other);

    public override int GetHashCode()
    {
        var h = new HashCode();
        h.AddBytes(_pkixDer);
        return h.ToHashCode();
    }

    public override string ToString() => Curve is null ? $"{Algorithm} public key" : $"{Algorithm} {Curve} public key";
}
