using k8s;
using k8s.Models;
using Xunit.Abstractions;

namespace Liqo.Sandbox.Tests.Liqo;

/// <summary>
/// Pods of an offloaded namespace on the virtual node: the virtual kubelet reflects them to the provider as ShadowPods,
/// the provider runs them, and their status comes back; Services, EndpointSlices, ConfigMaps and Secrets are reflected;
/// unoffloading leaves nothing reflected; a gone virtual node sends the pods home. Namespaces are offloaded with a
/// NamespaceOffloading, as liqoctl offload namespace does, so Liqo's pod webhook adds the toleration and affinity.
/// </summary>
public sealed class OffloadedWorkloadTests(ITestOutputHelper output)
{
    private static readonly Cr ShadowPod = new("offloading.liqo.io", "v1beta1", "shadowpods");
    private static readonly Cr ShadowEndpointSlice = new("offloading.liqo.io", "v1beta1", "shadowendpointslices");

    /// <summary>liqoctl offload namespace: the NamespaceOffloading, waited for until Ready; returns the remote namespace (DefaultName).</summary>
    private static async Task<string> OffloadAsync(PlainPeering p, string strategy, string ns = "demo")
    {
        await NamespaceOffloadingTests.CreateNamespaceAsync(p.Consumer, ns);
        await p.Consumer.CreateAsync(NamespaceOffloadingTests.Nsoff, ns, NamespaceOffloadingTests.Offloading(ns, pod: strategy));
        await NamespaceOffloadingTests.WaitForPhaseAsync(p, ns, "Ready");
        return $"{ns}-{p.C}";
    }

    private static async Task<List<V1Pod>> PodsOn(ClusterClient c, string ns, string node) =>
        (await WorkloadTests.RunningPods(c, ns, "app=web")).Where(p => p.Spec.NodeName == node).ToList();

    [Fact]
    public async Task PodsOnTheVirtualNodeRunOnTheProviderAndTheirStatusComesBack()
    {
        await using var scope = await LiqoSandboxScope.StartAsync(output);
        var p = scope.Peering;
        await p.PeerAsync();
        var remoteNs = await OffloadAsync(p, "Remote");
        await p.Consumer.K.AppsV1.CreateNamespacedDeploymentAsync(WorkloadTests.Deployment("web", 3), "demo");

        await p.WaitAsync(async () => (await PodsOn(p.Consumer, "demo", p.P)).Count == 3, "3 pods Running on the virtual node", TimeSpan.FromSeconds(60));
        var locals = await PodsOn(p.Consumer, "demo", p.P);
        var shadows = await p.Provider.ListAsync(ShadowPod, remoteNs);
        Assert.Equal(locals.Select(l => l.Metadata.Name).Order(), shadows.Select(s => ClusterClient.Str(s, "metadata", "name")).Order());
        var virtualNode = await p.Consumer.K.CoreV1.ReadNodeAsync(p.P);
        var nodeIp = virtualNode.Status.Addresses.Single(a => a.Type == "InternalIP").Address;
        foreach (var local in locals)
        {
            Assert.Equal("true", local.Metadata.Labels["liqo.io/shadowPod"]);
            var shadow = shadows.Single(s => ClusterClient.Str(s, "metadata", "name") == local.Metadata.Name);
            Assert.Equal(p.C, ClusterClient.Str(shadow, "metadata", "labels", "offloading.liqo.io/origin"));
            Assert.Equal(p.P, ClusterClient.Str(shadow, "metadata", "labels", "offloading.liqo.io/destination"));
            Assert.Equal(p.P, ClusterClient.Str(shadow, "metadata", "labels", "offloading.liqo.io/nodename"));
            Assert.Null(ClusterClient.At(shadow, "metadata", "labels", "liqo.io/shadowPod"));
            Assert.Contains(local.Spec.Tolerations, t => t.Key == "virtual-node.liqo.io/not-allowed");
            Assert.NotNull(local.Spec.Affinity?.NodeAffinity);
            Assert.DoesNotContain("virtual-node.liqo.io/not-allowed", ClusterClient.At(shadow, "spec", "pod", "tolerations")?.ToJsonString() ?? "");
            Assert.Null(ClusterClient.At(shadow, "spec", "pod", "affinity"));
            var remote = await p.Provider.K.CoreV1.ReadNamespacedPodAsync(local.Metadata.Name, remoteNs);
            Assert.Equal("shadowpod", remote.Metadata.Labels["liqo.io/managed-by"]);
            Assert.Equal("web", remote.Metadata.Labels["app"]);
            Assert.Equal(ClusterClient.Str(shadow, "metadata", "uid"), Assert.Single(remote.Metadata.OwnerReferences).Uid);
            Assert.Equal("provider-control-plane", remote.Spec.NodeName);
            Assert.Equal("Running", remote.Status.Phase);
            Assert.Equal(remote.Status.PodIP, local.Status.PodIP);
            Assert.Equal(nodeIp, local.Status.HostIP);
            Assert.NotEqual(remote.Status.HostIP, local.Status.HostIP);
            Assert.Equal(remote.Status.ContainerStatuses.Single().ImageID, local.Status.ContainerStatuses.Single().ImageID);
            Assert.Equal("Running", ClusterClient.Str((await p.Provider.GetAsync(ShadowPod, remoteNs, local.Metadata.Name))!, "status", "phase"));
        }

        // The provider's kubelet fails one pod: the consumer's pod turns Failed, and its ReplicaSet replaces it.
        var victim = locals[0].Metadata.Name;
        scope.Provider.UpdateOptions(o => o with { FailedPods = o.FailedPods.Add(victim) });
        await p.WaitAsync(async () =>
        {
            var pod = await p.Consumer.K.CoreV1.ReadNamespacedPodAsync(victim, "demo");
            return pod.Status.Phase == "Failed" && pod.Status.ContainerStatuses.Single().State.Terminated?.ExitCode == 1
                && pod.Status.Conditions.Single(c => c.Type == "Ready").Status == "False";
        }, "the failure reflected on the consumer");
        Assert.Equal("Failed", ClusterClient.Str((await p.Provider.GetAsync(ShadowPod, remoteNs, victim))!, "status", "phase"));
        await p.WaitAsync(async () => (await PodsOn(p.Consumer, "demo", p.P)).Count == 3, "a replacement Running on the virtual node");

        // Deleting a consumer pod deletes its ShadowPod and the provider's pod.
        var deleted = (await PodsOn(p.Consumer, "demo", p.P))[0].Metadata.Name;
        await p.Consumer.K.CoreV1.DeleteNamespacedPodAsync(deleted, "demo");
        await p.WaitAsync(async () => await p.Provider.GetAsync(ShadowPod, remoteNs, deleted) is null
            && (await p.Provider.K.CoreV1.ListNamespacedPodAsync(remoteNs)).Items.All(x => x.Metadata.Name != deleted), "the remote pod gone");
        await p.WaitAsync(async () => (await PodsOn(p.Consumer, "demo", p.P)).Count == 3
            && (await WorkloadTests.RunningPods(p.Provider, remoteNs, "app=web")).Count == 3, "3 again on both sides");
    }

    [Fact]
    public async Task ServicesEndpointSlicesConfigMapsAndSecretsAreReflectedAndUnmappingLeavesNothing()
    {
        await using var scope = await LiqoSandboxScope.StartAsync(output);
        var p = scope.Peering;
        await p.PeerAsync();
        var remoteNs = await OffloadAsync(p, "LocalAndRemote");
        var c = p.Consumer.K;
        await c.AppsV1.CreateNamespacedDeploymentAsync(WorkloadTests.Deployment("web", 2, nodeSelector: new Dictionary<string, string> { ["liqo.io/type"] = "virtual-node" }), "demo");
        await c.AppsV1.CreateNamespacedDeploymentAsync(WorkloadTests.Deployment("local", 1,
            nodeSelector: new Dictionary<string, string> { ["kubernetes.io/hostname"] = "consumer-control-plane" }), "demo");
        await c.CoreV1.CreateNamespacedServiceAsync(new V1Service
        {
            Metadata = new V1ObjectMeta { Name = "web", Labels = new Dictionary<string, string> { ["tier"] = "front" } },
            Spec = new V1ServiceSpec { Selector = new Dictionary<string, string> { ["app"] = "web" }, Ports = [new V1ServicePort { Port = 80, TargetPort = 80 }] },
        }, "demo");
        await c.CoreV1.CreateNamespacedServiceAsync(new V1Service
        {
            Metadata = new V1ObjectMeta { Name = "local" },
            Spec = new V1ServiceSpec { Selector = new Dictionary<string, string> { ["app"] = "local" }, Ports = [new V1ServicePort { Port = 80 }] },
        }, "demo");
        await c.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "settings" }, Data = new Dictionary<string, string> { ["a"] = "1" } }, "demo");
        await c.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap
        {
            Metadata = new V1ObjectMeta { Name = "private", Annotations = new Dictionary<string, string> { ["liqo.io/skip-reflection"] = "true" } },
        }, "demo");
        await c.CoreV1.CreateNamespacedSecretAsync(new V1Secret { Metadata = new V1ObjectMeta { Name = "token" }, StringData = new Dictionary<string, string> { ["t"] = "s3cr3t" } }, "demo");

        var selector = $"offloading.liqo.io/origin={p.C},offloading.liqo.io/destination={p.P}";
        await p.WaitAsync(async () =>
        {
            var svc = (await p.Provider.K.CoreV1.ListNamespacedServiceAsync(remoteNs, labelSelector: selector)).Items;
            var cms = (await p.Provider.K.CoreV1.ListNamespacedConfigMapAsync(remoteNs, labelSelector: selector)).Items;
            var secrets = (await p.Provider.K.CoreV1.ListNamespacedSecretAsync(remoteNs, labelSelector: selector)).Items;
            var slices = await p.Provider.ListAsync(ShadowEndpointSlice, remoteNs);
            return svc.Count == 2 && cms.Count == 2 && secrets.Count == 1 && slices.Count == 2
                && (await WorkloadTests.RunningPods(p.Provider, remoteNs, "app=web")).Count == 2;
        }, "everything reflected", TimeSpan.FromSeconds(60));

        var remoteSvc = await p.Provider.K.CoreV1.ReadNamespacedServiceAsync("web", remoteNs);
        Assert.Equal("front", remoteSvc.Metadata.Labels["tier"]);
        Assert.Equal("web", remoteSvc.Spec.Selector["app"]);
        Assert.NotEqual((await c.CoreV1.ReadNamespacedServiceAsync("web", "demo")).Spec.ClusterIP, remoteSvc.Spec.ClusterIP);
        var cms = (await p.Provider.K.CoreV1.ListNamespacedConfigMapAsync(remoteNs, labelSelector: selector)).Items.Select(x => x.Metadata.Name).Order().ToList();
        Assert.Equal(["kube-root-ca.crt." + p.C[..Math.Min(5, p.C.Length)], "settings"], cms);
        Assert.Equal("1", (await p.Provider.K.CoreV1.ReadNamespacedConfigMapAsync("settings", remoteNs)).Data["a"]);
        Assert.Equal("s3cr3t", System.Text.Encoding.UTF8.GetString((await p.Provider.K.CoreV1.ReadNamespacedSecretAsync("token", remoteNs)).Data["t"]));

        // The slice of "local" (a pod on the consumer's own node) reaches the provider as an EndpointSlice; the slice of
        // "web" carries no endpoint (its pods run on the provider), and the provider's own slice for "web" lists them.
        var localSlice = (await c.DiscoveryV1.ListNamespacedEndpointSliceAsync("demo", labelSelector: "kubernetes.io/service-name=local")).Items.Single();
        await p.WaitAsync(async () =>
        {
            var reflected = await p.Provider.K.DiscoveryV1.ListNamespacedEndpointSliceAsync(remoteNs, labelSelector: "liqo.io/managed-by=shadowendpointslice");
            return reflected.Items.Any(s => s.Metadata.Name == localSlice.Metadata.Name && s.Endpoints?.Count == 1);
        }, "the local service's endpoint on the provider");
        var mirrored = await p.Provider.K.DiscoveryV1.ReadNamespacedEndpointSliceAsync(localSlice.Metadata.Name, remoteNs);
        var endpoint = mirrored.Endpoints.Single();
        Assert.Equal(localSlice.Endpoints.Single().Addresses, endpoint.Addresses);
        Assert.Equal(p.C, endpoint.NodeName);
        Assert.Equal("RemotePod", endpoint.TargetRef.Kind);
        Assert.Equal("endpointslice.reflection.liqo.io", mirrored.Metadata.Labels["endpointslice.kubernetes.io/managed-by"]);
        await p.WaitAsync(async () => (await p.Provider.K.DiscoveryV1.ListNamespacedEndpointSliceAsync(remoteNs,
            labelSelector: "kubernetes.io/service-name=web,endpointslice.kubernetes.io/managed-by=endpointslice-controller.k8s.io")).Items.SingleOrDefault()?.Endpoints?.Count == 2,
            "the provider's own slice for web");

        // A deleted local object goes on the provider too.
        await c.CoreV1.DeleteNamespacedConfigMapAsync("settings", "demo");
        await p.WaitAsync(async () => (await p.Provider.K.CoreV1.ListNamespacedConfigMapAsync(remoteNs, labelSelector: selector)).Items.Count == 1, "settings gone");

        // Unoffloading: nothing reflected stays on the provider (the NamespaceMap entry goes, then the remote namespace).
        await p.Consumer.DeleteAsync(NamespaceOffloadingTests.Nsoff, "demo", "offloading");
        await p.WaitAsync(async () =>
            (await p.Provider.K.CoreV1.ListNamespacedServiceAsync(remoteNs, labelSelector: selector)).Items.Count == 0
            && (await p.Provider.K.CoreV1.ListNamespacedConfigMapAsync(remoteNs, labelSelector: selector)).Items.Count == 0
            && (await p.Provider.K.CoreV1.ListNamespacedSecretAsync(remoteNs, labelSelector: selector)).Items.Count == 0
            && (await p.Provider.ListAsync(ShadowPod, remoteNs)).Count == 0
            && (await p.Provider.ListAsync(ShadowEndpointSlice, remoteNs)).Count == 0
            && (await p.Provider.K.CoreV1.ListNamespacedPodAsync(remoteNs)).Items.Count == 0
            && (await p.Provider.K.DiscoveryV1.ListNamespacedEndpointSliceAsync(remoteNs, labelSelector: "liqo.io/managed-by=shadowendpointslice")).Items.Count == 0,
            "nothing reflected left on the provider");
    }

    [Fact]
    public async Task WhenTheVirtualNodeGoesItsPodsAreRescheduledLocally()
    {
        await using var scope = await LiqoSandboxScope.StartAsync(output);
        var p = scope.Peering;
        await p.PeerAsync();
        var remoteNs = await OffloadAsync(p, "LocalAndRemote");
        // LocalAndRemote: the webhook's toleration lets pods on the virtual node without requiring it; the emptier virtual
        // node takes them first.
        await p.Consumer.K.AppsV1.CreateNamespacedDeploymentAsync(WorkloadTests.Deployment("web", 3), "demo");
        await p.WaitAsync(async () => (await PodsOn(p.Consumer, "demo", p.P)).Count == 3, "3 pods Running on the virtual node", TimeSpan.FromSeconds(60));

        await p.UnpeerAsync();
        await p.WaitAsync(async () => (await PodsOn(p.Consumer, "demo", "consumer-control-plane")).Count == 3
            && (await p.Consumer.K.CoreV1.ListNamespacedPodAsync("demo")).Items.Count == 3, "3 pods Running on the consumer's node", TimeSpan.FromSeconds(60));
        await p.WaitAsync(async () => (await p.Provider.ListAsync(ShadowPod, remoteNs)).Count == 0
            && (await p.Provider.K.CoreV1.ListNamespacedPodAsync(remoteNs)).Items.Count == 0, "nothing left on the provider");
    }
}
