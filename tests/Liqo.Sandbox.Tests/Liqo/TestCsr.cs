using System.Text;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.OpenSsl;
using Org.BouncyCastle.Pkcs;
using Org.BouncyCastle.X509;

namespace Liqo.Sandbox.Tests.Liqo;

/// <summary>What liqoctl builds on the consumer for a Tenant, written independently for the tests: PEM public key and CSR from the cluster key.</summary>
public static class TestCsr
{
    public static AsymmetricKeyParameter ReadPrivateKey(string pem)
    {
        using var reader = new PemReader(new StringReader(pem));
        var o = reader.ReadObject();
        return o switch
        {
            AsymmetricKeyParameter k => k,
            AsymmetricCipherKeyPair p => p.Private,
            _ => throw new InvalidOperationException("not a private key: " + o?.GetType().Name),
        };
    }

    public static AsymmetricKeyParameter PublicOf(AsymmetricKeyParameter key) => key switch
    {
        Ed25519PrivateKeyParameters ed => ed.GeneratePublicKey(),
        RsaPrivateCrtKeyParameters rsa => new RsaKeyParameters(false, rsa.Modulus, rsa.PublicExponent),
        _ => throw new ArgumentException(key.GetType().Name),
    };

    public static string PublicKeyPem(AsymmetricKeyParameter privateKey) =>
        Pem("PUBLIC KEY", SubjectPublicKeyInfoFactory.CreateSubjectPublicKeyInfo(PublicOf(privateKey)).GetEncoded());

    /// <summary>A CSR with subject O=&lt;organization&gt;, CN=&lt;commonName&gt;, signed with the key.</summary>
    public static string CsrPem(AsymmetricKeyParameter privateKey, string commonName, string organization)
    {
        var subject = new X509Name(new List<DerObjectIdentifier> { X509Name.O, X509Name.CN }, new List<string> { organization, commonName });
        var alg = privateKey is Ed25519PrivateKeyParameters ? "Ed25519" : "SHA256WITHRSA";
        return Pem("CERTIFICATE REQUEST", new Pkcs10CertificationRequest(alg, subject, PublicOf(privateKey), new DerSet(), privateKey).GetEncoded());
    }

    public static string Pem(string type, byte[] der)
    {
        var b64 = Convert.ToBase64String(der);
        var sb = new StringBuilder($"-----BEGIN {type}-----\n");
        for (var i = 0; i < b64.Length; i += 64) sb.Append(b64, i, Math.Min(64, b64.Length - i)).Append('\n');
        return sb.Append($"-----END {type}-----\n").ToString();
    }

    public static string B64(string text) => Convert.ToBase64String(Encoding.ASCII.GetBytes(text));
}
