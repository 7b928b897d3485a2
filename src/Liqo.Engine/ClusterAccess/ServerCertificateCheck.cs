using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Liqo.Engine.ClusterAccess;

/// <summary>
/// Verifies the API server's certificate as client-go does: it must chain to the kubeconfig's certificate authority (or
/// the system's, when the kubeconfig names none) and name the server: its host, or the tls-server-name of the kubeconfig
/// cluster or -TlsServerName (client-go's tls.Config.ServerName). KubernetesClient alone checks only the chain when the
/// kubeconfig has a CA, and so accepts a certificate the CA issued for another name; this check is installed on the
/// connection's first handler instead, and KubernetesClient is not given the CA. .NET's SocketsHttpHandler checks the name
/// against the request's host whatever SslOptions.TargetHost says, so with a server name the check here ignores .NET's
/// name verdict and matches the certificate's subject alternative names against the server name itself, as Go's
/// VerifyHostname does (DNS names with a wildcard for the leftmost label, IP addresses; never the Common Name); the chain
/// is verified either way. SocketsHttpHandler also sets SNI from the request's host, so the handshake sends the host
/// (kubectl sends the server name); a server that picks its certificate by SNI is not reached through this. Nothing is
/// installed when the kubeconfig or -InsecureSkipTlsVerify turn verification off.
/// </summary>
internal sealed class ServerCertificateCheck
{
    private readonly X509Certificate2Collection? _authorities;
    private readonly string? _serverName;
    private string? _rejection;

    internal ServerCertificateCheck(X509Certificate2Collection? authorities, string? serverName)
    {
        _authorities = authorities;
        _serverName = string.IsNullOrEmpty(serverName) ? null : serverName;
    }

    /// <summary>The name the certificate is verified against instead of the host, or null (the host).</summary>
    public string? ServerName => _serverName;

    /// <summary>Why the last certificate was refused for its names, in Go's words (x509: certificate is valid for ...), or null.</summary>
    public string? Rejection => Volatile.Read(ref _rejection);

    /// <summary>Installs the check on the connection's handler; null when verification is off.</summary>
    public static ServerCertificateCheck? Install(k8s.KubernetesClientConfiguration config)
    {
        if (config.SkipTlsVerify) return null;
        var check = new ServerCertificateCheck(config.SslCaCerts, config.TlsServerName);
        // KubernetesClient installs its own callback (chain only) where it has the CA, over the one set up here
        config.SslCaCerts = null;
        config.FirstMessageHandlerSetup = handler =>
        {
            handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, errors) => check.Verify(certificate, errors);
        };
        return check;
    }

    /// <summary>The name (the host as .NET checked it, or the server name checked here) and the chain.</summary>
    internal bool Verify(X509Certificate? certificate, SslPolicyErrors errors)
    {
        if (certificate is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable)) return false;
        var leaf = certificate as X509Certificate2 ?? new X509Certificate2(certificate);
        try
        {
            if (_serverName is null)
            {
                if (errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch)) return false;
            }
            else if (NameError(leaf, _serverName) is { } error)
            {
                Volatile.Write(ref _rejection, error);
                return false;
            }
            if (!errors.HasFlag(SslPolicyErrors.RemoteCertificateChainErrors)) return true;
            if (_authorities is not { Count: > 0 }) return false;
            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.AddRange(_authorities);
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            return chain.Build(leaf);
        }
        finally
        {
            if (!ReferenceEquals(leaf, certificate)) leaf.Dispose();
        }
    }

    /// <summary>
    /// Go's VerifyHostname: null when the certificate's subject alternative names match <paramref name="name"/>, else
    /// crypto/x509's HostnameError text.
    /// </summary>
    internal static string? NameError(X509Certificate2 certificate, string name)
    {
        var isIp = IPAddress.TryParse(name.Trim('[', ']'), out _);
        if (certificate.MatchesHostname(name, allowWildcards: true, allowCommonName: false)) return null;
        var san = certificate.Extensions.OfType<X509SubjectAlternativeNameExtension>().FirstOrDefault();
        if (isIp)
        {
            var ips = san?.EnumerateIPAddresses().Select(a => a.ToString()).ToList() ?? [];
            return ips.Count == 0
                ? $"x509: cannot validate certificate for {name} because it doesn't contain any IP SANs"
                : $"x509: certificate is valid for {string.Join(", ", ips)}, not {name}";
        }
        var dns = san?.EnumerateDnsNames().ToList() ?? [];
        return dns.Count == 0
            ? $"x509: certificate is not valid for any names, but wanted to match {name}"
            : $"x509: certificate is valid for {string.Join(", ", dns)}, not {name}";
    }
}
