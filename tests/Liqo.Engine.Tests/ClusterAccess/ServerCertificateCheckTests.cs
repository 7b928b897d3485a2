using System.Net;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Liqo.Engine.ClusterAccess;

namespace Liqo.Engine.Tests.ClusterAccess;

/// <summary>
/// The server certificate check with a server name (kubectl's --tls-server-name, client-go's tls.Config.ServerName): the
/// name is matched here against the certificate's subject alternative names as Go's VerifyHostname does, and the chain is
/// still verified against the kubeconfig's CA.
/// </summary>
public sealed class ServerCertificateCheckTests : IDisposable
{
    private readonly X509Certificate2 _ca = Authority("test-ca");
    private readonly X509Certificate2 _otherCa = Authority("other-ca");

    // what .NET reports for a leaf of a private CA requested by the IP host: chain untrusted, host not named
    private const SslPolicyErrors HostErrors = SslPolicyErrors.RemoteCertificateChainErrors | SslPolicyErrors.RemoteCertificateNameMismatch;

    public void Dispose()
    {
        _ca.Dispose();
        _otherCa.Dispose();
    }

    private static X509Certificate2 Authority(string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign, true));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
    }

    private static X509Certificate2 Leaf(X509Certificate2 issuer, string commonName, string[] dns, IPAddress[] ips)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={commonName}", key, HashAlgorithmName.SHA256);
        if (dns.Length + ips.Length > 0)
        {
            var san = new SubjectAlternativeNameBuilder();
            foreach (var d in dns) san.AddDnsName(d);
            foreach (var ip in ips) san.AddIpAddress(ip);
            request.CertificateExtensions.Add(san.Build());
        }
        var serial = RandomNumberGenerator.GetBytes(8);
        return request.Create(issuer, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddHours(1), serial);
    }

    private X509Certificate2 ApiServer() => Leaf(_ca, "kube-apiserver", ["localhost", "kubernetes", "*.svc.example"], [IPAddress.Loopback]);

    [Fact]
    public void TheServerNameReplacesTheHostAndTheChainIsStillVerified()
    {
        using var leaf = ApiServer();
        var check = new ServerCertificateCheck([_ca], "kubernetes");
        Assert.True(check.Verify(leaf, HostErrors));
        Assert.Null(check.Rejection);
        // the same name on a certificate of another CA: refused
        using var foreign = Leaf(_otherCa, "kube-apiserver", ["kubernetes"], []);
        Assert.False(check.Verify(foreign, HostErrors));
        // no CA to check the chain with: refused
        Assert.False(new ServerCertificateCheck(null, "kubernetes").Verify(leaf, HostErrors));
    }

    [Fact]
    public void AWrongServerNameIsRefusedWithGosWords()
    {
        using var leaf = ApiServer();
        var check = new ServerCertificateCheck([_ca], "other.example");
        // .NET found the host named: the server name still decides
        Assert.False(check.Verify(leaf, SslPolicyErrors.RemoteCertificateChainErrors));
        Assert.Equal("x509: certificate is valid for localhost, kubernetes, *.svc.example, not other.example", check.Rejection);
    }

    [Theory]
    [InlineData("api.svc.example", true)]
    [InlineData("a.b.svc.example", false)] // a wildcard stands for one label
    [InlineData("svc.example", false)]
    [InlineData("KUBERNETES", true)]
    [InlineData("127.0.0.1", true)]
    [InlineData("10.96.0.1", false)]
    [InlineData("kube-apiserver", false)] // never the Common Name (Go 1.15 and later)
    public void NamesMatchAsGosVerifyHostname(string name, bool matches)
    {
        using var leaf = ApiServer();
        Assert.Equal(matches, ServerCertificateCheck.NameError(leaf, name) is null);
    }

    [Fact]
    public void IpAndNamelessCertificatesGetGosMessages()
    {
        using var leaf = ApiServer();
        Assert.Equal("x509: certificate is valid for 127.0.0.1, not 10.96.0.1", ServerCertificateCheck.NameError(leaf, "10.96.0.1"));
        using var dnsOnly = Leaf(_ca, "x", ["kubernetes"], []);
        Assert.Equal("x509: cannot validate certificate for 10.96.0.1 because it doesn't contain any IP SANs", ServerCertificateCheck.NameError(dnsOnly, "10.96.0.1"));
        using var nameless = Leaf(_ca, "kubernetes", [], []);
        Assert.Equal("x509: certificate is not valid for any names, but wanted to match kubernetes", ServerCertificateCheck.NameError(nameless, "kubernetes"));
    }

    [Fact]
    public void WithoutAServerNameDotNetsHostCheckDecides()
    {
        using var leaf = ApiServer();
        var check = new ServerCertificateCheck([_ca], null);
        Assert.False(check.Verify(leaf, HostErrors));
        Assert.True(check.Verify(leaf, SslPolicyErrors.RemoteCertificateChainErrors));
        Assert.False(check.Verify(null, SslPolicyErrors.None));
    }
}
