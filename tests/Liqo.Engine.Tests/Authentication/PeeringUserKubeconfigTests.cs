using Liqo.Engine.Authentication;
using Liqo.Engine.ClusterAccess;

namespace Liqo.Engine.Tests.Authentication;

/// <summary>The peering user's kubeconfig, laid out as Liqo's GenerateKubeconfig (clientcmd.Write) lays it out, and its roles.</summary>
public sealed class PeeringUserKubeconfigTests
{
    [Fact]
    public void IsLiqosKubeconfigAndLoads()
    {
        using var rsa = System.Security.Cryptography.RSA.Create(2048);
        var request = new System.Security.Cryptography.X509Certificates.CertificateRequest("CN=liqo-peer-user-milan-0, O=liqo.io", rsa,
            System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.RSASignaturePadding.Pkcs1);
        using var cert = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddDays(1));
        var pem = cert.ExportCertificatePem() + "\n";
        var text = PeeringUser.Kubeconfig("milan-user", "milan", "https://10.0.0.1:6443", pem, pem, rsa.ExportPkcs8PrivateKeyPem(), "liqo-tenant-milan");
        var lines = text.Split('\n');
        Assert.Equal(["apiVersion: v1", "clusters:", "- cluster:"], lines[..3]);
        Assert.Contains("    server: https://10.0.0.1:6443", lines);
        Assert.Contains("  name: milan", lines);
        Assert.Contains("    namespace: liqo-tenant-milan", lines);
        Assert.Contains("  name: default-context", lines);
        Assert.Contains("current-context: default-context", lines);
        Assert.Contains("preferences: {}", lines);
        Assert.Contains("- name: milan-user", lines);
        var (config, context) = KubeconfigLoader.BuildClientConfiguration(new KubeconfigSource(null, text, null));
        Assert.Equal("default-context", context);
        Assert.Equal("https://10.0.0.1:6443", config.Host.TrimEnd('/'));
        Assert.Equal("liqo-tenant-milan", config.Namespace);
    }

    [Fact]
    public void GetsTheMinimumClusterPermissionsOfLiqoctl()
    {
        var rules = PeeringUser.MinimumRules("milan").Select(r => r!.ToJsonString()).ToList();
        Assert.Equal(8, rules.Count);
        Assert.Equal("""{"apiGroups":["authentication.liqo.io"],"resources":["tenants"],"verbs":["update","get","delete"],"resourceNames":["milan"]}""", rules[0]);
        Assert.Contains("""{"apiGroups":["core.liqo.io"],"resources":["foreignclusters"],"verbs":["get","list"]}""", rules);
        Assert.Contains("""{"apiGroups":["authentication.liqo.io"],"resources":["tenants"],"verbs":["create","list"]}""", rules);
        Assert.DoesNotContain(rules, r => r.Contains("\"watch\"", StringComparison.Ordinal));
        Assert.Equal("liqo-peer-user-milan", PeeringUser.UserName("milan"));
    }
}
