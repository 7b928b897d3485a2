using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Text;

namespace Liqo.Engine.Crypto;

/// <summary>
/// A PKCS#10 certificate signing request built as Liqo's csr.go builds it (generateCSR → x509.CreateCertificateRequest):
/// <code>
/// CertificationRequest ::= SEQUENCE {
///   certificationRequestInfo SEQUENCE {
///     version        INTEGER 0,
///     subject        SEQUENCE { SET { SEQUENCE { 2.5.4.10, O } }, SET { SEQUENCE { 2.5.4.3, CN } } },
///     subjectPKInfo  the key's PKIX encoding (as x509.MarshalPKIXPublicKey),
///     attributes     [0] IMPLICIT SET {} (empty: no extensions, no attributes) },
///   signatureAlgorithm  SEQUENCE { id-Ed25519 } | SEQUENCE { sha256WithRSAEncryption, NULL } | SEQUENCE { ecdsa-with-SHA256/384/512 },
///   signature           BIT STRING }
/// </code>
/// PEM type "CERTIFICATE REQUEST", laid out as Go's pem.EncodeToMemory. Ed25519 and RSA PKCS#1 v1.5 signatures are
/// deterministic, so for those keys the bytes are identical to Go's and to every earlier run: the provider caches the
/// CSR in <c>liqo-remote-certificate</c> and refuses a different one ("the stored and the provided CSR do not match").
/// </summary>
public sealed class TenantCsr
{
    /// <summary>The PEM type of a CSR.</summary>
    public const string PemType = "CERTIFICATE REQUEST";

    /// <summary>The organization of control-plane and peering-user CSRs (Liqo's OrganizationControlPlaneCSR).</summary>
    public const string ControlPlaneOrganization = "liqo.io";

    private readonly byte[] _der;

    private TenantCsr(string commonName, string organization, byte[] der)
    {
        CommonName = commonName;
        Organization = organization;
        _der = der;
        PemText = GoPem.EncodeToString(PemType, der);
    }

    public string CommonName { get; }

    public string Organization { get; }

    /// <summary>The DER CSR (a fresh copy).</summary>
    public byte[] Der => (byte[])_der.Clone();

    /// <summary>The PEM CSR as text.</summary>
    public string PemText { get; }

    /// <summary>The PEM CSR as bytes: what goes, base64-encoded by the API machinery, into Tenant.spec.csr / ResourceSlice.spec.csr.</summary>
    public byte[] Pem => Encoding.ASCII.GetBytes(PemText);

    /// <summary>Liqo's GenerateCSRForControlPlane: CN = the consumer's cluster ID, O = liqo.io. Goes into Tenant.spec.csr.</summary>
    public static TenantCsr ForControlPlane(ClusterKeys keys, string consumerClusterId)
    {
        RequireNonEmpty(consumerClusterId, nameof(consumerClusterId));
        return Create(keys, consumerClusterId, ControlPlaneOrganization);
    }

    /// <summary>
    /// Liqo's GenerateCSRForResourceSlice (built by the consumer's local-resourceslice controller):
    /// CN = <see cref="ResourceSliceCommonName"/>, O = the consumer's cluster ID.
    /// </summary>
    public static TenantCsr ForResourceSlice(ClusterKeys keys, string resourceSliceName, string consumerClusterId)
    {
        RequireNonEmpty(resourceSliceName, nameof(resourceSliceName));
        RequireNonEmpty(consumerClusterId, nameof(consumerClusterId));
        return Create(keys, ResourceSliceCommonName(resourceSliceName, consumerClusterId), consumerClusterId);
    }

    /// <summary>
    /// Liqo's CommonNameResourceSliceCSR: <c>&lt;slice name&gt;-&lt;lowercase hex of the first 6 bytes of SHA-256(consumer cluster ID)&gt;</c>
    /// (12 hex digits; Go's fmt "%x" of h[:6]).
    /// </summary>
    public static string ResourceSliceCommonName(string resourceSliceName, string consumerClusterId)
    {
        ArgumentNullException.ThrowIfNull(resourceSliceName);
        ArgumentNullException.ThrowIfNull(consumerClusterId);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(consumerClusterId));
        return resourceSliceName + "-" + Convert.ToHexString(hash, 0, 6).ToLowerInvariant();
    }

    /// <summary>
    /// Liqo's GenerateCSRForPeerUser (liqoctl generate peering-user, run on the provider): CN =
    /// <c>liqo-peer-user-&lt;consumer cluster ID&gt;-&lt;32 lowercase hex digits of 16 random bytes&gt;</c>, O = liqo.io.
    /// Random by design: every call yields a different CN.
    /// </summary>
    public static TenantCsr ForPeerUser(ClusterKeys keys, string consumerClusterId)
    {
        RequireNonEmpty(consumerClusterId, nameof(consumerClusterId));
        return Create(keys, PeerUserCommonName(consumerClusterId, RandomNumberGenerator.GetBytes(16)), ControlPlaneOrganization);
    }

    internal static string PeerUserCommonName(string consumerClusterId, ReadOnlySpan<byte> suffix) =>
        $"liqo-peer-user-{consumerClusterId}-{Convert.ToHexString(suffix).ToLowerInvariant()}";

    /// <summary>
    /// Liqo's generateCSR for any subject: <c>pkix.Name{CommonName: commonName, Organization: [organization]}</c>
    /// signed with <paramref name="keys"/>. As in Go, an empty common name is left out of the subject.
    /// </summary>
    public static TenantCsr Create(ClusterKeys keys, string commonName, string organization)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(commonName);
        ArgumentNullException.ThrowIfNull(organization);

        var tbs = new AsnWriter(AsnEncodingRules.DER);
        using (tbs.PushSequence())
        {
            tbs.WriteInteger(0);
            tbs.WriteEncodedValue(GoDistinguishedName.Marshal(commonName, organization));
            tbs.WriteEncodedValue(keys.PublicKey.PkixDer);
            // No extensions and no attributes: Go still writes the [0] attribute set, empty (A0 00).
            using (tbs.PushSetOf(new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true))) { }
        }
        var tbsBytes = tbs.Encode();
        var signature = keys.SignCertificateRequest(tbsBytes);

        var csr = new AsnWriter(AsnEncodingRules.DER);
        using (csr.PushSequence())
        {
            csr.WriteEncodedValue(tbsBytes);
            keys.WriteCsrSignatureAlgorithm(csr);
            csr.WriteBitString(signature);
        }
        return new TenantCsr(commonName, organization, csr.Encode());
    }

    private static void RequireNonEmpty(string value, string name)
    {
        ArgumentNullException.ThrowIfNull(value, name);
        if (value.Length == 0) throw new ArgumentException("The value must not be empty.", name);
    }

    public override string ToString() => $"CSR CN={CommonName}, O={Organization}";
}
