using System.Collections.Immutable;
using System.Text;
using k8s;
using Liqo.Sandbox.Liqo;
using Org.BouncyCastle.Crypto.Parameters;
using Xunit.Abstractions;

namespace Liqo.Sandbox.Tests.Liqo;

/// <summary>What a client finds in a freshly installed sandbox cluster, as `liqoctl install` leaves a real one.</summary>
public sealed class InstallationTests(ITestOutputHelper output)
{
    [Fact]
    public async Task AFreshClusterLooksInstalled()
    {
        await using var scope = await LiqoSandboxScope.StartAsync(output);
        var c = scope.Peering.Consumer;

        Assert.Equal("consumer", await c.ClusterIdAsync());
        var cm = await c.K.CoreV1.ReadNamespacedConfigMapAsync("liqo-clusterid-configmap", "liqo");
        Assert.Equal("clusterid-configmap", cm.Metadata.Labels["app.kubernetes.io/name"]);

        var keys = await c.K.CoreV1.ReadNamespacedSecretAsync("authentication-keys", "liqo");
        var privatePem = Encoding.ASCII.GetString(keys.Data["privateKey"]);
        var publicPem = Encoding.ASCII.GetString(keys.Data["publicKey"]);
        Assert.StartsWith("-----BEGIN PRIVATE KEY-----\n", privatePem);
        Assert.StartsWith("-----BEGIN PUBLIC KEY-----\n", publicPem);
        Assert.IsType<Ed25519PrivateKeyParameters>(TestCsr.ReadPrivateKey(privatePem));
        Assert.Equal(publicPem, TestCsr.PublicKeyPem(TestCsr.ReadPrivateKey(privatePem)));

        var consumerPod = ClusterClient.Str((await c.ListAsync(Cr.Network, "liqo", "ipam.liqo.io/network-type=pod-cidr")).Single(), "status", "cidr");
        var providerPod = ClusterClient.Str((await scope.Peering.Provider.ListAsync(Cr.Network, "liqo", "ipam.liqo.io/network-type=pod-cidr")).Single(), "status", "cidr");
        Assert.NotEqual(consumerPod, providerPod);
        foreach (var type in new[] { "pod-cidr", "service-cidr", "external-cidr", "internal-cidr" })
            Assert.NotNull(ClusterClient.Str((await c.ListAsync(Cr.Network, "liqo", "ipam.liqo.io/network-type=" + type)).Single(), "status", "cidr"));
        Assert.NotNull(ClusterClient.Str(await c.GetAsync(Cr.Ip, "liqo", "api-server-proxy"), "status", "ip"));

        Assert.NotNull(await c.GetAsync(Cr.WgServerTemplate, "liqo", "wireguard-server"));
        Assert.NotNull(await c.GetAsync(Cr.WgClientTemplate, "liqo", "wireguard-client"));
        Assert.NotNull(await c.GetAsync(new Cr("offloading.liqo.io", "v1beta1", "vkoptionstemplates"), "liqo", "virtual-kubelet-default"));

        var deployments = await c.K.AppsV1.ListNamespacedDeploymentAsync("liqo",
            labelSelector: "app.kubernetes.io/name=controller-manager,app.kubernetes.io/component=controller-manager");
        var manager = Assert.Single(deployments.Items);
        var container = Assert.Single(manager.Spec.Template.Spec.Containers, x => x.Name == "controller-manager");
        Assert.EndsWith(":v1.2.0", container.Image);
        var pods = await c.K.CoreV1.ListNamespacedPodAsync("liqo");
        Assert.NotEmpty(pods.Items);
        Assert.All(pods.Items, pod => Assert.Contains(pod.Status.Conditions, x => x.Type == "Ready" && x.Status == "True"));

        var nodes = await c.K.CoreV1.ListNodeAsync();
        var node = Assert.Single(nodes.Items);
        Assert.True(node.Metadata.Labels.ContainsKey("node-role.kubernetes.io/control-plane"));
        var providerNode = Assert.Single((await scope.Peering.Provider.K.CoreV1.ListNodeAsync()).Items);
        Assert.NotEqual(node.Status.Addresses.First(a => a.Type == "InternalIP").Address,
            providerNode.Status.Addresses.First(a => a.Type == "InternalIP").Address);
    }

    [Fact]
    public async Task KnobsChangeTheInstallation()
    {
        var options = new LiqoSandboxOptions
        {
            Clusters = new Dictionary<string, LiqoOptions>
            {
                ["consumer"] = new() { LiqoVersion = "v1.1.0", KeyAlgorithm = LiqoKeyAlgorithm.Rsa2048, UnhealthyPod = "liqo-crd-replicator" },
                ["provider"] = new() { Installed = false },
            }.ToImmutableDictionary(),
        };
        await using var scope = await LiqoSandboxScope.StartAsync(output, options);
        var c = scope.Peering.Consumer;
        var manager = await c.K.AppsV1.ReadNamespacedDeploymentAsync("liqo-controller-manager", "liqo");
        Assert.Equal("ghcr.io/liqotech/liqo-controller-manager:v1.1.0", manager.Spec.Template.Spec.Containers.Single().Image);
        Assert.Contains("--tls-compatibility-mode=true", manager.Spec.Template.Spec.Containers.Single().Args);
        var keys = await c.K.CoreV1.ReadNamespacedSecretAsync("authentication-keys", "liqo");
        var key = Assert.IsType<RsaPrivateCrtKeyParameters>(TestCsr.ReadPrivateKey(Encoding.ASCII.GetString(keys.Data["privateKey"])));
        Assert.Equal(2048, key.Modulus.BitLength);

        var pods = (await c.K.CoreV1.ListNamespacedPodAsync("liqo")).Items;
        var unhealthy = Assert.Single(pods, pod => pod.Status.Conditions.Any(x => x.Type == "Ready" && x.Status == "False"));
        Assert.StartsWith("liqo-crd-replicator-", unhealthy.Metadata.Name);
        Assert.Equal("CrashLoopBackOff", unhealthy.Status.ContainerStatuses.Single().State.Waiting.Reason);
        Assert.True(unhealthy.Status.ContainerStatuses.Single().RestartCount > 0);

        // Liqo not installed: no cluster-ID ConfigMap (liqoctl: configmaps "configmaps" not found), no liqo namespace, no Liqo API.
        var p = scope.Peering.Provider;
        Assert.Empty((await p.K.CoreV1.ListNamespacedConfigMapAsync("liqo", labelSelector: "app.kubernetes.io/name in (clusterid-configmap)")).Items);
        Assert.DoesNotContain((await p.K.CoreV1.ListNamespaceAsync()).Items, n => n.Metadata.Name == "liqo");
        var e = await Assert.ThrowsAsync<k8s.Autorest.HttpOperationException>(() => p.ListAsync(Cr.ForeignCluster));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, e.Response.StatusCode);
        Assert.False(scope.Provider.Installed);
    }
}
