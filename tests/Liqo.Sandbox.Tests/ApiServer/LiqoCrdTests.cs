using System.Net;

namespace Liqo.Sandbox.Tests.ApiServer;

/// <summary>Liqo's real CRDs installed the way a client would (YAML bodies, kubectl), then used through kubectl.</summary>
public sealed class LiqoCrdTests(ClusterFixture f) : IClassFixture<ClusterFixture>
{
    private async Task InstallAsync()
    {
        foreach (var file in LiqoCrds.Files())
        {
            var name = Path.GetFileNameWithoutExtension(file);
            var crdName = name[(name.IndexOf('_') + 1)..] + "." + name[..name.IndexOf('_')];
            if ((await f.Raw.GetJsonAsync($"/apis/apiextensions.k8s.io/v1/customresourcedefinitions/{crdName}")).Code == HttpStatusCode.OK) continue;
            var (code, body, _) = await f.Raw.SendJsonAsync(HttpMethod.Post, "/apis/apiextensions.k8s.io/v1/customresourcedefinitions",
                await File.ReadAllTextAsync(file), "application/yaml");
            Assert.True(code == HttpStatusCode.Created, $"{file}: {body?.ToJsonString()}");
        }
    }

    [LiqoCrdsFact]
    public async Task All_liqo_crds_install_get_established_and_appear_in_discovery()
    {
        await InstallAsync();
        var (_, list, _) = await f.Raw.GetJsonAsync("/apis/apiextensions.k8s.io/v1/customresourcedefinitions");
        var liqo = list!["items"]!.AsArray().Where(i => i!["spec"]!["group"]!.GetValue<string>().EndsWith("liqo.io", StringComparison.Ordinal)).ToList();
        Assert.Equal(LiqoCrds.Files().Count(), liqo.Count);
        Assert.All(liqo, crd => Assert.Contains(crd!["status"]!["conditions"]!.AsArray(),
            c => c!["type"]!.GetValue<string>() == "Established" && c["status"]!.GetValue<string>() == "True"));
        var (_, agg, _) = await f.Raw.GetJsonAsync("/apis", "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList");
        var core = agg!["items"]!.AsArray().Single(i => i!["metadata"]!["name"]!.GetValue<string>() == "core.liqo.io")!;
        var fc = core["versions"]![0]!["resources"]!.AsArray().Single(r => r!["resource"]!.GetValue<string>() == "foreignclusters")!;
        Assert.Equal("Cluster", fc["scope"]!.GetValue<string>());
        Assert.Equal("fc", fc["shortNames"]![0]!.GetValue<string>());
        Assert.Equal("liqo", fc["categories"]![0]!.GetValue<string>());
        Assert.Equal("status", fc["subresources"]![0]!["subresource"]!.GetValue<string>());
    }

    [LiqoCrdsFact(needsKubectl: true)]
    public async Task Kubectl_works_with_foreign_clusters_as_against_a_real_cluster()
    {
        await InstallAsync();
        var k = new Kubectl(f.Cluster.KubeconfigPath);
        var path = Path.Combine(f.Directory, "fc.yaml");
        await File.WriteAllTextAsync(path, "apiVersion: core.liqo.io/v1beta1\nkind: ForeignCluster\nmetadata:\n  name: remote1\nspec:\n  clusterID: remote1\n");
        var created = await k.RunAsync("apply", "-f", path);
        Assert.True(created.Code == 0, created.Err);
        Assert.Equal("foreigncluster.core.liqo.io/remote1 created", created.Out.Trim());
        var status = await f.Raw.SendJsonAsync(HttpMethod.Patch, "/apis/core.liqo.io/v1beta1/foreignclusters/remote1/status",
            """{"status":{"role":"Provider"}}""", "application/merge-patch+json");
        Assert.Equal(HttpStatusCode.OK, status.Code);
        var (_, table, _) = await k.RunAsync("get", "fc");
        var rows = table.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["NAME", "ROLE", "AGE"], rows[0].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(["remote1", "Provider"], rows[1].Split(' ', StringSplitOptions.RemoveEmptyEntries)[..2]);
        var wide = await k.RunAsync("get", "fc", "-o", "wide");
        Assert.Equal(["NAME", "ROLE", "CLUSTERID", "AGE"], wide.Out.Split('\n')[0].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        var wait = await k.RunAsync("wait", "--for=jsonpath={.status.role}=Provider", "fc/remote1", "--timeout=5s");
        Assert.True(wait.Code == 0, wait.Err);

        var immutable = await k.RunAsync("patch", "fc", "remote1", "--type", "merge", "-p", """{"spec":{"clusterID":"other"}}""");
        Assert.Equal(1, immutable.Code);
        Assert.Equal("The ForeignCluster \"remote1\" is invalid: spec.clusterID: Invalid value: \"string\": ClusterID field is immutable", immutable.Err.Trim());
        var missing = await k.RunAsync("get", "fc", "nope");
        Assert.Equal("Error from server (NotFound): foreignclusters.core.liqo.io \"nope\" not found", missing.Err.Trim());
    }
}
