using System.Text;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Security;
using Xunit.Abstractions;

namespace Liqo.Sandbox.Tests.Liqo;

/// <summary>
/// Liqo's declarative peering (docs/advanced/peering/peering-via-cr.md): gateway keys, PublicKeys, a NodePort
/// GatewayServer with a fixed node port, a Tenant that tolerates no handshake, the RoleBinding and a hand-made
/// control-plane kubeconfig Secret: the CRD replicator uses it and the ResourceSlice leads to a virtual node.
/// </summary>
public sealed class DeclarativePeeringTests(ITestOutputHelper output)
{
    private static (string Private, string Public) X25519()
    {
        var key = new X25519PrivateKeyParameters(new SecureRandom());
        return (Convert.ToBase64String(key.GetEncoded()), Convert.ToBase64String(key.GeneratePublicKey().GetEncoded()));
    }

    private static V1Secret KeySecret(string ns, string remoteId, (string Private, string Public) keys) => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = "gw-keys", NamespaceProperty = ns,
            Labels = new Dictionary<string, string> { ["liqo.io/remote-cluster-id"] = remoteId, ["networking.liqo.io/gateway-resource"] = "true" },
        },
        Type = "Opaque",
        Data = new Dictionary<string, byte[]>
        {
            ["privateKey"] = Convert.FromBase64String(keys.Private), ["publicKey"] = Convert.FromBase64String(keys.Public),
        },
    };

    private static JsonObject PublicKey(string ns, string remoteId, string key) => new()
    {
        ["kind"] = "PublicKey",
        ["metadata"] = new JsonObject
        {
            ["name"] = "gw-publickey", ["namespace"] = ns,
            ["labels"] = new JsonObject { ["liqo.io/remote-cluster-id"] = remoteId, ["networking.liqo.io/gateway-resource"] = "true" },
        },
        ["spec"] = new JsonObject { ["publicKey"] = key },
    };

    [Fact]
    public async Task CustomResourcesAloneBuildAPeering()
    {
        await using var scope = await LiqoSandboxScope.StartAsync(output);
        var p = scope.Peering;
        await p.PrepareAsync();
        await p.ConfigureNetworkAsync();

        var providerKeys = X25519();
        var consumerKeys = X25519();
        await p.Provider.K.CoreV1.CreateNamespacedSecretAsync(KeySecret(p.ProviderTenantNs, p.C, providerKeys), p.ProviderTenantNs);
        await p.Consumer.K.CoreV1.CreateNamespacedSecretAsync(KeySecret(p.ConsumerTenantNs, p.P, consumerKeys), p.ConsumerTenantNs);
        await p.Provider.CreateAsync(Cr.PublicKey, p.ProviderTenantNs, PublicKey(p.ProviderTenantNs, p.C, consumerKeys.Public));
        await p.Consumer.CreateAsync(Cr.PublicKey, p.ConsumerTenantNs, PublicKey(p.ConsumerTenantNs, p.P, providerKeys.Public));
        await p.Provider.CreateAsync(Cr.GatewayServer, p.ProviderTenantNs, new JsonObject
        {
            ["kind"] = "GatewayServer",
            ["metadata"] = new JsonObject { ["name"] = "server", ["labels"] = new JsonObject { ["liqo.io/remote-cluster-id"] = p.C } },
            ["spec"] = new JsonObject
            {
                ["endpoint"] = new JsonObject { ["port"] = 51840, ["serviceType"] = "NodePort", ["nodePort"] = 30742 },
                ["mtu"] = 1340,
                ["secretRef"] = new JsonObject { ["name"] = "gw-keys" },
                ["serverTemplateRef"] = new JsonObject
                {
                    ["apiVersion"] = "networking.liqo.io/v1beta1", ["kind"] = "WgGatewayServerTemplate", ["name"] = "wireguard-server", ["namespace"] = "liqo",
                },
            },
        });
        var node = (await p.Provider.K.CoreV1.ListNodeAsync()).Items.Single();
        await p.Consumer.CreateAsync(Cr.GatewayClient, p.ConsumerTenantNs, new JsonObject
        {
            ["kind"] = "GatewayClient",
            ["metadata"] = new JsonObject { ["name"] = "client", ["labels"] = new JsonObject { ["liqo.io/remote-cluster-id"] = p.P } },
            ["spec"] = new JsonObject
            {
                ["clientTemplateRef"] = new JsonObject
                {
                    ["apiVersion"] = "networking.liqo.io/v1beta1", ["kind"] = "WgGatewayClientTemplate", ["name"] = "wireguard-client", ["namespace"] = "liqo",
                },
                ["secretRef"] = new JsonObject { ["name"] = "gw-keys" },
                ["endpoint"] = new JsonObject
                {
                    ["addresses"] = new JsonArray(node.Status.Addresses.First(a => a.Type == "InternalIP").Address), ["port"] = 30742, ["protocol"] = "UDP",
                },
                ["mtu"] = 1340,
            },
        });
        await p.WaitAsync(() => PlainPeering.ConnectionIs(p.Consumer, p.ConsumerTenantNs, p.P, "Connected"), "the consumer's Connection Connected");
        await p.WaitAsync(() => PlainPeering.ConnectionIs(p.Provider, p.ProviderTenantNs, p.C, "Connected"), "the provider's Connection Connected");
        Assert.Equal("gw-server", Assert.Single(await p.Provider.ListAsync(Cr.Connection, p.ProviderTenantNs))["metadata"]!["name"]!.GetValue<string>());

        // Authentication without handshake: the user binds the role and hands over a kubeconfig.
        await p.Provider.K.RbacAuthorizationV1.CreateNamespacedRoleBindingAsync(new V1RoleBinding
        {
            Metadata = new V1ObjectMeta { Name = "liqo-binding-liqo-remote-controlplane", Labels = new Dictionary<string, string> { ["liqo.io/remote-cluster-id"] = p.C } },
            RoleRef = new V1RoleRef { ApiGroup = "rbac.authorization.k8s.io", Kind = "ClusterRole", Name = "liqo-remote-controlplane" },
            Subjects = [new Rbacv1Subject { ApiGroup = "rbac.authorization.k8s.io", Kind = "User", Name = p.C }],
        }, p.ProviderTenantNs);
        await p.Provider.CreateAsync(Cr.Tenant, p.ProviderTenantNs, new JsonObject
        {
            ["kind"] = "Tenant",
            ["metadata"] = new JsonObject { ["name"] = "my-tenant", ["labels"] = new JsonObject { ["liqo.io/remote-cluster-id"] = p.C } },
            ["spec"] = new JsonObject { ["clusterID"] = p.C, ["authzPolicy"] = "TolerateNoHandshake", ["tenantCondition"] = "Active" },
        });
        var user = scope.Provider.Cluster.IssueClientCertificate(p.C, ["liqo.io"]);
        var kubeconfig = $"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: provider
              cluster:
                server: {scope.Provider.Server.ToString().TrimEnd('/')}
                certificate-authority-data: {TestCsr.B64(scope.Provider.Cluster.CaCertificatePem)}
            users:
            - name: {p.C}
              user:
                client-certificate-data: {TestCsr.B64(user.CertificatePem)}
                client-key-data: {TestCsr.B64(user.PrivateKeyPem)}
            contexts:
            - name: provider
              context:
                cluster: provider
                user: {p.C}
            current-context: provider
            """;
        await p.Consumer.K.CoreV1.CreateNamespacedSecretAsync(new V1Secret
        {
            Metadata = new V1ObjectMeta
            {
                Name = "cplane-secret",
                Labels = new Dictionary<string, string> { ["liqo.io/identity-type"] = "ControlPlane", ["liqo.io/remote-cluster-id"] = p.P },
                Annotations = new Dictionary<string, string> { ["liqo.io/remote-tenant-namespace"] = p.ProviderTenantNs },
            },
            Data = new Dictionary<string, byte[]> { ["kubeconfig"] = Encoding.UTF8.GetBytes(kubeconfig) },
        }, p.ConsumerTenantNs);

        await p.OffloadAsync(new JsonObject { ["cpu"] = 20, ["memory"] = "128Gi" }, "test");
        await p.WaitAsync(async () => await p.NodeReady("test"), "Node test Ready");
        var vn = await p.Consumer.GetAsync(Cr.VirtualNode, p.ConsumerTenantNs, "test");
        Assert.Equal("128Gi", ClusterClient.Str(vn, "spec", "resourceQuota", "hard", "memory"));
        Assert.Equal("20", ClusterClient.Str(vn, "spec", "resourceQuota", "hard", "cpu"));
        Assert.Equal("110", ClusterClient.Str(vn, "spec", "resourceQuota", "hard", "pods"));
        await p.WaitAsync(async () => ClusterClient.Str(await p.Consumer.GetAsync(Cr.ForeignCluster, null, p.P), "status", "role") == "Provider", "consumer FC Provider");
        await p.WaitAsync(async () => ClusterClient.Str(await p.Provider.GetAsync(Cr.ForeignCluster, null, p.C), "status", "role") == "Consumer", "provider FC Consumer");
    }
}
