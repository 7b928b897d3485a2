using System.Security.Cryptography.X509Certificates;

namespace Liqo.Sandbox;

/// <summary>The key algorithm of an issued client identity.</summary>
public enum ClientKeyAlgorithm { EcdsaP256, Rsa2048 }

/// <summary>How a written kubeconfig authenticates.</summary>
public enum KubeconfigAuth { ClientCertificate, Token }

/// <summary>A client certificate signed by a cluster's CA (CN = user, O = groups) with its PKCS#8 private key.</summary>
/// <param name="CertificatePem">The certificate, PEM.</param>
/// <param name="PrivateKeyPem">The private key, PKCS#8 PEM ("PRIVATE KEY").</param>
/// <param name="User">The subject CN.</param>
/// <param name="Groups">The subject O values.</param>
/// <param name="NotAfter">End of validity.</param>
public sealed record IssuedCertificate(string CertificatePem, string PrivateKeyPem, string User, IReadOnlyList<string> Groups, DateTimeOffset NotAfter)
{
    /// <summary>The certificate with its private key, usable for TLS client authentication.</summary>
    public X509Certificate2 ToX509() => X509Certificate2.CreateFromPem(CertificatePem, PrivateKeyPem);
}
