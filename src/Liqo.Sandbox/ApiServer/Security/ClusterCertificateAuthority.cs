using System.Formats.Asn1;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Liqo.Sandbox.ApiServer.Security;

/// <summary>
/// A cluster's own ECDSA P-256 CA: the API server's serving certificate and client identities (CN = user, O = groups).
/// CSRs are signed by building the TBSCertificate by hand, so any subject key works (RSA, ECDSA, Ed25519).
/// </summary>
internal sealed class ClusterCertificateAuthority : IDisposable
{
    private const string ClientAuthOid = "1.3.6.1.5.5.7.3.2";
    private const string ServerAuthOid = "1.3.6.1.5.5.7.3.1";
    private readonly ECDsa _key;

    public ClusterCertificateAuthority(string clusterName)
    {
        _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var now = DateTimeOffset.UtcNow;
        var req = new CertificateRequest($"CN=liqo-sandbox-{clusterName}-ca", _key, HashAlgorithmName.SHA256);
        req.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        req.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign | X509KeyUsageFlags.DigitalSignature, true));
        req.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(req.PublicKey, false));
        Certificate = req.CreateSelfSigned(now.AddHours(-1), now.AddYears(10));
        CertificatePem = Certificate.ExportCertificatePem();
    }

    public X509Certificate2 Certificate { get; }
    public string CertificatePem { get; }

    /// <summary>The serving certificate: SANs for loopback and the in-cluster names of the kubernetes Service.</summary>
    public X509Certificate2 IssueServerCertificate()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var req = new CertificateRequest("CN=kube-apiserver", key, HashAlgorithmName.SHA256);
        req.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        req.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        req.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(ServerAuthOid)], false));
        req.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(Certificate, true, false));
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        san.AddIpAddress(IPAddress.IPv6Loopback);
        san.AddIpAddress(IPAddress.Parse("10.96.0.1"));
        foreach (var dns in new[] { "localhost", "kubernetes", "kubernetes.default", "kubernetes.default.svc", "kubernetes.default.svc.cluster.local" })
            san.AddDnsName(dns);
        req.CertificateExtensions.Add(san.Build());
        var now = DateTimeOffset.UtcNow;
        using var pub = req.Create(Certificate.SubjectName, X509SignatureGenerator.CreateForECDsa(_key), now.AddHours(-1), now.AddYears(1), Serial());
        using var withKey = pub.CopyWithPrivateKey(key);
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null, X509KeyStorageFlags.Exportable);
    }

    /// <summary>A client identity: CN = user, one O per group, EKU clientAuth.</summary>
    public IssuedCertificate IssueClient(string user, IReadOnlyList<string> groups, ClientKeyAlgorithm alg, TimeSpan validity)
    {
        var subject = Subject(user, groups);
        var now = DateTimeOffset.UtcNow;
        var notAfter = now + validity;
        if (alg == ClientKeyAlgorithm.Rsa2048)
        {
            using var rsa = RSA.Create(2048);
            var req = new CertificateRequest(subject, rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            AddClientExtensions(req.CertificateExtensions, X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment);
            using var cert = req.Create(Certificate.SubjectName, X509SignatureGenerator.CreateForECDsa(_key), now.AddMinutes(-5), notAfter, Serial());
            return new IssuedCertificate(cert.ExportCertificatePem(), rsa.ExportPkcs8PrivateKeyPem(), user, groups, notAfter);
        }
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var ecReq = new CertificateRequest(subject, ec, HashAlgorithmName.SHA256);
        AddClientExtensions(ecReq.CertificateExtensions, X509KeyUsageFlags.DigitalSignature);
        using var ecCert = ecReq.Create(Certificate.SubjectName, X509SignatureGenerator.CreateForECDsa(_key), now.AddMinutes(-5), notAfter, Serial());
        return new IssuedCertificate(ecCert.ExportCertificatePem(), ec.ExportPkcs8PrivateKeyPem(), user, groups, notAfter);
    }

    private void AddClientExtensions(ICollection<X509Extension> extensions, X509KeyUsageFlags usage)
    {
        extensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        extensions.Add(new X509KeyUsageExtension(usage, true));
        extensions.Add(new X509EnhancedKeyUsageExtension([new Oid(ClientAuthOid)], false));
        extensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(Certificate, true, false));
    }

    private static X500DistinguishedName Subject(string user, IReadOnlyList<string> groups)
    {
        var b = new X500DistinguishedNameBuilder();
        foreach (var g in groups) b.AddOrganizationName(g);
        b.AddCommonName(user);
        return b.Build();
    }

    /// <summary>
    /// Signs a PKCS#10 request (DER): subject and public key are taken as they are, extensions are the CA's choice
    /// (client certificate). RSA and ECDSA request signatures are verified; .NET cannot verify Ed25519 ones.
    /// </summary>
    public X509Certificate2 SignRequest(byte[] pkcs10Der, TimeSpan validity)
    {
        byte[] subject, spki;
        string keyOid;
        try
        {
            var outer = new AsnReader(pkcs10Der, AsnEncodingRules.DER).ReadSequence();
            var info = outer.ReadSequence();
            info.ReadInteger();
            subject = info.ReadEncodedValue().ToArray();
            spki = info.ReadEncodedValue().ToArray();
            var spkiReader = new AsnReader(spki, AsnEncodingRules.DER).ReadSequence();
            keyOid = spkiReader.ReadSequence().ReadObjectIdentifier();
        }
        catch (AsnContentException e)
        {
            throw new ArgumentException("not a PKCS#10 certificate request: " + e.Message, nameof(pkcs10Der), e);
        }
        var isRsa = keyOid == "1.2.840.113549.1.1.1";
        if (isRsa || keyOid == "1.2.840.10045.2.1")
        {
            // Throws CryptographicException when the signature is wrong.
            CertificateRequest.LoadSigningRequest(pkcs10Der, HashAlgorithmName.SHA256, CertificateRequestLoadOptions.UnsafeLoadCertificateExtensions);
        }
        else if (keyOid != "1.3.101.112")
            throw new ArgumentException($"unsupported subject key algorithm {keyOid}", nameof(pkcs10Der));

        var now = DateTimeOffset.UtcNow;
        var extensions = new List<X509Extension>();
        AddClientExtensions(extensions, isRsa ? X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment : X509KeyUsageFlags.DigitalSignature);

        var tbs = new AsnWriter(AsnEncodingRules.DER);
        using (tbs.PushSequence())
        {
            using (tbs.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 0))) tbs.WriteInteger(2);
            tbs.WriteIntegerUnsigned(Serial());
            WriteEcdsaSha256(tbs);
            tbs.WriteEncodedValue(Certificate.SubjectName.RawData);
            using (tbs.PushSequence())
            {
                tbs.WriteUtcTime(now.AddMinutes(-5));
                tbs.WriteUtcTime(now + validity);
            }
            tbs.WriteEncodedValue(subject);
            tbs.WriteEncodedValue(spki);
            using (tbs.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 3)))
            using (tbs.PushSequence())
                foreach (var ext in extensions)
                    using (tbs.PushSequence())
                    {
                        tbs.WriteObjectIdentifier(ext.Oid!.Value!);
                        if (ext.Critical) tbs.WriteBoolean(true);
                        tbs.WriteOctetString(ext.RawData);
                    }
        }
        var tbsDer = tbs.Encode();
        var signature = _key.SignData(tbsDer, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        var cert = new AsnWriter(AsnEncodingRules.DER);
        using (cert.PushSequence())
        {
            cert.WriteEncodedValue(tbsDer);
            WriteEcdsaSha256(cert);
            cert.WriteBitString(signature);
        }
        return X509CertificateLoader.LoadCertificate(cert.Encode());
    }

    private static void WriteEcdsaSha256(AsnWriter w)
    {
        using (w.PushSequence()) w.WriteObjectIdentifier("1.2.840.10045.4.3.2");
    }

    private static byte[] Serial()
    {
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7f;
        serial[0] |= 0x01;
        return serial;
    }

    /// <summary>Whether a presented client certificate chains to this CA and is within its validity.</summary>
    public bool Validates(X509Certificate2 cert)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(Certificate);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationFlags = X509VerificationFlags.IgnoreWrongUsage;
        return chain.Build(cert);
    }

    public void Dispose()
    {
        Certificate.Dispose();
        _key.Dispose();
    }
}
