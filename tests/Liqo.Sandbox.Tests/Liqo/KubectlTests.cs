using System.Text.RegularExpressions;
using k8s;
using Liqo.Sandbox.Tests.ApiServer;
using Xunit.Abstractions;

namespace Liqo.Sandbox.Tests.Liqo;

/// <summary>The real kubectl 1.32 as the referee: what users type after a peering.</summary>
public sealed class KubectlTests(ITestOutputHelper output)
{
    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    private static string[] Cells(string line) => Regex.Split(line.Trim(), @"\s{2,}");

    [KubectlFact]
    public async Task KubectlShowsTheForeignClustersTheVirtualNodeAndAcceptsTheEd25519Identity()
    {
        await using var scope = await LiqoSandboxScope.StartAsync(output);
        var p = scope.Peering;
        await p.PeerAsync();
        await p.WaitAsync(async () => ClusterClient.Str(await p.Provider.GetAsync(Cr.ForeignCluster, null, p.C), "status", "role") == "Consumer", "provider FC role");

        var consumer = new Kubectl(scope.Consumer.KubeconfigPath);
        var (code, stdout, stderr) = await consumer.RunAsync("get", "foreignclusters");
        Assert.True(code == 0, stderr);
        var lines = Lines(stdout);
        Assert.Equal(["NAME", "ROLE", "AGE"], Cells(lines[0]));
        var row = Cells(Assert.Single(lines[1..]));
        Assert.Equal(p.P, row[0]);
        Assert.Equal("Provider", row[1]);
        Assert.Matches(@"^\d+s$", row[2]);

        (code, stdout, stderr) = await consumer.RunAsync("get", "fc", "-o", "wide");
        Assert.True(code == 0, stderr);
        Assert.Equal(["NAME", "ROLE", "CLUSTERID", "AGE"], Cells(Lines(stdout)[0]));

        var provider = new Kubectl(scope.Provider.KubeconfigPath);
        (code, stdout, stderr) = await provider.RunAsync("get", "foreignclusters");
        Assert.True(code == 0, stderr);
        row = Cells(Lines(stdout)[1]);
        Assert.Equal([p.C, "Consumer"], row[..2]);

        (code, stdout, stderr) = await consumer.RunAsync("get", "nodes", "-l", "liqo.io/type=virtual-node");
        Assert.True(code == 0, stderr);
        lines = Lines(stdout);
        Assert.Equal(["NAME", "STATUS", "ROLES", "AGE", "VERSION"], Cells(lines[0]));
        row = Cells(Assert.Single(lines[1..]));
        Assert.Equal(p.P, row[0]);
        Assert.Equal("Ready", row[1]);
        Assert.Equal("agent", row[2]);
        Assert.Equal("v1.2.0", row[4]);

        // The control-plane kubeconfig (Ed25519 client key, certificate signed by the provider's CA) works with a Go client.
        var secret = await p.Consumer.K.CoreV1.ReadNamespacedSecretAsync("kubeconfig-controlplane-" + p.P, p.ConsumerTenantNs);
        var path = Path.Combine(scope.Directory, "controlplane.kubeconfig");
        await File.WriteAllBytesAsync(path, secret.Data["kubeconfig"]);
        var identity = new Kubectl(path);
        (code, stdout, stderr) = await identity.RunAsync("get", "resourceslices");
        Assert.True(code == 0, stderr);
        lines = Lines(stdout);
        Assert.Equal(["NAME", "AUTHENTICATION", "RESOURCES", "AGE"], Cells(lines[0]));
        Assert.Equal([p.P, "Accepted", "Accepted"], Cells(lines[1])[..3]);
        (code, _, stderr) = await identity.RunAsync("get", "secrets");
        Assert.Equal(1, code);
        Assert.Contains($"User \"{p.C}\" cannot list resource \"secrets\" in API group \"\" in the namespace \"{p.ProviderTenantNs}\"", stderr);
    }
}
