using System.Security.Cryptography.X509Certificates;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Tls;
using Org.BouncyCastle.Tls.Crypto;
using Org.BouncyCastle.Tls.Crypto.Impl.BC;

namespace Liqo.Sandbox.Liqo.Remote;

/// <summary>
/// A TLS 1.2/1.3 client (BouncyCastle) that presents a client certificate with an Ed25519, RSA or ECDSA key, which .NET's own
/// TLS stack cannot do for Ed25519, and trusts only the given CA and host name, like client-go with a kubeconfig.
/// </summary>
internal sealed class BouncyTlsClient(BcTlsCrypto crypto, X509Certificate2 trustedCa, string host,
    Org.BouncyCastle.X509.X509Certificate? clientCertificate, AsymmetricKeyParameter? clientKey) : DefaultTlsClient(crypto)
{
    public override TlsAuthentication GetAuthentication() => new Authentication(this);

    protected override ProtocolVersion[] GetSupportedVersions() => ProtocolVersion.TLSv13.DownTo(ProtocolVersion.TLSv12);

    private sealed class Authentication(BouncyTlsClient client) : TlsAuthentication
    {
        public void NotifyServerCertificate(TlsServerCertificate serverCertificate)
        {
            var chain = serverCertificate.Certificate;
            if (chain is null || chain.IsEmpty) throw new TlsFatalAlert(AlertDescription.bad_certificate);
            using var leaf = X509CertificateLoader.LoadCertificate(chain.GetCertificateAt(0).GetEncoded());
            using var x509Chain = new X509Chain();
            x509Chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            x509Chain.ChainPolicy.CustomTrustStore.Add(client._trustedCa);
            x509Chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            for (var i = 1; i < chain.Length; i++)
                x509Chain.ChainPolicy.ExtraStore.Add(X509CertificateLoader.LoadCertificate(chain.GetCertificateAt(i).GetEncoded()));
            if (!x509Chain.Build(leaf) || !leaf.MatchesHostname(client._host))
                throw new TlsFatalAlert(AlertDescription.bad_certificate);
        }

        public TlsCredentials? GetClientCredentials(Org.BouncyCastle.Tls.CertificateRequest certificateRequest)
        {
            if (client._clientCertificate is null || client._clientKey is null) return null;
            var context = client.m_context;
            var certificate = new Certificate(certificateRequest.GetCertificateRequestContext(),
                [new CertificateEntry(client.Crypto.CreateCertificate(client._clientCertificate.GetEncoded()), null)]);
            var algorithm = client._clientKey switch
            {
                Ed25519PrivateKeyParameters => SignatureAndHashAlgorithm.ed25519,
                ECPrivateKeyParameters when TlsUtilities.IsTlsV13(context) => SignatureScheme.GetSignatureAndHashAlgorithm(SignatureScheme.ecdsa_secp256r1_sha256),
                ECPrivateKeyParameters => new SignatureAndHashAlgorithm(HashAlgorithm.sha256, SignatureAlgorithm.ecdsa),
                _ when TlsUtilities.IsTlsV13(context) => SignatureAndHashAlgorithm.rsa_pss_rsae_sha256,
                _ => new SignatureAndHashAlgorithm(HashAlgorithm.sha256, SignatureAlgorithm.rsa),
            };
            return new BcDefaultTlsCredentialedSigner(new TlsCryptoParameters(context), (BcTlsCrypto)client.Crypto, client._clientKey,
                certificate, algorithm);
        }
    }

    private readonly X509Certificate2 _trustedCa = trustedCa;
    private readonly string _host = host;
    private readonly Org.BouncyCastle.X509.X509Certificate? _clientCertificate = clientCertificate;
    private readonly AsymmetricKeyParameter? _clientKey = clientKey;
}
