using System.Text.Json.Nodes;
using Liqo.Engine.GoFormat;
using Liqo.Engine.Info;
using Liqo.Engine.Info.LocalStatus;

namespace Liqo.Engine.Tests.Info.LocalStatus;

/// <summary>liqoctl info's rules (localstatus) on the fixtures and on what goes wrong in real installations.</summary>
public class LocalInfoBuilderTests
{
    private static JsonObject Clone(string cluster, string file, int index = 0) => InfoFixtures.Items(cluster, file)[index].DeepClone().AsObject();

    private static JsonArray Args(JsonObject deployment) => deployment["spec"]!["template"]!["spec"]!["containers"]![0]!["args"]!.AsArray();

    [Fact]
    public void ReadsTheInstallationLikeLiqoctl()
    {
        var (report, warnings) = LocalInfoBuilder.Build(InfoFixtures.Rome());
        Assert.Empty(warnings);
        Assert.Equal("rome", report.Local.ClusterId);
        Assert.Equal("v1.2.0", report.Local.Version);
        Assert.Equal(new Dictionary<string, string> { ["liqo.io/provider"] = "kind", ["topology.liqo.io/region"] = "eu-south" }, report.Local.Labels);
        Assert.Equal("https://172.19.0.9:6443", report.Local.ApiServerAddress);
        Assert.False(report.Health.Healthy);
        Assert.Equal(new PodHealthInfo("Running", 0, 1, 7), report.Health.UnhealthyPods!["liqo-proxy-59d47b8c6f-h2m4p"]);
        Assert.Equal(new PodHealthInfo("Running", 1, 2, 2), report.Health.UnhealthyPods["liqo-metric-agent-6b8c9d7f5-w4v9q"]);
        Assert.Equal(2, report.Health.UnhealthyPods.Count);
        Assert.Equal(["10.127.64.0/18"], report.Network!.PodCidrs!);
        Assert.Equal(["milan", "naples", "turin", "venice"], report.Peerings.Peers!.Select(p => p.ClusterId));
        Assert.Equal(DateTimeOffset.Parse("2026-07-10T09:12:20Z"), report.Peerings.Peers![0].CreationTimestamp);
    }

    [Fact]
    public void AllPodsReadyIsHealthyAndPrintsNoUnhealthyPods()
    {
        var ready = InfoFixtures.Items("rome", "pods").Where(p => p["status"]!["conditions"]!.AsArray().Any(c => (string?)c!["type"] == "Ready" && (string?)c["status"] == "True")).ToList();
        var report = LocalInfoBuilder.Build(InfoFixtures.Rome(pods: ListResult.Of(ready))).Report;
        Assert.True(report.Health.Healthy);
        Assert.Empty(report.Health.UnhealthyPods!);
        Assert.Contains("\"health\": {\n    \"healthy\": true\n  },", InfoDocuments.Local(report, MachineFormat.Json), StringComparison.Ordinal);
        Assert.Equal("true", InfoDocuments.LocalGet(report, "health.healthy", MachineFormat.Yaml));
        // an empty (not nil) map is no zero value for reflection
        Assert.Equal("{}", InfoDocuments.LocalGet(report, "health.unhealthypods", MachineFormat.Yaml));
    }

    [Fact]
    public void AnAddressOverrideWinsOverTheNodesAndGetsTheScheme()
    {
        var milan = LocalInfoBuilder.Build(new LocalSnapshot(InfoFixtures.List("milan", "configmaps"), InfoFixtures.List("milan", "deployments"), null,
            ListResult.Of(), null, ListResult.Of())).Report;
        Assert.Equal("https://172.19.0.10:6443", milan.Local.ApiServerAddress);
        Assert.Equal("172.19.0.10:6443", LocalInfoBuilder.ApiServerAddressOverride(InfoFixtures.List("milan", "deployments")));
        Assert.Null(LocalInfoBuilder.ApiServerAddressOverride(InfoFixtures.List("rome", "deployments")));
    }

    [Fact]
    public void TheNodeAddressFollowsLiqosPreference()
    {
        var node = Clone("rome", "nodes");
        node["status"]!["addresses"] = JsonNode.Parse("""[{"type":"Hostname","address":"cp"},{"type":"InternalIP","address":"10.0.0.1"},{"type":"ExternalIP","address":"203.0.113.9"}]""");
        var report = LocalInfoBuilder.Build(InfoFixtures.Rome() with { ControlPlaneNodes = ListResult.Of(node) }).Report;
        Assert.Equal("https://203.0.113.9:6443", report.Local.ApiServerAddress);
    }

    [Fact]
    public void NoControlPlaneNodeIsAWarningAndAnEmptyAddress()
    {
        var (report, warnings) = LocalInfoBuilder.Build(InfoFixtures.Rome() with { ControlPlaneNodes = ListResult.Of() });
        Assert.Equal("", report.Local.ApiServerAddress);
        Assert.Equal(["unable to get K8s API server: no ApiServer.Address variable provided and no master node found, one of the two values must be present"], warnings);
    }

    [Fact]
    public void LabelsAreNilWithoutTheArgumentAndAWarningWhenMalformed()
    {
        var deployment = Clone("rome", "deployments");
        var args = Args(deployment);
        args.RemoveAt(args.Select(a => a!.ToString()).ToList().FindIndex(a => a.StartsWith("--cluster-labels", StringComparison.Ordinal)));
        var noLabels = LocalInfoBuilder.Build(InfoFixtures.Rome(deployments: ListResult.Of(deployment)));
        Assert.Null(noLabels.Report.Local.Labels);
        Assert.Empty(noLabels.Warnings);
        Assert.Contains("\"labels\": null", InfoDocuments.Local(noLabels.Report, MachineFormat.Json), StringComparison.Ordinal);

        args.Add("--cluster-labels=a=b,broken");
        var bad = LocalInfoBuilder.Build(InfoFixtures.Rome(deployments: ListResult.Of(deployment)));
        Assert.Null(bad.Report.Local.Labels);
        Assert.Equal(["unable to get cluster labels: invalid value broken"], bad.Warnings);
    }

    [Fact]
    public void DeploymentProblemsAreLiqoctlsWarnings()
    {
        Assert.Equal(["unable to get Liqo version and cluster labels: deployments.apps \"liqo-controller-manager\" not found"],
            LocalInfoBuilder.Build(InfoFixtures.Rome(deployments: ListResult.Of())).Warnings);
        var d = Clone("rome", "deployments");
        Assert.Equal(["unable to get Liqo version and cluster labels: retrieved multiple liqo-controller-manager deployments: 2"],
            LocalInfoBuilder.Build(InfoFixtures.Rome(deployments: ListResult.Of(d, d))).Warnings);
        d["spec"]!["template"]!["spec"]!["containers"]![0]!["image"] = "liqo-controller-manager";
        var noTag = LocalInfoBuilder.Build(InfoFixtures.Rome(deployments: ListResult.Of(d)));
        Assert.Equal("", noTag.Report.Local.Version);
        Assert.Equal(["unable to get Liqo version: missing version in container image"], noTag.Warnings);
        d["spec"]!["template"]!["spec"]!["containers"]![0]!["image"] = "registry.local:5000/liqo/controller-manager:v1.2.0-rc.1";
        Assert.Equal("v1.2.0-rc.1", LocalInfoBuilder.Build(InfoFixtures.Rome(deployments: ListResult.Of(d))).Report.Local.Version);
        d["spec"]!["template"]!["spec"]!["containers"]![0]!["name"] = "manager";
        Assert.Equal(["unable to get Liqo instance info: invalid controller manager deployment: no container with name \"controller-manager\" found"],
            LocalInfoBuilder.Build(InfoFixtures.Rome(deployments: ListResult.Of(d))).Warnings);
    }

    [Fact]
    public void ClusterIdProblemsAreWarnings()
    {
        var (report, warnings) = LocalInfoBuilder.Build(InfoFixtures.Rome(configMaps: ListResult.Of()));
        Assert.Equal("", report.Local.ClusterId);
        Assert.Equal(["unable to get cluster id: configmaps \"configmaps\" not found"], warnings);
    }

    [Fact]
    public void FailedListsAreWarningsAndLeaveGoZeroValues()
    {
        var (report, warnings) = LocalInfoBuilder.Build(InfoFixtures.Rome(pods: ListResult.Failed("forbidden"), foreignClusters: ListResult.Failed("forbidden")) with
        {
            Networks = ListResult.Failed("forbidden"),
        });
        Assert.Contains("unable to get Liqo pods: forbidden", warnings);
        Assert.Contains("unable to retrieve peerings: forbidden", warnings);
        Assert.Contains("unable to get ServiceCIDR: forbidden", warnings);
        var json = InfoDocuments.Local(report, MachineFormat.Json);
        Assert.Contains("\"health\": {\n    \"healthy\": false\n  }", json, StringComparison.Ordinal);
        Assert.Contains("\"peers\": null", json, StringComparison.Ordinal);
        Assert.Contains("\"podCIDRs\": null", json, StringComparison.Ordinal);
    }

    [Fact]
    public void NetworkCidrsNeedExactlyOneConfiguredNetwork()
    {
        var nets = InfoFixtures.Items("rome", "networks").Where(n => n["metadata"]?["labels"]?["ipam.liqo.io/network-type"] is not null).Select(n => n.DeepClone().AsObject()).ToList();
        nets.Single(n => (string?)n["metadata"]!["name"] == "internal-cidr")["status"]!.AsObject().Remove("cidr");
        nets.Add(nets.Single(n => (string?)n["metadata"]!["name"] == "service-cidr"));
        var (report, warnings) = LocalInfoBuilder.Build(InfoFixtures.Rome() with { Networks = ListResult.Of(nets) });
        Assert.Equal("", report.Network!.InternalCidr);
        Assert.Equal("", report.Network.ServiceCidr);
        Assert.Contains("unable to get InternalCIDR: the internal CIDR is not yet configured: missing status on the Network resource", warnings);
        Assert.Contains(warnings, w => w.StartsWith("unable to get ServiceCIDR: multiple resources of type {networks.ipam.liqo.io}", StringComparison.Ordinal));
    }

    [Fact]
    public void AForeignClusterWithoutStatusIsAllDisabled()
    {
        var fc = JsonNode.Parse("""{"apiVersion":"core.liqo.io/v1beta1","kind":"ForeignCluster","metadata":{"name":"fresh","labels":{"liqo.io/remote-cluster-id":"fresh"}},"spec":{"clusterID":"fresh"}}""")!.AsObject();
        var peer = LocalInfoBuilder.Build(InfoFixtures.Rome(foreignClusters: ListResult.Of(fc))).Report.Peerings.Peers!.Single();
        Assert.Equal(new PeeringSummary("fresh", "", "Disabled", "Disabled", "Disabled"), peer);
    }
}
