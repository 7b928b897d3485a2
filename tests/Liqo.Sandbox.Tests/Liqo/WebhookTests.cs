using System.Net;
using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;
using Xunit.Abstractions;

namespace Liqo.Sandbox.Tests.Liqo;

/// <summary>The ResourceSlice and VirtualNode webhooks, and a broken identity.</summary>
public sealed class WebhookTests(ITestOutputHelper output)
{
    [Fact]
    public async Task DuplicateSlicesAndNodesAreRefused()
    {
        await using var scope = await LiqoSandboxScope.StartAsync(output);
        var p = scope.Peering;
        await p.PrepareAsync();
        JsonObject Slice(string ns) => new()
        {
            ["kind"] = "ResourceSlice",
            ["metadata"] = new JsonObject
            {
                ["name"] = "dup", ["namespace"] = ns,
                ["labels"] = new JsonObject { ["liqo.io/replication"] = "true", ["liqo.io/remoteID"] = p.P, ["liqo.io/remote-cluster-id"] = p.P },
            },
            ["spec"] = new JsonObject { ["class"] = "default", ["providerClusterID"] = p.P },
        };
        await p.Consumer.CreateAsync(Cr.ResourceSlice, p.ConsumerTenantNs, Slice(p.ConsumerTenantNs));
        var e = await Assert.ThrowsAsync<HttpOperationException>(() => p.Consumer.CreateAsync(Cr.ResourceSlice, "default", Slice("default")));
        Assert.Equal(HttpStatusCode.Forbidden, e.Response.StatusCode);
        Assert.Contains("admission webhook \\\"resourceslice.validate.liqo.io\\\" denied the request: a resourceslice with the same name already exists in the cluster",
            e.Response.Content);

        var node = (await p.Consumer.K.CoreV1.ListNodeAsync()).Items.Single().Metadata.Name;
        e = await Assert.ThrowsAsync<HttpOperationException>(() => p.Consumer.CreateAsync(Cr.VirtualNode, p.ConsumerTenantNs, new JsonObject
        {
            ["kind"] = "VirtualNode",
            ["metadata"] = new JsonObject { ["name"] = node },
            ["spec"] = new JsonObject { ["clusterID"] = p.P },
        }));
        Assert.Equal(HttpStatusCode.Forbidden, e.Response.StatusCode);
        Assert.Contains($"node {node} already exists", e.Response.Content);

        var created = await p.Consumer.CreateAsync(Cr.VirtualNode, p.ConsumerTenantNs, new JsonObject
        {
            ["kind"] = "VirtualNode",
            ["metadata"] = new JsonObject { ["name"] = "by-hand", ["labels"] = new JsonObject { ["liqo.io/remote-cluster-id"] = p.P } },
            ["spec"] = new JsonObject { ["clusterID"] = p.P },
        });
        Assert.Equal("true", ClusterClient.Str(created, "spec", "createNode"));
        Assert.Equal("virtual-kubelet-default", ClusterClient.Str(created, "spec", "vkOptionsTemplateRef", "name"));
    }

    [Fact]
    public async Task ABrokenIdentityBreaksReplication()
    {
        await using var scope = await LiqoSandboxScope.StartAsync(output);
        var p = scope.Peering;
        await p.PrepareAsync();
        var (_, signature) = await p.NonceAsync();
        await p.Provider.CreateAsync(Cr.Tenant, p.ProviderTenantNs, await p.GenerateTenantAsync(signature));
        var tenant = await p.WaitForTenantStatusAsync();
        // A certificate for the right key that the provider's CA did not sign (the consumer's CA did): the provider answers 401.
        var keys = await p.Consumer.K.CoreV1.ReadNamespacedSecretAsync("authentication-keys", "liqo");
        var key = TestCsr.ReadPrivateKey(System.Text.Encoding.ASCII.GetString(keys.Data["privateKey"]));
        var csrPem = TestCsr.CsrPem(key, p.C, "liqo.io");
        var der = Convert.FromBase64String(string.Concat(csrPem.Split('\n').Where(l => !l.StartsWith("-----"))));
        using var stranger = scope.Consumer.Cluster.SignCertificateRequest(der, TimeSpan.FromDays(1));
        var authParams = ClusterClient.At(tenant, "status", "authParams")!.DeepClone().AsObject();
        authParams["signedCRT"] = TestCsr.B64(stranger.ExportCertificatePem());
        await p.Consumer.CreateAsync(Cr.Identity, p.ConsumerTenantNs, new JsonObject
        {
            ["kind"] = "Identity",
            ["metadata"] = new JsonObject { ["name"] = "controlplane-" + p.P, ["labels"] = new JsonObject { ["liqo.io/remote-cluster-id"] = p.P } },
            ["spec"] = new JsonObject
            {
                ["clusterID"] = p.P, ["type"] = "ControlPlane", ["namespace"] = p.ProviderTenantNs, ["authParams"] = authParams,
            },
        });
        await p.Consumer.CreateAsync(Cr.ResourceSlice, p.ConsumerTenantNs, new JsonObject
        {
            ["kind"] = "ResourceSlice",
            ["metadata"] = new JsonObject
            {
                ["name"] = p.P,
                ["labels"] = new JsonObject { ["liqo.io/replication"] = "true", ["liqo.io/remoteID"] = p.P, ["liqo.io/remote-cluster-id"] = p.P },
            },
            ["spec"] = new JsonObject { ["class"] = "default", ["providerClusterID"] = p.P },
        });
        await p.WaitAsync(async () => (ClusterClient.At(await p.Consumer.GetAsync(Cr.ForeignCluster, null, p.P), "status", "conditions") as JsonArray)?
            .OfType<JsonObject>().Any(c => ClusterClient.Str(c, "type") == "APIServerStatus" && ClusterClient.Str(c, "status") == "Error") == true,
            "APIServerStatus Error");
        Assert.Contains(scope.Consumer.ControllerLog, l => l.Contains("crd-replicator") && l.Contains("Unauthorized"));
        Assert.Null(ClusterClient.At(await p.Consumer.GetAsync(Cr.ResourceSlice, p.ConsumerTenantNs, p.P), "status", "conditions"));
        Assert.Empty(await p.Provider.ListAsync(Cr.ResourceSlice, p.ProviderTenantNs));
    }
}
