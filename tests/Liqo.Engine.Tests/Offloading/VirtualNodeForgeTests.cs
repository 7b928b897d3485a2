using System.Text.Json.Nodes;
using Liqo.Engine.Offloading;
using Liqo.Engine.Tests.Info;

namespace Liqo.Engine.Tests.Offloading;

/// <summary>The VirtualNode liqoctl create virtualnode writes (MutateVirtualNode), and liqoctl's quantities.</summary>
public sealed class VirtualNodeForgeTests
{
    private static VirtualNode.Content SecretContent(VirtualNodeOptions o) => VirtualNode.FromFlags(o, ("liqo", "fast-vk"));

    private static readonly VirtualNodeOptions AllOptions = new()
    {
        KubeconfigSecretName = "kubeconfig-x",
        Resources = new Dictionary<string, string> { ["cpu"] = "1500m", ["memory"] = "4096Mi", ["pods"] = "110", ["nvidia.com/gpu"] = "1" },
        StorageClasses = ["fast", "slow"],
        IngressClasses = ["nginx"],
        LoadBalancerClasses = ["metallb"],
        Labels = new Dictionary<string, string> { ["zone"] = "a" },
        NodeSelector = new Dictionary<string, string> { ["disk"] = "ssd" },
        RuntimeClassName = "kata",
        CreateNode = false,
        DisableNetworkCheck = true,
    };

    [Fact]
    public void ForgesTheObjectLiqoctlWrites()
    {
        var vn = VirtualNode.Forge("milan", "liqo-tenant-milan", "milan", SecretContent(AllOptions), AllOptions);
        var expected = JsonNode.Parse("""
            {"apiVersion":"offloading.liqo.io/v1beta1","kind":"VirtualNode",
             "metadata":{"name":"milan","namespace":"liqo-tenant-milan","labels":{"liqo.io/remote-cluster-id":"milan"}},
             "spec":{"labels":{"liqo.io/remote-cluster-id":"milan","zone":"a"},"clusterID":"milan","createNode":false,"disableNetworkCheck":true,
                     "kubeconfigSecretRef":{"name":"kubeconfig-x"},"vkOptionsTemplateRef":{"name":"fast-vk","namespace":"liqo"},
                     "resourceQuota":{"hard":{"cpu":"1500m","memory":"4Gi","nvidia.com/gpu":"1","pods":"110"}},
                     "storageClasses":[{"storageClassName":"fast","default":true},{"storageClassName":"slow"}],
                     "ingressClasses":[{"ingressClassName":"nginx","default":true}],
                     "loadBalancerClasses":[{"loadBalancerClassName":"metallb","default":true}],
                     "offloadingPatch":{"runtimeClassName":"kata","nodeSelector":{"disk":"ssd"}}}}
            """);
        Assert.True(JsonNode.DeepEquals(expected, vn), vn.ToJsonString());
    }

    [LiqoCrdFact]
    public void FitsLiqosVirtualNodeCrd()
    {
        var vn = VirtualNode.Forge("milan", "liqo-tenant-milan", "milan", SecretContent(AllOptions), AllOptions);
        Assert.Empty(LiqoCrdSchemas.Problems(vn, LiqoCrdSchemas.For("VirtualNode")!));
    }

    [Fact]
    public void UpdatesAnExistingObjectAsMutateVirtualNodeDoes()
    {
        var existing = JsonNode.Parse("""
            {"apiVersion":"offloading.liqo.io/v1beta1","kind":"VirtualNode",
             "metadata":{"name":"milan","namespace":"t","labels":{"team":"x"}},
             "spec":{"labels":{"old":"kept"},"vkOptionsTemplateRef":{"name":"a","namespace":"b"},"storageClasses":[{"storageClassName":"gone"}],
                     "offloadingPatch":{"tolerations":[{"key":"k"}]},"template":{"spec":{"replicas":1}}}}
            """)!.AsObject();
        var o = new VirtualNodeOptions { KubeconfigSecretName = "s" };
        var content = new VirtualNode.Content("s", Quantities.Canonical(o.Resources), new JsonArray(), new JsonArray(), new JsonArray(),
            o.Labels, o.NodeSelector, null);
        VirtualNode.Mutate(existing, "milan", content, o);
        Assert.Equal("x", existing["metadata"]!["labels"]!["team"]!.GetValue<string>());
        Assert.Equal("kept", existing["spec"]!["labels"]!["old"]!.GetValue<string>());
        Assert.Equal("milan", existing["spec"]!["labels"]!["liqo.io/remote-cluster-id"]!.GetValue<string>());
        Assert.Null(existing["spec"]!["vkOptionsTemplateRef"]);
        Assert.Null(existing["spec"]!["storageClasses"]);
        Assert.NotNull(existing["spec"]!["offloadingPatch"]!["tolerations"]);
        Assert.NotNull(existing["spec"]!["template"]);
        Assert.Equal("""{"hard":{"cpu":"2","memory":"4Gi","pods":"110"}}""", existing["spec"]!["resourceQuota"]!.ToJsonString());
    }

    [Theory]
    [InlineData("1000m", "1")]
    [InlineData("0.5", "500m")]
    [InlineData("4096Mi", "4Gi")]
    [InlineData(" 2 ", "2")]
    public void WritesAmountsAsGoWritesQuantities(string given, string written) =>
        Assert.Equal(written, Quantities.Canonical(new Dictionary<string, string> { ["cpu"] = given })["cpu"]);

    [Theory]
    [InlineData("two")]
    [InlineData("4 GB")]
    [InlineData("1.5.2")]
    public void RefusesWhatIsNoQuantity(string given)
    {
        var e = Assert.Throws<LiqoException>(() => Quantities.Canonical(new Dictionary<string, string> { ["memory"] = given }));
        Assert.Equal(ErrorIds.InvalidQuantity, e.ErrorId);
        Assert.StartsWith("unable to parse memory quantity:", e.Message);
    }

    [Fact]
    public void LeavesEmptyAmountsOut() =>
        Assert.Empty(Quantities.Canonical(new Dictionary<string, string> { ["cpu"] = "", ["pods"] = "" }));
}
