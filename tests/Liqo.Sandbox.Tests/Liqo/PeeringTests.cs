using System.Text.Json.Nodes;
using k8s;
using Xunit.Abstractions;

namespace Liqo.Sandbox.Tests.Liqo;

/// <summary>A peering done only with plain Kubernetes objects (liqoctl's sequence) completes on the simulated Liqo, and unpeer's order removes it.</summary>
public sealed class PeeringTests(ITestOutputHelper output)
{
    [Fact]
    public async Task TheOwnCrdDefinitionsCarryAPeeringToo()
    {
        await using var scope = await LiqoSandboxScope.StartAsync(output, new global::Liqo.Sandbox.Liqo.LiqoSandboxOptions { OwnCrds = true });
        var p = scope.Peering;
        var crd = await p.Consumer.K.ApiextensionsV1.ReadCustomResourceDefinitionAsync("tenants.authentication.liqo.io");
        Assert.True(crd.Spec.Versions.Single().Schema.OpenAPIV3Schema.Properties["spec"].XKubernetesPreserveUnknownFields);
        await p.PeerAsync();
        var fc = await p.Consumer.GetAsync(Cr.ForeignCluster, null, p.P);
        await p.WaitAsync(async () => ClusterClient.Str(fc = await p.Consumer.GetAsync(Cr.ForeignCluster, null, p.P), "status", "role") == "Provider", "consumer FC role");
        await p.UnpeerAsync();
        await p.WaitAsync(async () => !(await p.Consumer.K.CoreV1.ListNodeAsync(labelSelector: "liqo.io/type=virtual-node")).Items.Any(), "virtual node gone");
    }

    [Fact]
    public async Task PlainObjectsPeerAndUnpeer()
    {
        await using var scope = await LiqoSandboxScope.StartAsync(output);
        var p = scope.Peering;
        await p.PeerAsync(new JsonObject { ["cpu"] = "2", ["pods"] = "10" });

        Assert.True(await PlainPeering.ConnectionIs(p.Consumer, p.ConsumerTenantNs, p.P, "Connected"));
        Assert.True(await PlainPeering.ConnectionIs(p.Provider, p.ProviderTenantNs, p.C, "Connected"));
        var slice = await p.Consumer.GetAsync(Cr.ResourceSlice, p.ConsumerTenantNs, p.P);
        Assert.Equal("Accepted", ClusterClient.Condition(slice, "Resources"));
        Assert.Equal("2", ClusterClient.Str(slice, "status", "resources", "cpu"));
        Assert.Equal("8Gi", ClusterClient.Str(slice, "status", "resources", "memory"));
        Assert.Equal("10", ClusterClient.Str(slice, "status", "resources", "pods"));
        Assert.Equal("20Gi", ClusterClient.Str(slice, "status", "resources", "ephemeral-storage"));
        Assert.NotNull(await p.Consumer.GetAsync(Cr.VirtualNode, p.ConsumerTenantNs, p.P));
        var node = (await p.Consumer.K.CoreV1.ListNodeAsync(labelSelector: "liqo.io/type=virtual-node")).Items.Single();
        Assert.Equal(p.P, node.Metadata.Name);
        Assert.Equal("agent", node.Metadata.Labels["kubernetes.io/role"]);
        Assert.Equal(p.P, node.Metadata.Labels["liqo.io/remote-cluster-id"]);
        Assert.Equal("v1.2.0", node.Status.NodeInfo.KubeletVersion);
        var taint = Assert.Single(node.Spec.Taints);
        Assert.Equal(("virtual-node.liqo.io/not-allowed", "true", "NoExecute"), (taint.Key, taint.Value, taint.Effect));
        Assert.Equal("2", node.Status.Capacity["cpu"].ToString());

        // The gateways' key Secrets hold real X25519 pairs, and each PublicKey carries the other side's key.
        foreach (var (c, ns, gw) in new[] { (p.Consumer, p.ConsumerTenantNs, "gw-" + p.P), (p.Provider, p.ProviderTenantNs, "gw-" + p.C) })
        {
            var keys = await c.K.CoreV1.ReadNamespacedSecretAsync(gw, ns);
            var derived = new Org.BouncyCastle.Crypto.Parameters.X25519PrivateKeyParameters(keys.Data["privateKey"], 0).GeneratePublicKey().GetEncoded();
            Assert.Equal(Convert.ToBase64String(derived), Convert.ToBase64String(keys.Data["publicKey"]));
        }
        var consumerPk = await p.Consumer.GetAsync(Cr.PublicKey, p.ConsumerTenantNs, p.P);
        var providerGwKeys = await p.Provider.K.CoreV1.ReadNamespacedSecretAsync("gw-" + p.C, p.ProviderTenantNs);
        Assert.Equal(Convert.ToBase64String(providerGwKeys.Data["publicKey"]), ClusterClient.Str(consumerPk, "spec", "publicKey"));

        // The Tenant's authParams point at the provider's real API server and CA.
        var tenant = await p.Provider.GetAsync(Cr.Tenant, p.ProviderTenantNs, p.C);
        Assert.Equal(scope.Provider.Server.ToString().TrimEnd('/'), ClusterClient.Str(tenant, "status", "authParams", "apiServer"));
        Assert.Equal(scope.Provider.Cluster.CaCertificatePem,
            System.Text.Encoding.ASCII.GetString(Convert.FromBase64String(ClusterClient.Str(tenant, "status", "authParams", "ca")!)));
        var binding = await p.Provider.K.RbacAuthorizationV1.ReadNamespacedRoleBindingAsync("liqo-binding-liqo-remote-controlplane", p.ProviderTenantNs);
        Assert.Equal(p.C, binding.Subjects.Single().Name);
        // The certificates came from Kubernetes CertificateSigningRequests the provider approved.
        var csrs = await p.Provider.K.CertificatesV1.ListCertificateSigningRequestAsync(labelSelector: "liqo.io/remote-tenant-csr=true");
        Assert.Equal(2, csrs.Items.Count);
        Assert.All(csrs.Items, csr =>
        {
            Assert.StartsWith("liqo-identity-", csr.Metadata.Name);
            Assert.Equal("kubernetes.io/kube-apiserver-client", csr.Spec.SignerName);
            Assert.Contains(csr.Status.Conditions, c => c.Type == "Approved" && c.Reason == "IdentityManagerApproval");
            Assert.NotEmpty(csr.Status.Certificate);
        });
        var quota = Assert.Single(await p.Provider.ListAsync(Cr.Quota, p.ProviderTenantNs));
        Assert.Equal("2", ClusterClient.Str(quota, "spec", "resources", "cpu"));
        await p.WaitAsync(async () => ClusterClient.Str(await p.Consumer.GetAsync(Cr.ForeignCluster, null, p.P), "status", "role") == "Provider", "consumer FC role");
        await p.WaitAsync(async () => ClusterClient.Str(await p.Provider.GetAsync(Cr.ForeignCluster, null, p.C), "status", "role") == "Consumer", "provider FC role");

        await p.UnpeerAsync();
        await p.WaitAsync(async () => !(await p.Consumer.K.CoreV1.ListNodeAsync(labelSelector: "liqo.io/type=virtual-node")).Items.Any(), "virtual node gone");
        await p.WaitAsync(async () => (await p.Provider.ListAsync(Cr.ResourceSlice, p.ProviderTenantNs)).Count == 0, "replica gone");
        await p.WaitAsync(async () => (await p.Consumer.ListAsync(Cr.Connection, p.ConsumerTenantNs)).Count == 0, "connection gone");
        await p.WaitAsync(async () => ClusterClient.Str(await p.Consumer.GetAsync(Cr.ForeignCluster, null, p.P), "status", "role") == "Unknown", "consumer FC Unknown");
        await p.WaitAsync(async () => ClusterClient.Str(await p.Provider.GetAsync(Cr.ForeignCluster, null, p.C), "status", "role") == "Unknown", "provider FC Unknown");
        await p.WaitAsync(async () => (await p.Provider.ListAsync(Cr.Quota, p.ProviderTenantNs)).Count == 0, "quota gone");
        await p.WaitAsync(async () => (await p.Consumer.K.AppsV1.ListNamespacedDeploymentAsync(p.ConsumerTenantNs)).Items.Count == 0, "consumer gateway and vk deployments gone");
        await p.WaitAsync(async () => (await p.Provider.K.AppsV1.ListNamespacedDeploymentAsync(p.ProviderTenantNs)).Items.Count == 0, "provider gateway deployment gone");
        Assert.Empty((await p.Provider.K.RbacAuthorizationV1.ListNamespacedRoleBindingAsync(p.ProviderTenantNs)).Items);
        Assert.Empty((await p.Consumer.K.CoreV1.ListNamespacedSecretAsync(p.ConsumerTenantNs, labelSelector: "liqo.io/identity-type")).Items);
        var fc = await p.Consumer.GetAsync(Cr.ForeignCluster, null, p.P);
        Assert.Equal("false", ClusterClient.Str(fc, "status", "modules", "networking", "enabled"));
        Assert.Equal("false", ClusterClient.Str(fc, "status", "modules", "offloading", "enabled"));
        // What unpeer leaves behind without --delete-namespaces.
        Assert.NotNull(await p.Provider.K.CoreV1.ReadNamespacedSecretAsync("liqo-nonce", p.ProviderTenantNs));
        Assert.NotNull(await p.Provider.K.CoreV1.ReadNamespacedSecretAsync("liqo-remote-certificate", p.ProviderTenantNs));
    }
}
