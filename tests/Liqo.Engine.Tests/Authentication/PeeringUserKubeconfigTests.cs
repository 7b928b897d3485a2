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
    public void ChoosesTheApiServerAddressByTypeInLiqosOrderOverAllControlPlaneNodes()
    {
        static System.Text.Json.Nodes.JsonObject Node(params (string Type, string Address)[] addresses) => new()
        {
            ["status"] = new System.Text.Json.Nodes.JsonObject
            {
                ["addresses"] = new System.Text.Json.Nodes.JsonArray(addresses.Select(a =>
                    (System.Text.Json.Nodes.JsonNode?)new System.Text.Json.Nodes.JsonObject { ["type"] = a.Type, ["address"] = a.Address }).ToArray()),
            },
        };
        // an ExternalIP on the second node wins over the first node's InternalIP and Hostname
        Assert.Equal("203.0.113.7", PeeringUser.NodeAddress([Node(("InternalIP", "10.0.0.1"), ("Hostname", "cp-1")), Node(("ExternalIP", "203.0.113.7"))]));
        Assert.Equal("cp.example.org", PeeringUser.NodeAddress([Node(("InternalIP", "10.0.0.1")), Node(("ExternalDNS", "cp.example.org"), ("ExternalIP", "203.0.113.7"))]));
        Assert.Equal("10.0.0.1", PeeringUser.NodeAddress([Node(("Hostname", "cp-1"), ("InternalIP", "10.0.0.1"))]));
        Assert.Equal("cp-1", PeeringUser.NodeAddress([Node(("Hostname", "cp-1"))]));
        Assert.Null(PeeringUser.NodeAddress([Node()]));
        Assert.Equal(["node-role.kubernetes.io/control-plane", "node-role.kubernetes.io/master", "node-role.kubernetes.io/controlplane"],
            PeeringUser.ControlPlaneNodeLabels);
        Assert.Equal("liqo-peer-user-milan", PeeringUser.UserName("milan"));
    }
}
