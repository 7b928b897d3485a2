using System.Diagnostics;
using System.Formats.Asn1;
using System.Text;
using System.Text.Json.Nodes;
using k8s;
using Liqo.Sandbox.ApiServer.Http;
using Liqo.Sandbox.Liqo;
using Xunit.Abstractions;

namespace Liqo.Sandbox.Tests.Liqo;

/// <summary>Liqo's v1.2.0 Helm chart beside the repository (../shared/liqo-chart/v1.2.0), or null.</summary>
public static class LiqoChart
{
    public static string? Directory { get; } = Find();

    private static string? Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (!File.Exists(Path.Combine(dir.FullName, "Liqo.sln"))) continue;
            var chart = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "liqo-chart", "v1.2.0"));
            return System.IO.Directory.Exists(Path.Combine(chart, "files")) ? chart : null;
        }
        return null;
    }

    /// <summary>The rules of files/&lt;name&gt;.yaml as JSON.</summary>
    public static JsonNode? Rules(string file) =>
        (YamlToJson.Convert(File.ReadAllText(Path.Combine(Directory!, "files", file))) as JsonObject)?["rules"];
}

/// <summary>A fact skipped, with the reason shown, when Liqo's chart is absent.</summary>
public sealed class LiqoChartFactAttribute : FactAttribute
{
    public LiqoChartFactAttribute()
    {
        if (LiqoChart.Directory is null)
            Skip = "Liqo's chart is not available: ../shared/liqo-chart/v1.2.0/ beside the repository is absent, so the sandbox runs without Liqo's RBAC.";
    }
}

/// <summary>What the simulated installation takes from Liqo's chart, and the authentication-keys Secret as the controller manager writes it.</summary>
public sealed class ChartInstallationTests(ITestOutputHelper output)
{
    [LiqoChartFact]
    public async Task EveryRoleHoldsTheRulesOfTheChartsFileAndIsBoundAsTheTemplatesBindIt()
    {
        await using var scope = await LiqoSandboxScope.StartAsync(output);
        var k = scope.Peering.Consumer.K;
        var files = System.IO.Directory.EnumerateFiles(Path.Combine(LiqoChart.Directory!, "files"), "*.yaml").Select(Path.GetFileName).ToList();
        var clusterRoles = (await k.RbacAuthorizationV1.ListClusterRoleAsync(labelSelector: "app.kubernetes.io/part-of=liqo")).Items;
        var roles = (await k.RbacAuthorizationV1.ListNamespacedRoleAsync("liqo", labelSelector: "app.kubernetes.io/part-of=liqo")).Items;
        // every file but the pre-delete hook's is installed, its rules unchanged
        foreach (var file in files.Where(f => !f!.StartsWith("liqo-pre-delete-", StringComparison.Ordinal)))
        {
            var isClusterRole = file!.EndsWith("-ClusterRole.yaml", StringComparison.Ordinal);
            var name = file[..file.LastIndexOf('-')];
            var installed = isClusterRole
                ? KubernetesJson.Serialize(Assert.Single(clusterRoles, r => r.Metadata.Name == name).Rules)
                : KubernetesJson.Serialize(Assert.Single(roles, r => r.Metadata.Name == name).Rules);
            Assert.True(JsonNode.DeepEquals(LiqoChart.Rules(file), JsonNode.Parse(installed)), $"{file}: installed {installed}");
        }
        Assert.DoesNotContain(clusterRoles, r => r.Metadata.Name == "liqo-pre-delete");

        // the peering-user roles, found by the label liqoctl generate peering-user lists them by
        var peeringRole = Assert.Single((await k.RbacAuthorizationV1.ListRoleForAllNamespacesAsync(labelSelector: "app.kubernetes.io/component=peering-user")).Items);
        Assert.Equal(("liqo", "liqo-peering-user-liqo-ns"), (peeringRole.Metadata.NamespaceProperty, peeringRole.Metadata.Name));
        var peeringClusterRole = Assert.Single((await k.RbacAuthorizationV1.ListClusterRoleAsync(labelSelector: "app.kubernetes.io/component=peering-user")).Items);
        Assert.Equal("liqo-peering-user-tenant-ns", peeringClusterRole.Metadata.Name);
        Assert.Equal("v1.2.0", peeringClusterRole.Metadata.Labels["app.kubernetes.io/version"]);
        Assert.Equal("liqo-peering-user", peeringClusterRole.Metadata.Labels["app.kubernetes.io/instance"]);

        // bindings as the templates make them
        var controlPlane = await k.RbacAuthorizationV1.ReadClusterRoleBindingAsync("liqo-remote-controlplane");
        Assert.Equal(["liqo/liqo-controller-manager", "liqo/liqo-crd-replicator"],
            controlPlane.Subjects.Select(s => $"{s.NamespaceProperty}/{s.Name}").ToArray());
        var grant = await k.RbacAuthorizationV1.ReadClusterRoleBindingAsync("liqo-controller-manager-grant-virtual-kubelet-remote-clusterwide");
        Assert.Equal("liqo-virtual-kubelet-remote-clusterwide", grant.RoleRef.Name);
        var webhook = await k.RbacAuthorizationV1.ReadNamespacedRoleBindingAsync("liqo-webhook", "liqo");
        Assert.Equal(("Role", "liqo-webhook"), (webhook.RoleRef.Kind, webhook.RoleRef.Name));
        Assert.Equal("webhook", (await k.CoreV1.ReadNamespacedServiceAccountAsync("liqo-webhook", "liqo")).Metadata.Labels["app.kubernetes.io/component"]);
        Assert.DoesNotContain((await k.RbacAuthorizationV1.ListClusterRoleBindingAsync()).Items,
            b => b.Metadata.Name == global::Liqo.Sandbox.Liqo.Install.LiqoInstaller.WithoutChartRbacBinding);
    }

    [Fact]
    public async Task WithoutTheChartTheSandboxRunsWithoutLiqosRbac()
    {
        var empty = System.IO.Directory.CreateTempSubdirectory("liqo-no-chart-").FullName;
        try
        {
            await using var scope = await LiqoSandboxScope.StartAsync(output, new LiqoSandboxOptions { ChartDirectory = empty });
            var k = scope.Peering.Consumer.K;
            Assert.Empty((await k.RbacAuthorizationV1.ListClusterRoleAsync(labelSelector: "app.kubernetes.io/part-of=liqo")).Items);
            var binding = await k.RbacAuthorizationV1.ReadClusterRoleBindingAsync(global::Liqo.Sandbox.Liqo.Install.LiqoInstaller.WithoutChartRbacBinding);
            Assert.Equal(("cluster-admin", "system:authenticated"), (binding.RoleRef.Name, binding.Subjects.Single().Name));
        }
        finally
        {
            System.IO.Directory.Delete(empty, true);
        }
    }

    [Fact]
    public async Task OtherInstalledObjectsLookAsTheChartAndTheControllerManagerLeaveThem()
    {
        await using var scope = await LiqoSandboxScope.StartAsync(output);
        var k = scope.Peering.Consumer.K;
        // templates/liqo-*-deployment.yaml: selector liqo.selectorLabels, pods labelled with all of liqo.labels
        var manager = await k.AppsV1.ReadNamespacedDeploymentAsync("liqo-controller-manager", "liqo");
        Assert.Equal(
            ["app.kubernetes.io/component=controller-manager", "app.kubernetes.io/instance=liqo-controller-manager",
             "app.kubernetes.io/name=controller-manager", "app.kubernetes.io/part-of=liqo"],
            manager.Spec.Selector.MatchLabels.Select(l => $"{l.Key}={l.Value}").Order(StringComparer.Ordinal).ToArray());
        Assert.Equal("v1.2.0", manager.Spec.Template.Metadata.Labels["app.kubernetes.io/version"]);
        Assert.Equal("liqo-controller-manager", manager.Spec.Template.Spec.ServiceAccountName);
        Assert.Null((await k.AppsV1.ReadNamespacedDeploymentAsync("liqo-proxy", "liqo")).Spec.Template.Spec.ServiceAccountName);
        // templates/liqo-ipam-networks.yaml: pod and service CIDRs are shared and not remapped
        var service = await scope.Peering.Consumer.GetAsync(Cr.Network, "liqo", "service-cidr");
        Assert.Equal("true", service?["metadata"]?["labels"]?["ipam.liqo.io/network-shared"]?.GetValue<string>());
        // the controller manager's start-up writes the api-server-proxy IP (EnforceAPIServerProxyIPRemapping)
        var ip = await scope.Peering.Consumer.GetAsync(Cr.Ip, "liqo", "api-server-proxy");
        Assert.Equal("api-server-proxy", ip?["metadata"]?["labels"]?["ipam.liqo.io/ip-type"]?.GetValue<string>());
        Assert.Equal("true", ip?["metadata"]?["annotations"]?["liqo.io/preinstalled"]?.GetValue<string>());
        // InitClusterKeys: no labels, type Opaque
        var keys = await k.CoreV1.ReadNamespacedSecretAsync("authentication-keys", "liqo");
        Assert.Equal("Opaque", keys.Type);
        Assert.Null(keys.Metadata.Labels);
    }

    [Fact]
    public async Task AuthenticationKeysHoldsPkcs8Version0WithoutThePublicKeyAsGoWritesIt()
    {
        await using var scope = await LiqoSandboxScope.StartAsync(output);
        var der = await PrivateKeyDerAsync(scope.Peering.Consumer.K);
        Assert.Equal(48, der.Length);
        var info = new AsnReader(der, AsnEncodingRules.DER).ReadSequence();
        Assert.Equal(0, (int)info.ReadInteger());
        Assert.Equal("1.3.101.112", info.ReadSequence().ReadObjectIdentifier());
        var seed = new AsnReader(info.ReadOctetString(), AsnEncodingRules.DER).ReadOctetString();
        Assert.Equal(32, seed.Length);
        Assert.False(info.HasData); // no attributes, no [1] public key
    }

    [OpensslFact]
    public async Task OpensslReadsTheAuthenticationKey()
    {
        var openssl = OpensslFactAttribute.Path!;
        await using var scope = await LiqoSandboxScope.StartAsync(output);
        var keys = await scope.Peering.Consumer.K.CoreV1.ReadNamespacedSecretAsync("authentication-keys", "liqo");
        var start = new ProcessStartInfo(openssl, ["pkey", "-pubout"])
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        await process.StandardInput.WriteAsync(Encoding.ASCII.GetString(keys.Data["privateKey"]));
        process.StandardInput.Close();
        var stdout = await process.StandardOutput.ReadToEndAsync();
        var stderr = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, "openssl pkey: " + stderr);
        // the public key openssl derives is the one the Secret holds
        Assert.Equal(Encoding.ASCII.GetString(keys.Data["publicKey"]), stdout);
    }

    private static async Task<byte[]> PrivateKeyDerAsync(Kubernetes k)
    {
        var keys = await k.CoreV1.ReadNamespacedSecretAsync("authentication-keys", "liqo");
        var pem = Encoding.ASCII.GetString(keys.Data["privateKey"]);
        var body = string.Concat(pem.Split('\n').Where(l => l.Length > 0 && !l.StartsWith("-----", StringComparison.Ordinal)));
        return Convert.FromBase64String(body);
    }
}

/// <summary>A fact skipped, with the reason shown, when openssl is not on PATH.</summary>
public sealed class OpensslFactAttribute : FactAttribute
{
    public static string? Path { get; } = (Environment.GetEnvironmentVariable("PATH") ?? "")
        .Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
        .Select(d => System.IO.Path.Combine(d, OperatingSystem.IsWindows() ? "openssl.exe" : "openssl")).FirstOrDefault(File.Exists);

    public OpensslFactAttribute()
    {
        if (Path is null) Skip = "openssl is not on PATH, so no test can parse the key with openssl pkey.";
    }
}
