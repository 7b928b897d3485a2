using System.Security.Cryptography;
using System.Text;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Pkcs;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.X509;

namespace Liqo.Sandbox.Liqo.Crypto;

/// <summary>
/// A cluster's Liqo identity key pair, as Secret authentication-keys holds it: data.privateKey a PKCS#8 "PRIVATE KEY"
/// PEM, data.publicKey a PKIX "PUBLIC KEY" PEM. Ed25519 by default, RSA-2048 in TLS compatibility mode. Signs nonces the
/// way Liqo does: pure Ed25519, or RSA PKCS#1 v1.5 over SHA-256.
/// </summary>
internal sealed class SimulatedClusterKeys
{
    private SimulatedClusterKeys(AsymmetricKeyParameter privateKey, AsymmetricKeyParameter publicKey)
    {
        Private = privateKey;
        Public = publicKey;
        PrivateKeyPem = Pem.Encode("PRIVATE KEY", PrivateKeyInfoFactory.CreatePrivateKeyInfo(privateKey).GetEncoded());
        PublicKeyDer = SubjectPublicKeyInfoFactory.CreateSubjectPublicKeyInfo(publicKey).GetEncoded();
        PublicKeyPem = Pem.Encode("PUBLIC KEY", PublicKeyDer);
    }

    public AsymmetricKeyParameter Private { get; }
    public AsymmetricKeyParameter Public { get; }
    public string PrivateKeyPem { get; }
    public string PublicKeyPem { get; }
    /// <summary>The PKIX SubjectPublicKeyInfo (DER).</summary>
    public byte[] PublicKeyDer { get; }
    public bool IsRsa => Private is RsaKeyParameters;

    public static SimulatedClusterKeys Generate(LiqoKeyAlgorithm algorithm)
    {
        if (algorithm == LiqoKeyAlgorithm.Rsa2048)
        {
            using var rsa = RSA.Create(2048);
            return FromPkcs8(rsa.ExportPkcs8PrivateKey());
        }
        var priv = new Ed25519PrivateKeyParameters(new SecureRandom());
        return new SimulatedClusterKeys(priv, priv.GeneratePublicKey());
    }

    /// <summary>Reads data.privateKey of authentication-keys; null when it is not a PKCS#8 Ed25519 or RSA key.</summary>
    public static SimulatedClusterKeys? FromPrivateKeyPem(string pem)
    {
        var block = Pem.Decode(pem);
        if (block is not { Type: "PRIVATE KEY" }) return null;
        try
        {
            return FromPkcs8(block.Value.Der);
        }
        catch (Exception e) when (e is ArgumentException or InvalidCastException or SecurityUtilityException or IOException)
        {
            return null;
        }
    }

    private static SimulatedClusterKeys FromPkcs8(byte[] der)
    {
        var key = PrivateKeyFactory.CreateKey(der);
        return key switch
        {
            Ed25519PrivateKeyParameters ed => new SimulatedClusterKeys(ed, ed.GeneratePublicKey()),
            RsaPrivateCrtKeyParameters rsa =>
                new SimulatedClusterKeys(rsa, new RsaKeyParameters(false, rsa.Modulus, rsa.PublicExponent)),
            _ => throw new ArgumentException("unsupported key type " + key.GetType().Name),
        };
    }

    /// <summary>Signs the bytes (for a nonce: the ASCII bytes of the nonce string).</summary>
    public byte[] Sign(byte[] data)
    {
        ISigner signer = IsRsa ? new RsaDigestSigner(new Sha256Digest()) : new Ed25519Signer();
        signer.Init(true, Private);
        signer.BlockUpdate(data, 0, data.Length);
        return signer.GenerateSignature();
    }

    public byte[] SignNonce(string nonce) => Sign(Encoding.ASCII.GetBytes(nonce));

    /// <summary>
    /// A Tenant's spec.publicKey as a key: a PEM "PUBLIC KEY" (PKIX, Ed25519 or RSA) or, from consumers before v1.0.2, the
    /// raw 32-byte Ed25519 key. Null when it is neither.
    /// </summary>
    public static AsymmetricKeyParameter? ParseTenantPublicKey(byte[] value)
    {
        try
        {
            if (value.Length == 32) return new Ed25519PublicKeyParameters(value, 0);
            var block = Pem.Decode(value);
            if (block is not { Type: "PUBLIC KEY" }) return null;
            var key = PublicKeyFactory.CreateKey(block.Value.Der);
            return key is Ed25519PublicKeyParameters or RsaKeyParameters { IsPrivate: false } ? key : null;
        }
        catch (Exception e) when (e is ArgumentException or InvalidCastException or SecurityUtilityException or IOException or FormatException)
        {
            return null;
        }
    }

    /// <summary>The PKIX encoding of a public key (to compare a CSR's key with a Tenant's).</summary>
    public static byte[] Pkix(AsymmetricKeyParameter publicKey) => SubjectPublicKeyInfoFactory.CreateSubjectPublicKeyInfo(publicKey).GetEncoded();

    /// <summary>Liqo's VerifyNonce: Ed25519, or RSA PKCS#1 v1.5 with SHA-256.</summary>
    public static bool Verify(AsymmetricKeyParameter publicKey, byte[] data, byte[] signature)
    {
        ISigner signer = publicKey is RsaKeyParameters ? new RsaDigestSigner(new Sha256Digest()) : new Ed25519Signer();
        try
        {
            signer.Init(false, publicKey);
            signer.BlockUpdate(data, 0, data.Length);
            return signer.VerifySignature(signature);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or CryptoException)
        {
            return false;
        }
    }
}
