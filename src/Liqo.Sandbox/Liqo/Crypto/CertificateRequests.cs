using System.Security.Cryptography;
using System.Text;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Pkcs;
using Org.BouncyCastle.Security;

namespace Liqo.Sandbox.Liqo.Crypto;

/// <summary>A parsed PKCS#10 request: subject common name, organizations, the PKIX public key and whether its signature verifies.</summary>
internal sealed record ParsedCsr(string CommonName, IReadOnlyList<string> Organizations, byte[] PublicKeyPkix, bool SignatureValid, byte[] Der);

/// <summary>
/// Liqo's CSRs: built with the cluster key (subject O then CN, as Go marshals a pkix.Name; no extensions, an empty
/// attribute set), PEM "CERTIFICATE REQUEST"; and the provider's checks with Liqo's error texts.
/// </summary>
internal static class CertificateRequests
{
    public const string ControlPlaneOrganization = "liqo.io";

    /// <summary>A PEM CSR for the subject, signed with the cluster key (pure Ed25519 or SHA256withRSA).</summary>
    public static string Build(SimulatedClusterKeys keys, string commonName, string organization)
    {
        var subject = new X509Name(new List<DerObjectIdentifier> { X509Name.O, X509Name.CN }, new List<string> { organization, commonName });
        var csr = new Pkcs10CertificationRequest(keys.IsRsa ? "SHA256WITHRSA" : "Ed25519", subject, keys.Public, new DerSet(), keys.Private);
        return Pem.Encode("CERTIFICATE REQUEST", csr.GetEncoded());
    }

    /// <summary>The common name of a ResourceSlice CSR: &lt;slice&gt;-&lt;hex of the first 6 bytes of sha256(consumer ID)&gt;.</summary>
    public static string ResourceSliceCommonName(string sliceName, string consumerClusterId) =>
        sliceName + "-" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(consumerClusterId)), 0, 6).ToLowerInvariant();

    /// <summary>Parses a PEM CSR; the error text is Liqo's ("invalid CSR") or the parser's.</summary>
    public static ParsedCsr Parse(byte[] pem)
    {
        var block = Pem.Decode(pem);
        if (block is null || block.Value.HasRest) throw new CsrException("invalid CSR");
        Pkcs10CertificationRequest csr;
        try
        {
            csr = new Pkcs10CertificationRequest(block.Value.Der);
        }
        catch (Exception e) when (e is ArgumentException or InvalidCastException or IOException or Asn1Exception)
        {
            throw new CsrException("x509: malformed certificate request");
        }
        var info = csr.GetCertificationRequestInfo();
        var cn = info.Subject.GetValueList(X509Name.CN).FirstOrDefault() ?? "";
        var orgs = info.Subject.GetValueList(X509Name.O).ToList();
        bool valid;
        try
        {
            valid = csr.Verify();
        }
        catch (Exception e) when (e is ArgumentException or InvalidCastException or SecurityUtilityException or InvalidOperationException)
        {
            valid = false;
        }
        return new ParsedCsr(cn, orgs, info.SubjectPublicKeyInfo.GetEncoded(), valid, block.Value.Der);
    }

    /// <summary>Liqo's CheckCSRForControlPlane: CN = the consumer's cluster ID, O[0] = liqo.io, key = the Tenant's key.</summary>
    public static ParsedCsr CheckControlPlane(byte[] csrPem, byte[] tenantPublicKey, string clusterId) =>
        Check(csrPem, tenantPublicKey, true, clusterId, ControlPlaneOrganization);

    /// <summary>Liqo's CheckCSRForResourceSlice: CN = slice name + hash, O[0] = the consumer's ID, key = the Tenant's (unless no handshake).</summary>
    public static ParsedCsr CheckResourceSlice(byte[] csrPem, byte[]? tenantPublicKey, bool checkKey, string sliceName, string consumerClusterId) =>
        Check(csrPem, tenantPublicKey, checkKey, ResourceSliceCommonName(sliceName, consumerClusterId), consumerClusterId);

    private static ParsedCsr Check(byte[] csrPem, byte[]? tenantPublicKey, bool checkKey, string commonName, string organization)
    {
        var csr = Parse(csrPem);
        if (csr.CommonName != commonName) throw new CsrException("invalid common name");
        if (csr.Organizations.Count == 0 || csr.Organizations[0] != organization) throw new CsrException("invalid organization");
        if (checkKey)
        {
            if (tenantPublicKey is not { Length: > 0 }) throw new CsrException("invalid public key");
            var key = SimulatedClusterKeys.ParseTenantPublicKey(tenantPublicKey)
                ?? throw new CsrException("invalid public key");
            if (!SimulatedClusterKeys.Pkix(key).AsSpan().SequenceEqual(csr.PublicKeyPkix)) throw new CsrException("invalid public key");
        }
        return csr;
    }
}

/// <summary>A CSR that Liqo's checks refuse.</summary>
internal sealed class CsrException(string message) : Exception(message);
