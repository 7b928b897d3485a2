using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Xunit.Abstractions;

namespace Liqo.Sandbox.Tests.Liqo;

/// <summary>
/// Liqo's pod webhook as a user sees it: a pod created in an offloaded namespace comes back with the virtual-node
/// toleration and the node affinity of the pod offloading strategy and cluster selector (no peering is needed for it).
/// </summary>
public sealed class PodWebhookTests(ITestOutputHelper output)
{
    private static readonly JsonArray RegionTerms = new(new JsonObject
    {
        ["matchExpressions"] = new JsonArray(new JsonObject { ["key"] = "topology.kubernetes.io/region", ["operator"] = "In", ["values"] = new JsonArray("eu") }),
    });

    /// <summary>Offloads the namespace with the strategy, waits for the scheduling label (or its absence), creates a pod and returns it as stored.</summary>
    private static async Task<V1Pod> PodInAsync(PlainPeering p, string ns, string strategy, JsonArray? terms = null, V1Affinity? affinity = null)
    {
        await NamespaceOffloadingTests.CreateNamespaceAsync(p.Consumer, ns);
        await p.Consumer.CreateAsync(NamespaceOffloadingTests.Nsoff, ns, NamespaceOffloadingTests.Offloading(ns, pod: strategy, terms: (JsonArray?)terms?.DeepClone()));
        await NamespaceOffloadingTests.WaitForPhaseAsync(p, ns, "NoClusterSelected");
        var labelled = (await p.Consumer.K.CoreV1.ReadNamespaceAsync(ns)).Metadata.Labels?.ContainsKey("liqo.io/scheduling-enabled") ?? false;
        Assert.Equal(strategy != "Local", labelled);
        return await p.Consumer.K.CoreV1.CreateNamespacedPodAsync(new V1Pod
        {
            Metadata = new V1ObjectMeta { Name = "web" },
            Spec = new V1PodSpec { Containers = [new V1Container { Name = "nginx", Image = "nginx" }], Affinity = affinity },
        }, ns);
    }

    private static bool HasVirtualNodeToleration(V1Pod pod) =>
        pod.Spec.Tolerations?.Any(t => t.Key == "virtual-node.liqo.io/not-allowed" && t.OperatorProperty == "Exists" && t.Effect == "NoExecute") == true;

    private static List<List<string>> Terms(V1Pod pod) =>
        pod.Spec.Affinity?.NodeAffinity?.RequiredDuringSchedulingIgnoredDuringExecution?.NodeSelectorTerms
            .Select(t => (t.MatchExpressions ?? []).Select(e => $"{e.Key} {e.OperatorProperty} {string.Join(",", e.Values ?? [])}").ToList()).ToList() ?? [];

    [Fact]
    public async Task EachPodOffloadingStrategyGetsItsTolerationAndAffinity()
    {
        await using var scope = await LiqoSandboxScope.StartAsync(output);
        var p = scope.Peering;

        var localAndRemote = await PodInAsync(p, "both", "LocalAndRemote");
        Assert.True(HasVirtualNodeToleration(localAndRemote));
        Assert.Null(localAndRemote.Spec.Affinity);

        var remote = await PodInAsync(p, "away", "Remote");
        Assert.True(HasVirtualNodeToleration(remote));
        Assert.Equal([["liqo.io/type In virtual-node"]], Terms(remote));

        var local = await PodInAsync(p, "home", "Local");
        Assert.False(HasVirtualNodeToleration(local));
        Assert.Null(local.Spec.Affinity);
    }

    [Fact]
    public async Task TheClusterSelectorAndThePodsOwnAffinityAreCombinedAsLiqoDoes()
    {
        await using var scope = await LiqoSandboxScope.StartAsync(output);
        var p = scope.Peering;

        var remote = await PodInAsync(p, "away", "Remote", RegionTerms);
        Assert.Equal([["topology.kubernetes.io/region In eu", "liqo.io/type In virtual-node"]], Terms(remote));

        var both = await PodInAsync(p, "both", "LocalAndRemote", RegionTerms);
        Assert.Equal([["topology.kubernetes.io/region In eu"], ["liqo.io/type NotIn virtual-node"]], Terms(both));

        var own = new V1Affinity
        {
            NodeAffinity = new V1NodeAffinity
            {
                RequiredDuringSchedulingIgnoredDuringExecution = new V1NodeSelector
                {
                    NodeSelectorTerms =
                    [
                        new V1NodeSelectorTerm { MatchExpressions = [new V1NodeSelectorRequirement { Key = "disk", OperatorProperty = "In", Values = ["ssd"] }] },
                        new V1NodeSelectorTerm { MatchExpressions = [new V1NodeSelectorRequirement { Key = "disk", OperatorProperty = "In", Values = ["nvme"] }] },
                    ],
                },
            },
        };
        var merged = await PodInAsync(p, "mine", "Remote", affinity: own);
        Assert.Equal([["disk In ssd", "liqo.io/type In virtual-node"], ["disk In nvme", "liqo.io/type In virtual-node"]], Terms(merged));
    }
}
