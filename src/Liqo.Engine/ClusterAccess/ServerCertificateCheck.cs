using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Liqo.Engine.ClusterAccess;

/// <summary>
/// Verifies the API server's certificate as client-go does: it must chain to the kubeconfig's certificate authority (or
/// the system's, when the kubeconfig names none) and name the server (its host, or --tls-server-name, which is also sent
/// as SNI). KubernetesClient alone checks only the chain when the kubeconfig has a CA, and so accepts a certificate the
/// CA issued for another name; this check is installed on the connection's first handler instead, and KubernetesClient
/// is not given the CA. Nothing is installed when
/// the kubeconfig or -InsecureSkipTlsVerify turn verification off.
/// </summary>
internal static class ServerCertificateCheck
{
    public static void Install(k8s.KubernetesClientConfiguration config)
    {
        if (config.SkipTlsVerify) return;
        var authorities = config.SslCaCerts;
        // KubernetesClient installs its own callback (chain only) where it has the CA, over the one set up here
        config.SslCaCerts = null;
        var serverName = config.TlsServerName;
        config.FirstMessageHandlerSetup = handler =>
        {
            if (!string.IsNullOrEmpty(serverName)) handler.SslOptions.TargetHost = serverName;
            handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, errors) => Verify(certificate, errors, authorities);
        };
    }

    /// <summary>The name (.NET checks it against the target host: the server's host or -TlsServerName) and the chain.</summary>
    internal static bool Verify(X509Certificate? certificate, SslPolicyErrors errors, X509Certificate2Collection? authorities)
    {
        if (certificate is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable)) return false;
        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch)) return false;
        if (!errors.HasFlag(SslPolicyErrors.RemoteCertificateChainErrors)) return true;
        if (authorities is not { Count: > 0 }) return false;
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(authorities);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (certificate is X509Certificate2 leaf) return chain.Build(leaf);
        using var copy = new X509Certificate2(certificate);
        return chain.Build(copy);
    }
}
