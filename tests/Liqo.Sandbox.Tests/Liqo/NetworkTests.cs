using System.Text.Json.Nodes;
using k8s;
using Liqo.Sandbox.Liqo;
using Xunit.Abstractions;

namespace Liqo.Sandbox.Tests.Liqo;

/// <summary>Remapping of overlapping CIDRs and the other gateway service types.</summary>
public sealed class NetworkTests(ITestOutputHelper output)
{
    [Fact]
    public async Task OverlappingCidrsAreRemappedAndNodePortGatewaysConnect()
    {
        await using var scope = await LiqoSandboxScope.StartAsync(output, new LiqoSandboxOptions { OverlappingCidrs = true });
        var p = scope.Peering;
        await p.PrepareAsync();
        await p.ConfigureNetworkAsync();
        var cfg = await p.Consumer.GetAsync(Cr.Configuration, p.ConsumerTenantNs, p.P);
        Assert.Equal("10.244.0.0/16", ClusterClient.At(cfg, "spec", "remote", "cidr", "pod")![0]!.GetValue<string>());
        var remapped = ClusterClient.At(cfg, "status", "remote", "cidr", "pod")![0]!.GetValue<string>();
        Assert.NotEqual("10.244.0.0/16", remapped);
        Assert.EndsWith("/16", remapped);
        Assert.NotEqual("10.70.0.0/16", ClusterClient.At(cfg, "status", "remote", "cidr", "external")![0]!.GetValue<string>());
        Assert.Equal("10.244.0.0/16", ClusterClient.At(cfg, "spec", "local", "cidr", "pod")![0]!.GetValue<string>());

        await p.CreateGatewaysAsync("NodePort");
        var server = await p.Provider.GetAsync(Cr.GatewayServer, p.ProviderTenantNs, p.C);
        var providerNode = (await p.Provider.K.CoreV1.ListNodeAsync()).Items.Single();
        var nodeIp = providerNode.Status.Addresses.First(a => a.Type == "InternalIP").Address;
        Assert.Equal(nodeIp, ClusterClient.At(server, "status", "endpoint", "addresses")![0]!.GetValue<string>());
        var svc = await p.Provider.K.CoreV1.ReadNamespacedServiceAsync("gw-" + p.C, p.ProviderTenantNs);
        Assert.Equal("NodePort", svc.Spec.Type);
        Assert.Equal(svc.Spec.Ports[0].NodePort?.ToString(), ClusterClient.Str(server, "status", "endpoint", "port"));
        await p.ExchangeKeysAsync();
        await p.WaitForConnectionsAsync();
    }

    /// <summary>
    /// A GatewayServer whose template reference names no template (a wrong name, a namespace it is not in, or a kind whose
    /// lower-cased plural is not a served resource) gets no WgGatewayServer and no status, as Liqo's server operator, which
    /// reads the template by KindToResource(kind) in exactly the named namespace and returns the error.
    /// </summary>
    [Fact]
    public async Task AGatewayServerNamingNoTemplateGetsNoGatewayAndNoStatus()
    {
        await using var scope = await LiqoSandboxScope.StartAsync(output);
        var p = scope.Peering;
        await p.PrepareAsync();
        await p.ConfigureNetworkAsync();
        // a template type whose plural is not its kind lower-cased and pluralized: served, but not where Liqo looks
        await p.Provider.K.ApiextensionsV1.CreateCustomResourceDefinitionAsync(KubernetesJson.Deserialize<k8s.Models.V1CustomResourceDefinition>("""
            { "apiVersion": "apiextensions.k8s.io/v1", "kind": "CustomResourceDefinition", "metadata": { "name": "oddtemplates.example.com" },
              "spec": { "group": "example.com", "scope": "Namespaced",
                "names": { "plural": "oddtemplates", "singular": "oddtemplate", "kind": "OddGatewayServerTemplate" },
                "versions": [{ "name": "v1", "served": true, "storage": true, "schema": { "openAPIV3Schema": { "type": "object",
                  "properties": { "spec": { "type": "object", "x-kubernetes-preserve-unknown-fields": true } } } } }] } }
            """));
        var wireguard = await p.Provider.GetAsync(Cr.WgServerTemplate, "liqo", "wireguard-server");
        await p.Provider.CreateAsync(new Cr("example.com", "v1", "oddtemplates"), "liqo", new JsonObject
        {
            ["apiVersion"] = "example.com/v1", ["kind"] = "OddGatewayServerTemplate",
            ["metadata"] = new JsonObject { ["name"] = "odd", ["namespace"] = "liqo" }, ["spec"] = wireguard!["spec"]!.DeepClone(),
        });
        var refs = new (string Name, string ApiVersion, string Kind, string Name2, string Ns)[]
        {
            ("odd-plural", "example.com/v1", "OddGatewayServerTemplate", "odd", "liqo"),
            ("wrong-name", "networking.liqo.io/v1beta1", "WgGatewayServerTemplate", "no-such-template", "liqo"),
            ("wrong-namespace", "networking.liqo.io/v1beta1", "WgGatewayServerTemplate", "wireguard-server", p.ProviderTenantNs),
            ("no-namespace", "networking.liqo.io/v1beta1", "WgGatewayServerTemplate", "wireguard-server", ""),
            ("wrong-kind-case", "networking.liqo.io/v1beta1", "WgGatewayServerTemplates", "wireguard-server", "liqo"),
        };
        foreach (var r in refs)
        {
            var template = new JsonObject { ["apiVersion"] = r.ApiVersion, ["kind"] = r.Kind, ["name"] = r.Name2 };
            if (r.Ns.Length > 0) template["namespace"] = r.Ns;
            await p.Provider.CreateAsync(Cr.GatewayServer, p.ProviderTenantNs, new JsonObject
            {
                ["kind"] = "GatewayServer",
                ["metadata"] = new JsonObject { ["name"] = r.Name, ["namespace"] = p.ProviderTenantNs, ["labels"] = new JsonObject { ["liqo.io/remote-cluster-id"] = p.C } },
                ["spec"] = new JsonObject
                {
                    ["mtu"] = 1340,
                    ["endpoint"] = new JsonObject { ["port"] = 51840, ["serviceType"] = "NodePort" },
                    ["serverTemplateRef"] = template,
                    ["secretRef"] = new JsonObject(),
                },
            });
        }
        foreach (var r in refs)
        {
            var events = new List<k8s.Models.Corev1Event>();
            await p.WaitAsync(async () => (events = (await p.Provider.K.CoreV1.ListNamespacedEventAsync(p.ProviderTenantNs,
                fieldSelector: "reason=TemplateNotFound")).Items.Where(e => e.InvolvedObject.Name == r.Name).ToList()).Count > 0, $"the TemplateNotFound event of {r.Name}");
            Assert.StartsWith("unable to get the server template: ", events[0].Message);
            Assert.Null(await p.Provider.GetAsync(new Cr("networking.liqo.io", "v1beta1", "wggatewayservers"), p.ProviderTenantNs, r.Name));
            Assert.Null(ClusterClient.At(await p.Provider.GetAsync(Cr.GatewayServer, p.ProviderTenantNs, r.Name), "status", "endpoint"));
        }
    }
}
