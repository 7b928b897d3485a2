using System.Formats.Asn1;
using System.Text;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Math.EC.Multiplier;
using Org.BouncyCastle.Security;
using BcBigInteger = Org.BouncyCastle.Math.BigInteger;

namespace Liqo.Engine.Crypto;

/// <summary>
/// A cluster's Liqo authentication key pair, as the controller manager keeps it in the Secret
/// <c>authentication-keys</c> of the Liqo namespace: <c>data.privateKey</c> is PEM "PRIVATE KEY" (PKCS#8),
/// <c>data.publicKey</c> PEM "PUBLIC KEY" (PKIX). liqoctl reads the consumer's private key from it to build the Tenant
/// CSR (<see cref="TenantCsr"/>); the nonce-signer controller signs nonces with it (<see cref="SignNonce"/>).
/// Immutable; the private key never leaves this object except through <see cref="ExportPrivateKeyPem"/>.
/// </summary>
public sealed class ClusterKeys
{
    /// <summary>Name of the Secret, in the Liqo namespace, that holds the keys.</summary>
    public const string SecretName = "authentication-keys";

    /// <summary>Data key of the PEM private key.</summary>
    public const string PrivateKeyField = "privateKey";

    /// <summary>Data key of the PEM public key.</summary>
    public const string PublicKeyField = "publicKey";

    /// <summary>The PEM type Liqo writes the private key with.</summary>
    public const string PrivateKeyPemType = "PRIVATE KEY";

    /// <summary>Go 1.24 and later refuse to sign with RSA keys shorter than this (crypto/rsa, GODEBUG rsa1024min).</summary>
    public const int MinimumRsaBits = 1024;

    /// <summary>The RSA size Liqo generates in TLS compatibility mode.</summary>
    public const int LiqoRsaBits = 2048;

    private readonly AsymmetricKeyParameter _privateKey;

    private ClusterKeys(AsymmetricKeyParameter privateKey, ClusterPublicKey publicKey)
    {
        _privateKey = privateKey;
        PublicKey = publicKey;
    }

    public ClusterPublicKey PublicKey { get; }

    public ClusterKeyAlgorithm Algorithm => PublicKey.Algorithm;

    /// <summary>
    /// Loads the keys from the <c>data</c> of the Secret <c>authentication-keys</c> (values are the decoded bytes, as
    /// V1Secret.Data holds them). Like Liqo's GetClusterKeys both fields must be present and PEM; the private key must be
    /// PKCS#8. Stricter than Liqo: the public key must be the private key's, since a mismatch would only surface later as
    /// an InvalidCSR event on the provider.
    /// </summary>
    /// <param name="liqoNamespace">The namespace the Secret was read from, for error messages.</param>
    public static ClusterKeys FromSecretData(IDictionary<string, byte[]>? data, string liqoNamespace)
    {
        var where = $"{liqoNamespace}/{SecretName}";
        if (data is null || !data.TryGetValue(PrivateKeyField, out var privatePem) || privatePem is null || privatePem.Length == 0)
            throw Invalid(where, $"private key not found in secret {where} (no data.{PrivateKeyField})");
        if (!data.TryGetValue(PublicKeyField, out var publicPem) || publicPem is null || publicPem.Length == 0)
            throw Invalid(where, $"public key not found in secret {where} (no data.{PublicKeyField})");
        return FromPem(privatePem, publicPem, "secret " + where);
    }

    /// <summary>
    /// Loads a PEM PKCS#8 private key (the first PEM block; its type is not checked, as Liqo does not check it) and,
    /// when given, checks that the PEM PKIX public key belongs to it.
    /// </summary>
    /// <param name="source">Where the keys came from, for error messages.</param>
    public static ClusterKeys FromPem(byte[] privateKeyPem, byte[]? publicKeyPem = null, string? source = null)
    {
        ArgumentNullException.ThrowIfNull(privateKeyPem);
        var block = GoPem.Decode(privateKeyPem) ?? throw Invalid(source, "failed to decode private key in PEM format");
        var keys = FromPkcs8(block.Bytes, source);
        if (publicKeyPem is not null)
        {
            var pubBlock = GoPem.Decode(publicKeyPem) ?? throw Invalid(source, "failed to decode public key in PEM format");
            ClusterPublicKey stored;
            try
            {
                stored = ClusterPublicKey.FromPkixDer(pubBlock.Bytes, source);
            }
            catch (LiqoException e)
            {
                throw Invalid(source, "failed to parse public key: it is not a PKIX Ed25519, RSA or ECDSA (P-256, P-384, P-521) public key", e);
            }
            if (!stored.Equals(keys.PublicKey))
                throw Invalid(source, $"the public key ({stored}) is not the public half of the private key ({keys.PublicKey})");
        }
        return keys;
    }

    /// <summary>Loads a DER PKCS#8 private key: Ed25519, RSA, or ECDSA on P-256/P-384/P-521 (named curve).</summary>
    public static ClusterKeys FromPkcs8(byte[] der, string? source = null)
    {
        ArgumentNullException.ThrowIfNull(der);
        AsymmetricKeyParameter key;
        try
        {
            key = PrivateKeyFactory.CreateKey(der);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw Invalid(source, "failed to parse private key: it is not a valid PKCS#8 private key", e);
        }
        return FromPrivateKey(key, source);
    }

    /// <summary>
    /// Generates a new key pair as Liqo's controller manager does: Ed25519 by default, RSA-2048 in TLS compatibility
    /// mode; ECDSA on <paramref name="curve"/> ("P-256" when null) is offered for tests and completeness.
    /// </summary>
    public static ClusterKeys Generate(ClusterKeyAlgorithm algorithm = ClusterKeyAlgorithm.Ed25519, string? curve = null)
    {
        if (curve is not null && algorithm != ClusterKeyAlgorithm.Ecdsa)
            throw new ArgumentException($"A curve applies to ECDSA keys only, not to {algorithm}.", nameof(curve));
        var random = new SecureRandom();
        AsymmetricKeyParameter key;
        switch (algorithm)
        {
            case ClusterKeyAlgorithm.Ed25519:
                key = new Ed25519PrivateKeyParameters(random);
                break;
            case ClusterKeyAlgorithm.Rsa:
                // The platform's RSA (OpenSSL, CNG, Security.framework) finds primes an order of magnitude faster
                // than BouncyCastle's generator; e = 65537 as in Go.
                using (var rsa = System.Security.Cryptography.RSA.Create(LiqoRsaBits))
                {
                    var p = rsa.ExportParameters(includePrivateParameters: true);
                    key = new RsaPrivateCrtKeyParameters(Unsigned(p.Modulus), Unsigned(p.Exponent), Unsigned(p.D),
                        Unsigned(p.P), Unsigned(p.Q), Unsigned(p.DP), Unsigned(p.DQ), Unsigned(p.InverseQ));
                }
                break;
            case ClusterKeyAlgorithm.Ecdsa:
                var c = curve is null ? EcdsaCurve.P256
                    : EcdsaCurve.FromName(curve) ?? throw new ArgumentException($"Unsupported curve '{curve}': use P-256, P-384 or P-521.", nameof(curve));
                var ecGen = new ECKeyPairGenerator("EC");
                ecGen.Init(new ECKeyGenerationParameters(new DerObjectIdentifier(c.Oid), random));
                key = ecGen.GenerateKeyPair().Private;
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, null);
        }
        return FromPrivateKey(key, null);
    }

    private static BcBigInteger Unsigned(byte[]? bigEndian) =>
        new(1, bigEndian ?? throw new InvalidOperationException("the platform returned an incomplete RSA key"));

    /// <summary>The private key as DER PKCS#8, byte for byte as Go's x509.MarshalPKCS8PrivateKey writes it.</summary>
    public byte[] ExportPkcs8Der()
    {
        var w = new AsnWriter(AsnEncodingRules.DER);
        using (w.PushSequence())
        {
            w.WriteInteger(0);
            switch (_privateKey)
            {
                case Ed25519PrivateKeyParameters ed:
                    using (w.PushSequence()) w.WriteObjectIdentifier(Oids.Ed25519);
                    // CurvePrivateKey ::= OCTET STRING (the 32-byte seed), itself wrapped in the PKCS#8 OCTET STRING.
                    var seed = new AsnWriter(AsnEncodingRules.DER);
                    seed.WriteOctetString(ed.GetEncoded());
                    w.WriteOctetString(seed.Encode());
                    break;
                case RsaPrivateCrtKeyParameters rsa:
                    using (w.PushSequence())
                    {
                        w.WriteObjectIdentifier(Oids.RsaEncryption);
                        w.WriteNull();
                    }
                    // PKCS#1 RSAPrivateKey, two primes: version 0, n, e, d, p, q, dP, dQ, qInv.
                    var pkcs1 = new AsnWriter(AsnEncodingRules.DER);
                    using (pkcs1.PushSequence())
                    {
                        pkcs1.WriteInteger(0);
                        foreach (var v in new[] { rsa.Modulus, rsa.PublicExponent, rsa.Exponent, rsa.P, rsa.Q, rsa.DP, rsa.DQ, rsa.QInv })
                            Der.WriteUnsignedInteger(pkcs1, v);
                    }
                    w.WriteOctetString(pkcs1.Encode());
                    break;
                case ECPrivateKeyParameters ec:
                    var curve = PublicKey.EcCurve!;
                    using (w.PushSequence())
                    {
                        w.WriteObjectIdentifier(Oids.EcPublicKey);
                        w.WriteObjectIdentifier(curve.Oid);
                    }
                    // SEC 1 ECPrivateKey: version 1, the scalar in (order bits + 7) / 8 bytes, no [0] parameters
                    // (they are in the PKCS#8 AlgorithmIdentifier), [1] the uncompressed public point.
                    var sec1 = new AsnWriter(AsnEncodingRules.DER);
                    using (sec1.PushSequence())
                    {
                        sec1.WriteInteger(1);
                        sec1.WriteOctetString(Der.FixedLength(ec.D, (curve.OrderBits + 7) / 8));
                        using (sec1.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 1, isConstructed: true)))
                            sec1.WriteBitString(((ECPublicKeyParameters)PublicKey.Key).Q.Normalize().GetEncoded(false));
                    }
                    w.WriteOctetString(sec1.Encode());
                    break;
                default:
                    throw new InvalidOperationException("This RSA key has no CRT parameters and cannot be exported as PKCS#8.");
            }
        }
        return w.Encode();
    }

    /// <summary>The private key as PEM "PRIVATE KEY", as Liqo stores it in data.privateKey.</summary>
    public string ExportPrivateKeyPem() => GoPem.EncodeToString(PrivateKeyPemType, ExportPkcs8Der());

    /// <summary>The Secret data Liqo's InitClusterKeys writes for this key pair: privateKey and publicKey PEM bytes.</summary>
    public Dictionary<string, byte[]> ToSecretData() => new()
    {
        [PrivateKeyField] = Encoding.ASCII.GetBytes(ExportPrivateKeyPem()),
        [PublicKeyField] = PublicKey.PemBytes,
    };

    /// <summary>
    /// Signs as Liqo's SignNonce does: Ed25519 pure (no pre-hash) over the message, 64 bytes; RSA PKCS#1 v1.5 over
    /// SHA-256 of the message; ECDSA over SHA-256 of the message, ASN.1 DER (r, s), whatever the curve.
    /// Ed25519 and RSA signatures are deterministic; ECDSA ones are not.
    /// </summary>
    public byte[] Sign(byte[] message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return SignWith(Algorithm == ClusterKeyAlgorithm.Ecdsa ? new Sha256Digest() : null, message);
    }

    /// <summary>Signs a nonce: the signed bytes are those of the nonce string (the 88 ASCII characters of data.nonce), not its base64 decoding.</summary>
    public byte[] SignNonce(string nonce)
    {
        ArgumentNullException.ThrowIfNull(nonce);
        return Sign(Encoding.UTF8.GetBytes(nonce));
    }

    /// <summary>
    /// The signature Go's x509.CreateCertificateRequest puts on a CSR's TBS bytes with this key: PureEd25519,
    /// SHA256WithRSA, or ECDSA with SHA-256/384/512 chosen by the curve.
    /// </summary>
    internal byte[] SignCertificateRequest(byte[] tbs) =>
        SignWith(Algorithm == ClusterKeyAlgorithm.Ecdsa ? PublicKey.EcCurve!.NewCsrDigest() : null, tbs);

    /// <summary>Writes the CSR's signature AlgorithmIdentifier as Go does (NULL parameters for RSA only).</summary>
    internal void WriteCsrSignatureAlgorithm(AsnWriter w)
    {
        using (w.PushSequence())
        {
            switch (Algorithm)
            {
                case ClusterKeyAlgorithm.Ed25519:
                    w.WriteObjectIdentifier(Oids.Ed25519);
                    break;
                case ClusterKeyAlgorithm.Rsa:
                    w.WriteObjectIdentifier(Oids.Sha256WithRsa);
                    w.WriteNull();
                    break;
                default:
                    w.WriteObjectIdentifier(PublicKey.EcCurve!.CsrSignatureOid);
                    break;
            }
        }
    }

    private byte[] SignWith(IDigest? ecdsaDigest, byte[] message)
    {
        ISigner signer;
        ICipherParameters parameters = _privateKey;
        switch (_privateKey)
        {
            case Ed25519PrivateKeyParameters:
                signer = new Ed25519Signer();
                break;
            case RsaKeyParameters rsa:
                if (rsa.Modulus.BitLength < MinimumRsaBits)
                    throw new LiqoException(ErrorIds.ClusterKeysInvalid, LiqoErrorCategory.InvalidData, null,
                        $"The cluster's RSA key is {rsa.Modulus.BitLength} bits long; Liqo (Go) refuses to sign with RSA keys shorter than {MinimumRsaBits} bits.",
                        $"Recreate the Secret {SecretName} with a {LiqoRsaBits}-bit key (delete it and restart the Liqo controller manager).");
                signer = new RsaDigestSigner(new Sha256Digest());
                break;
            default:
                signer = new DsaDigestSigner(new ECDsaSigner(), ecdsaDigest!);
                parameters = new ParametersWithRandom(_privateKey, new SecureRandom());
                break;
        }
        signer.Init(true, parameters);
        signer.BlockUpdate(message, 0, message.Length);
        return signer.GenerateSignature();
    }

    private static ClusterKeys FromPrivateKey(AsymmetricKeyParameter key, string? source)
    {
        if (!key.IsPrivate) throw Invalid(source, "failed to parse private key: it is a public key");
        AsymmetricKeyParameter pub = key switch
        {
            Ed25519PrivateKeyParameters ed => ed.GeneratePublicKey(),
            RsaPrivateCrtKeyParameters rsa => new RsaKeyParameters(false, rsa.Modulus, rsa.PublicExponent),
            ECPrivateKeyParameters ec when EcdsaCurve.FromOid(ec.PublicKeyParamSet?.Id) is not null =>
                new ECPublicKeyParameters("EC", new FixedPointCombMultiplier().Multiply(ec.Parameters.G, ec.D).Normalize(), ec.PublicKeyParamSet),
            ECPrivateKeyParameters => throw Invalid(source, "unsupported elliptic curve: only P-256, P-384 and P-521, given by name, are supported"),
            _ => throw Invalid(source, "unsupported private key type: Liqo signs with Ed25519, RSA or ECDSA keys"),
        };
        return new ClusterKeys(key, ClusterPublicKey.FromKey(pub, source));
    }

    private static LiqoException Invalid(string? source, string why, Exception? inner = null) =>
        new(ErrorIds.ClusterKeysInvalid, LiqoErrorCategory.InvalidData, source,
            $"The cluster authentication keys{(source is null ? "" : " in " + source)} cannot be used: {why}.",
            $"The Liqo controller manager creates the Secret {SecretName} at start-up; if it was altered, delete it and restart the controller manager (the cluster then needs to re-authenticate with its peers).",
            inner);

    public override string ToString() => $"cluster keys ({PublicKey})";
}
