using System.Text.RegularExpressions;
using k8s;
using k8s.Models;
using Liqo.Sandbox.Tests.ApiServer;
using Xunit.Abstractions;

namespace Liqo.Sandbox.Tests.Liqo;

/// <summary>
/// User workloads on one sandbox cluster: a Deployment gets a ReplicaSet and Running pods on the real node, a Service
/// gets an EndpointSlice, and the scheduler keeps pods off nodes they do not fit (kubectl create deployment's journey).
/// </summary>
public sealed class WorkloadTests(ITestOutputHelper output)
{
    internal static V1Deployment Deployment(string name, int replicas, IList<V1Toleration>? tolerations = null, IDictionary<string, string>? nodeSelector = null) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, Labels = new Dictionary<string, string> { ["app"] = name } },
        Spec = new V1DeploymentSpec
        {
            Replicas = replicas,
            Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = name } },
            Template = new V1PodTemplateSpec
            {
                Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = name } },
                Spec = new V1PodSpec
                {
                    Containers = [new V1Container { Name = "nginx", Image = "nginx", Ports = [new V1ContainerPort { ContainerPort = 80, Name = "http" }] }],
                    Tolerations = tolerations,
                    NodeSelector = nodeSelector,
                },
            },
        },
    };

    internal static async Task<IList<V1Pod>> RunningPods(ClusterClient c, string ns, string selector) =>
        (await c.K.CoreV1.ListNamespacedPodAsync(ns, labelSelector: selector)).Items.Where(p => p.Status?.Phase == "Running"
            && p.Status.Conditions?.Any(x => x.Type == "Ready" && x.Status == "True") == true).ToList();

    [Fact]
    public async Task ADeploymentGetsAReplicaSetAndThreeRunningPodsOnTheRealNode()
    {
        await using var scope = await LiqoSandboxScope.StartAsync(output);
        var c = scope.Peering.Consumer;
        await c.K.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = "demo" } });
        var deploy = await c.K.AppsV1.CreateNamespacedDeploymentAsync(Deployment("web", 3), "demo");

        await scope.Peering.WaitAsync(async () => (await RunningPods(c, "demo", "app=web")).Count == 3, "3 Running pods");
        var rs = Assert.Single((await c.K.AppsV1.ListNamespacedReplicaSetAsync("demo")).Items);
        var hash = rs.Metadata.Labels["pod-template-hash"];
        Assert.Matches("^[bcdf4-9]{6,10}$", hash);
        Assert.Equal($"web-{hash}", rs.Metadata.Name);
        Assert.Equal(deploy.Metadata.Uid, Assert.Single(rs.Metadata.OwnerReferences).Uid);
        Assert.Equal(hash, rs.Spec.Selector.MatchLabels["pod-template-hash"]);
        Assert.Equal("1", rs.Metadata.Annotations["deployment.kubernetes.io/revision"]);
        var pods = await RunningPods(c, "demo", "app=web");
        foreach (var pod in pods)
        {
            Assert.StartsWith($"web-{hash}-", pod.Metadata.Name);
            Assert.Equal(rs.Metadata.Uid, Assert.Single(pod.Metadata.OwnerReferences).Uid);
            Assert.Equal("consumer-control-plane", pod.Spec.NodeName);
            Assert.NotNull(pod.Status.PodIP);
            Assert.True(Assert.Single(pod.Status.ContainerStatuses).Ready);
        }
        Assert.Equal(3, pods.Select(p => p.Status.PodIP).Distinct().Count());
        await scope.Peering.WaitAsync(async () =>
        {
            var d = await c.K.AppsV1.ReadNamespacedDeploymentAsync("web", "demo");
            return d.Status.ReadyReplicas == 3 && d.Status.AvailableReplicas == 3 && d.Status.UpdatedReplicas == 3
                && d.Status.Conditions.Any(x => x.Type == "Available" && x.Status == "True")
                && d.Status.Conditions.Any(x => x.Type == "Progressing" && x.Reason == "NewReplicaSetAvailable");
        }, "Deployment status 3/3");

        // Scaling down deletes pods; a changed template makes a new ReplicaSet and scales the old one to 0.
        await c.K.AppsV1.PatchNamespacedDeploymentAsync(new V1Patch("""{"spec":{"replicas":1}}""", V1Patch.PatchType.MergePatch), "web", "demo");
        await scope.Peering.WaitAsync(async () => (await c.K.CoreV1.ListNamespacedPodAsync("demo")).Items.Count == 1, "1 pod left");
        await c.K.AppsV1.PatchNamespacedDeploymentAsync(new V1Patch("""{"spec":{"template":{"spec":{"containers":[{"name":"nginx","image":"nginx:1.27"}]}}}}""",
            V1Patch.PatchType.StrategicMergePatch), "web", "demo");
        await scope.Peering.WaitAsync(async () =>
        {
            var sets = (await c.K.AppsV1.ListNamespacedReplicaSetAsync("demo")).Items;
            var pods = await RunningPods(c, "demo", "app=web");
            return sets.Count == 2 && sets.Count(s => s.Spec.Replicas == 0) == 1 && pods.Count == 1 && pods[0].Spec.Containers[0].Image == "nginx:1.27";
        }, "rolled out to a second ReplicaSet");
    }

    [Fact]
    public async Task AServiceGetsAnEndpointSliceOfItsReadyPods()
    {
        await using var scope = await LiqoSandboxScope.StartAsync(output);
        var c = scope.Peering.Consumer;
        await c.K.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = "demo" } });
        await c.K.AppsV1.CreateNamespacedDeploymentAsync(Deployment("web", 2), "demo");
        var svc = await c.K.CoreV1.CreateNamespacedServiceAsync(new V1Service
        {
            Metadata = new V1ObjectMeta { Name = "web" },
            Spec = new V1ServiceSpec { Selector = new Dictionary<string, string> { ["app"] = "web" }, Ports = [new V1ServicePort { Port = 8080, TargetPort = "http" }] },
        }, "demo");
        V1EndpointSlice? slice = null;
        await scope.Peering.WaitAsync(async () =>
        {
            slice = (await c.K.DiscoveryV1.ListNamespacedEndpointSliceAsync("demo", labelSelector: "kubernetes.io/service-name=web")).Items.SingleOrDefault();
            return slice?.Endpoints?.Count(e => e.Conditions.Ready == true) == 2;
        }, "2 ready endpoints");
        Assert.StartsWith("web-", slice!.Metadata.Name);
        Assert.Equal("IPv4", slice.AddressType);
        Assert.Equal(svc.Metadata.Uid, Assert.Single(slice.Metadata.OwnerReferences).Uid);
        Assert.Equal(80, Assert.Single(slice.Ports).Port);
        var pods = await RunningPods(c, "demo", "app=web");
        Assert.Equal(pods.Select(p => p.Status.PodIP).Order(), slice.Endpoints.Select(e => e.Addresses.Single()).Order());
        Assert.All(slice.Endpoints, e => Assert.Equal("Pod", e.TargetRef.Kind));

        // Deleting the Service deletes its slice (garbage collector).
        await c.K.CoreV1.DeleteNamespacedServiceAsync("web", "demo");
        await scope.Peering.WaitAsync(async () => (await c.K.DiscoveryV1.ListNamespacedEndpointSliceAsync("demo")).Items.Count == 0, "slice gone");
    }

    [Fact]
    public async Task TheSchedulerKeepsPodsOffNodesTheyDoNotFit()
    {
        await using var scope = await LiqoSandboxScope.StartAsync(output);
        var c = scope.Peering.Consumer;
        await c.K.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = "demo" } });
        await c.K.AppsV1.CreateNamespacedDeploymentAsync(Deployment("nowhere", 1, nodeSelector: new Dictionary<string, string> { ["disk"] = "ssd" }), "demo");
        V1Pod? pod = null;
        await scope.Peering.WaitAsync(async () =>
        {
            pod = (await c.K.CoreV1.ListNamespacedPodAsync("demo")).Items.SingleOrDefault();
            return pod?.Status?.Conditions?.Any(x => x.Type == "PodScheduled" && x.Reason == "Unschedulable") == true;
        }, "pod Unschedulable");
        Assert.Null(pod!.Spec.NodeName);
        Assert.Equal("Pending", pod.Status.Phase);
        Assert.Contains("0/1 nodes are available: 1 node(s) didn't match Pod's node affinity/selector.",
            pod.Status.Conditions.Single(x => x.Type == "PodScheduled").Message);

        // Labelling the node makes it fit; cordoning it keeps new pods away.
        await c.K.CoreV1.PatchNodeAsync(new V1Patch("""{"metadata":{"labels":{"disk":"ssd"}}}""", V1Patch.PatchType.MergePatch), "consumer-control-plane");
        await scope.Peering.WaitAsync(async () => (await RunningPods(c, "demo", "app=nowhere")).Count == 1, "pod Running once the node fits");
        await c.K.CoreV1.PatchNodeAsync(new V1Patch("""{"spec":{"unschedulable":true}}""", V1Patch.PatchType.MergePatch), "consumer-control-plane");
        await c.K.AppsV1.CreateNamespacedDeploymentAsync(Deployment("cordoned", 1), "demo");
        await scope.Peering.WaitAsync(async () =>
            (await c.K.CoreV1.ListNamespacedPodAsync("demo", labelSelector: "app=cordoned")).Items.SingleOrDefault()?.Status?.Conditions?
                .Any(x => x.Type == "PodScheduled" && x.Message?.Contains("1 node(s) were unschedulable") == true) == true, "cordoned node refused");
    }

    [KubectlFact]
    public async Task KubectlPrintsReplicaSetsAndEndpointSlicesLikeARealServer()
    {
        await using var scope = await LiqoSandboxScope.StartAsync(output);
        var c = scope.Peering.Consumer;
        await c.K.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = "demo" } });
        var kubectl = new Kubectl(scope.Consumer.KubeconfigPath);
        var (code, stdout, stderr) = await kubectl.RunAsync("create", "deployment", "web", "--image=nginx", "--replicas=3", "-n", "demo");
        Assert.True(code == 0, stderr);
        (code, _, stderr) = await kubectl.RunAsync("expose", "deployment", "web", "--port=80", "-n", "demo");
        Assert.True(code == 0, stderr);
        await scope.Peering.WaitAsync(async () => (await RunningPods(c, "demo", "app=web")).Count == 3, "3 Running pods");
        await scope.Peering.WaitAsync(async () =>
            (await c.K.DiscoveryV1.ListNamespacedEndpointSliceAsync("demo")).Items.SingleOrDefault()?.Endpoints?.Count == 3, "3 endpoints");
        await scope.Peering.WaitAsync(async () => (await c.K.AppsV1.ReadNamespacedReplicaSetAsync(
            (await c.K.AppsV1.ListNamespacedReplicaSetAsync("demo")).Items.Single().Metadata.Name, "demo")).Status.ReadyReplicas == 3, "rs ready 3");

        (code, stdout, stderr) = await kubectl.RunAsync("get", "rs", "-n", "demo", "-o", "wide");
        Assert.True(code == 0, stderr);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["NAME", "DESIRED", "CURRENT", "READY", "AGE", "CONTAINERS", "IMAGES", "SELECTOR"], Regex.Split(lines[0].Trim(), @"\s+"));
        var row = Regex.Split(lines[1].Trim(), @"\s+");
        Assert.Matches("^web-[bcdf4-9]+$", row[0]);
        Assert.Equal(["3", "3", "3"], row[1..4]);
        Assert.Equal(["nginx", "nginx"], row[5..7]);
        Assert.Matches(@"^app=web,pod-template-hash=[bcdf4-9]+$", row[7]);

        (code, stdout, stderr) = await kubectl.RunAsync("get", "endpointslices", "-n", "demo");
        Assert.True(code == 0, stderr);
        lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["NAME", "ADDRESSTYPE", "PORTS", "ENDPOINTS", "AGE"], Regex.Split(lines[0].Trim(), @"\s+"));
        row = Regex.Split(lines[1].Trim(), @"\s+");
        Assert.Matches("^web-[a-z0-9]{5}$", row[0]);
        Assert.Equal(["IPv4", "80"], row[1..3]);
        Assert.Matches(@"^\d+\.\d+\.\d+\.\d+,\d+\.\d+\.\d+\.\d+,\d+\.\d+\.\d+\.\d+$", row[3]);

        (code, stdout, stderr) = await kubectl.RunAsync("get", "pods", "-n", "demo", "-o", "wide");
        Assert.True(code == 0, stderr);
        Assert.Equal(3, Regex.Count(stdout, @"web-[bcdf4-9]+-[a-z0-9]{5}\s+1/1\s+Running\s+0\s+\S+\s+\S+\s+consumer-control-plane"));
        output.WriteLine(stdout);
    }
}
