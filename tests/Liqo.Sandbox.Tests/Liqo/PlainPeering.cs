using System.Text;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Liqo.Sandbox.Liqo;

namespace Liqo.Sandbox.Tests.Liqo;

/// <summary>
/// liqoctl peer's sequence (liqo-peering.md §2) done with plain Kubernetes objects through KubernetesClient: the
/// consumer's and provider's objects are created as liqoctl creates them, and every wait is a condition on what the
/// simulated controllers write. Each phase can be run on its own, so failure tests stop where Liqo would get stuck.
/// </summary>
public sealed class PlainPeering(LiqoSandbox sandbox, string consumerName = "consumer", string providerName = "provider") : IDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public ClusterClient Consumer { get; } = new(sandbox[consumerName].KubeconfigPath);
    public ClusterClient Provider { get; } = new(sandbox[providerName].KubeconfigPath);
    public string C { get; private set; } = "";
    public string P { get; private set; } = "";
    /// <summary>liqo-tenant-P on the consumer.</summary>
    public string ConsumerTenantNs => "liqo-tenant-" + P;
    /// <summary>liqo-tenant-C on the provider.</summary>
    public string ProviderTenantNs => "liqo-tenant-" + C;

    /// <summary>Receives one line per wait with its duration (diagnostics).</summary>
    public Action<string>? Trace { get; set; }

    public async Task WaitAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        await sandbox.WaitUntilAsync(_ => condition(), timeout ?? Timeout, what);
        Trace?.Invoke($"{DateTime.Now:HH:mm:ss.fff} waited {started.ElapsedMilliseconds,5} ms for {what}");
    }

    /// <summary>Cluster IDs and the two tenant namespaces.</summary>
    public async Task PrepareAsync()
    {
        C = await Consumer.ClusterIdAsync();
        P = await Provider.ClusterIdAsync();
        await EnsureTenantNamespace(Consumer, P);
        await EnsureTenantNamespace(Provider, C);
    }

    private static async Task EnsureTenantNamespace(ClusterClient c, string remoteId)
    {
        var found = await c.K.CoreV1.ListNamespaceAsync(labelSelector: $"liqo.io/remote-cluster-id={remoteId},liqo.io/tenant-namespace");
        if (found.Items.Count > 0) return;
        await c.K.CoreV1.CreateNamespaceAsync(new V1Namespace
        {
            Metadata = new V1ObjectMeta
            {
                Name = "liqo-tenant-" + remoteId,
                Labels = new Dictionary<string, string>
                {
                    ["liqo.io/remote-cluster-id"] = remoteId,
                    ["liqo.io/tenant-namespace"] = "true",
                    ["pod-security.kubernetes.io/audit"] = "privileged",
                    ["pod-security.kubernetes.io/enforce"] = "privileged",
                    ["pod-security.kubernetes.io/warn"] = "privileged",
                },
            },
        });
    }

    private static async Task<(List<string> Pod, string External)> Cidrs(ClusterClient c)
    {
        var pod = (await c.ListAsync(Cr.Network, "liqo", "ipam.liqo.io/network-type=pod-cidr")).Select(n => ClusterClient.Str(n, "status", "cidr")!).ToList();
        var external = (await c.ListAsync(Cr.Network, "liqo", "ipam.liqo.io/network-type=external-cidr")).Single();
        return (pod, ClusterClient.Str(external, "status", "cidr")!);
    }

    /// <summary>§2.1 steps 1–6: the two Configurations, until NetworkCIDRsConfigured (with the observed generation) on both.</summary>
    public async Task ConfigureNetworkAsync()
    {
        var consumerCidrs = await Cidrs(Consumer);
        var providerCidrs = await Cidrs(Provider);
        await Consumer.CreateAsync(Cr.Configuration, ConsumerTenantNs, Configuration(P, ConsumerTenantNs, providerCidrs));
        await Provider.CreateAsync(Cr.Configuration, ProviderTenantNs, Configuration(C, ProviderTenantNs, consumerCidrs));
        await WaitAsync(() => Configured(Consumer, ConsumerTenantNs, P), "the consumer's Configuration");
        await WaitAsync(() => Configured(Provider, ProviderTenantNs, C), "the provider's Configuration");
    }

    private static JsonObject Configuration(string id, string ns, (List<string> Pod, string External) cidrs) => new()
    {
        ["apiVersion"] = Cr.Configuration.ApiVersion,
        ["kind"] = "Configuration",
        ["metadata"] = new JsonObject { ["name"] = id, ["namespace"] = ns, ["labels"] = new JsonObject { ["liqo.io/remote-cluster-id"] = id } },
        ["spec"] = new JsonObject
        {
            ["remote"] = new JsonObject
            {
                ["cidr"] = new JsonObject
                {
                    ["pod"] = new JsonArray(cidrs.Pod.Select(p => (JsonNode?)JsonValue.Create(p)).ToArray()),
                    ["external"] = new JsonArray(cidrs.External),
                },
            },
        },
    };

    private static async Task<bool> Configured(ClusterClient c, string ns, string name)
    {
        var cfg = await c.GetAsync(Cr.Configuration, ns, name);
        var cond = (ClusterClient.At(cfg, "status", "conditions") as JsonArray)?.OfType<JsonObject>()
            .FirstOrDefault(x => ClusterClient.Str(x, "type") == "NetworkCIDRsConfigured");
        return ClusterClient.Str(cond, "status") == "True"
            && ClusterClient.Str(cond, "observedGeneration") == ClusterClient.Str(cfg, "metadata", "generation");
    }

    /// <summary>§2.1 steps 7–16: the template checks, the GatewayServer, its pod and endpoint, the GatewayClient and its pod.</summary>
    public async Task CreateGatewaysAsync(string serviceType = "LoadBalancer")
    {
        Assert.NotNull(await Provider.GetAsync(Cr.WgServerTemplate, "liqo", "wireguard-server"));
        Assert.NotNull(await Consumer.GetAsync(Cr.WgClientTemplate, "liqo", "wireguard-client"));
        await Provider.CreateAsync(Cr.GatewayServer, ProviderTenantNs, new JsonObject
        {
            ["kind"] = "GatewayServer",
            ["metadata"] = new JsonObject { ["name"] = C, ["namespace"] = ProviderTenantNs, ["labels"] = new JsonObject { ["liqo.io/remote-cluster-id"] = C } },
            ["spec"] = new JsonObject
            {
                ["mtu"] = 1340,
                ["endpoint"] = new JsonObject { ["port"] = 51840, ["serviceType"] = serviceType },
                ["serverTemplateRef"] = new JsonObject
                {
                    ["apiVersion"] = "networking.liqo.io/v1beta1", ["kind"] = "WgGatewayServerTemplate", ["name"] = "wireguard-server", ["namespace"] = "liqo",
                },
                ["secretRef"] = new JsonObject(),
            },
        });
        await WaitForGatewayPodAsync(Provider, ProviderTenantNs, "gw-" + C);
        JsonObject? server = null;
        await WaitAsync(async () =>
        {
            server = await Provider.GetAsync(Cr.GatewayServer, ProviderTenantNs, C);
            return ClusterClient.At(server, "status", "endpoint", "addresses") is JsonArray { Count: > 0 };
        }, "the GatewayServer endpoint");
        var endpoint = ClusterClient.At(server, "status", "endpoint")!.AsObject();
        await Consumer.CreateAsync(Cr.GatewayClient, ConsumerTenantNs, new JsonObject
        {
            ["kind"] = "GatewayClient",
            ["metadata"] = new JsonObject { ["name"] = P, ["namespace"] = ConsumerTenantNs, ["labels"] = new JsonObject { ["liqo.io/remote-cluster-id"] = P } },
            ["spec"] = new JsonObject
            {
                ["mtu"] = 1340,
                ["endpoint"] = new JsonObject
                {
                    ["addresses"] = endpoint["addresses"]!.DeepClone(), ["port"] = endpoint["port"]!.DeepClone(), ["protocol"] = endpoint["protocol"]!.DeepClone(),
                },
                ["clientTemplateRef"] = new JsonObject
                {
                    ["apiVersion"] = "networking.liqo.io/v1beta1", ["kind"] = "WgGatewayClientTemplate", ["name"] = "wireguard-client", ["namespace"] = "liqo",
                },
                ["secretRef"] = new JsonObject(),
            },
        });
        await WaitForGatewayPodAsync(Consumer, ConsumerTenantNs, "gw-" + P);
    }

    public Task WaitForGatewayPodAsync(ClusterClient c, string ns, string name) =>
        WaitAsync(async () => (await ReadyReplicas(c, ns, name)) > 0, $"Deployment {ns}/{name} ready");

    public static async Task<int> ReadyReplicas(ClusterClient c, string ns, string name)
    {
        try
        {
            return (await c.K.AppsV1.ReadNamespacedDeploymentAsync(name, ns)).Status?.ReadyReplicas ?? 0;
        }
        catch (k8s.Autorest.HttpOperationException)
        {
            return 0;
        }
    }

    /// <summary>§2.1 steps 17–20: each side's PublicKey with the other gateway's key (read from the key Secret its status references).</summary>
    public async Task ExchangeKeysAsync()
    {
        var serverKey = await GatewayKey(Provider, Cr.GatewayServer, ProviderTenantNs, C);
        var client = await Consumer.GetAsync(Cr.GatewayClient, ConsumerTenantNs, P);
        await Consumer.CreateAsync(Cr.PublicKey, ConsumerTenantNs, PublicKey(P, ConsumerTenantNs, serverKey, client!));
        var clientKey = await GatewayKey(Consumer, Cr.GatewayClient, ConsumerTenantNs, P);
        var server = await Provider.GetAsync(Cr.GatewayServer, ProviderTenantNs, C);
        await Provider.CreateAsync(Cr.PublicKey, ProviderTenantNs, PublicKey(C, ProviderTenantNs, clientKey, server!));
    }

    private async Task<string> GatewayKey(ClusterClient c, Cr kind, string ns, string name)
    {
        string? secretName = null;
        await WaitAsync(async () => (secretName = ClusterClient.Str(await c.GetAsync(kind, ns, name), "status", "secretRef", "name")) is not null,
            $"{kind.Plural} {ns}/{name} status.secretRef");
        var secret = await c.K.CoreV1.ReadNamespacedSecretAsync(secretName, ns);
        return Convert.ToBase64String(secret.Data["publicKey"]);
    }

    public static JsonObject PublicKey(string id, string ns, string key, JsonObject owner) => new()
    {
        ["kind"] = "PublicKey",
        ["metadata"] = new JsonObject
        {
            ["name"] = id,
            ["namespace"] = ns,
            ["labels"] = new JsonObject { ["liqo.io/remote-cluster-id"] = id, ["networking.liqo.io/gateway-resource"] = "true" },
            ["ownerReferences"] = new JsonArray(new JsonObject
            {
                ["apiVersion"] = owner["apiVersion"]!.DeepClone(), ["kind"] = owner["kind"]!.DeepClone(),
                ["name"] = ClusterClient.Str(owner, "metadata", "name"), ["uid"] = ClusterClient.Str(owner, "metadata", "uid"),
            }),
        },
        ["spec"] = new JsonObject { ["publicKey"] = key },
    };

    /// <summary>§2.1 steps 22–25: a Connection on each side, Connected.</summary>
    public async Task WaitForConnectionsAsync()
    {
        await WaitAsync(async () => (await Provider.ListAsync(Cr.Connection, ProviderTenantNs, "liqo.io/remote-cluster-id=" + C)).Count == 1, "the provider's Connection");
        await WaitAsync(async () => (await Consumer.ListAsync(Cr.Connection, ConsumerTenantNs, "liqo.io/remote-cluster-id=" + P)).Count == 1, "the consumer's Connection");
        await WaitAsync(() => ConnectionIs(Consumer, ConsumerTenantNs, P, "Connected"), "the consumer's Connection Connected");
        await WaitAsync(() => ConnectionIs(Provider, ProviderTenantNs, C, "Connected"), "the provider's Connection Connected");
    }

    public static async Task<bool> ConnectionIs(ClusterClient c, string ns, string id, string value) =>
        (await c.ListAsync(Cr.Connection, ns, "liqo.io/remote-cluster-id=" + id)).SingleOrDefault() is { } conn && ClusterClient.Str(conn, "status", "value") == value;

    public async Task NetworkAsync()
    {
        await ConfigureNetworkAsync();
        await CreateGatewaysAsync();
        await ExchangeKeysAsync();
        await WaitForConnectionsAsync();
    }

    /// <summary>§2.2 steps 4–9: the nonce on the provider, signed on the consumer; returns (nonce, signature).</summary>
    public async Task<(string Nonce, byte[] Signature)> NonceAsync()
    {
        await Provider.K.CoreV1.CreateNamespacedSecretAsync(new V1Secret
        {
            Metadata = new V1ObjectMeta
            {
                Name = "liqo-nonce", NamespaceProperty = ProviderTenantNs,
                Labels = new Dictionary<string, string> { ["liqo.io/nonce"] = "true", ["liqo.io/remote-cluster-id"] = C },
            },
        }, ProviderTenantNs);
        string? nonce = null;
        await WaitAsync(async () =>
        {
            var s = await Provider.K.CoreV1.ReadNamespacedSecretAsync("liqo-nonce", ProviderTenantNs);
            nonce = s.Data is { } d && d.TryGetValue("nonce", out var n) && n.Length > 0 ? Encoding.ASCII.GetString(n) : null;
            return nonce is not null;
        }, "the nonce");
        await Consumer.K.CoreV1.CreateNamespacedSecretAsync(new V1Secret
        {
            Metadata = new V1ObjectMeta
            {
                Name = "liqo-signed-nonce", NamespaceProperty = ConsumerTenantNs,
                Labels = new Dictionary<string, string> { ["liqo.io/signed-nonce"] = "true", ["liqo.io/remote-cluster-id"] = P },
            },
            StringData = new Dictionary<string, string> { ["nonce"] = nonce! },
        }, ConsumerTenantNs);
        byte[]? signature = null;
        await WaitAsync(async () =>
        {
            var s = await Consumer.K.CoreV1.ReadNamespacedSecretAsync("liqo-signed-nonce", ConsumerTenantNs);
            signature = s.Data is { } d && d.TryGetValue("signedNonce", out var v) && v.Length > 0 ? v : null;
            return signature is not null;
        }, "the signed nonce");
        return (nonce!, signature!);
    }

    /// <summary>§2.2 step 11: the Tenant liqoctl generates from the consumer's key Secret.</summary>
    public async Task<JsonObject> GenerateTenantAsync(byte[] signature)
    {
        var keys = await Consumer.K.CoreV1.ReadNamespacedSecretAsync("authentication-keys", "liqo");
        var privateKey = TestCsr.ReadPrivateKey(Encoding.ASCII.GetString(keys.Data["privateKey"]));
        return new JsonObject
        {
            ["kind"] = "Tenant",
            ["metadata"] = new JsonObject { ["name"] = C, ["namespace"] = ProviderTenantNs, ["labels"] = new JsonObject { ["liqo.io/remote-cluster-id"] = C } },
            ["spec"] = new JsonObject
            {
                ["clusterID"] = C,
                ["publicKey"] = TestCsr.B64(TestCsr.PublicKeyPem(privateKey)),
                ["csr"] = TestCsr.B64(TestCsr.CsrPem(privateKey, C, "liqo.io")),
                ["signature"] = Convert.ToBase64String(signature),
            },
        };
    }

    /// <summary>§2.2 steps 12–16: Tenant on the provider → its status → Identity controlplane-P on the consumer → its kubeconfig Secret.</summary>
    public async Task<JsonObject> AuthenticateAsync()
    {
        var (_, signature) = await NonceAsync();
        await Provider.CreateAsync(Cr.Tenant, ProviderTenantNs, await GenerateTenantAsync(signature));
        var tenant = await WaitForTenantStatusAsync();
        await Consumer.CreateAsync(Cr.Identity, ConsumerTenantNs, new JsonObject
        {
            ["kind"] = "Identity",
            ["metadata"] = new JsonObject { ["name"] = "controlplane-" + P, ["namespace"] = ConsumerTenantNs, ["labels"] = new JsonObject { ["liqo.io/remote-cluster-id"] = P } },
            ["spec"] = new JsonObject
            {
                ["clusterID"] = P,
                ["type"] = "ControlPlane",
                ["namespace"] = ClusterClient.Str(tenant, "status", "tenantNamespace"),
                ["authParams"] = ClusterClient.At(tenant, "status", "authParams")!.DeepClone(),
            },
        });
        JsonObject? identity = null;
        await WaitAsync(async () => ClusterClient.Str(identity = await Consumer.GetAsync(Cr.Identity, ConsumerTenantNs, "controlplane-" + P),
            "status", "kubeconfigSecretRef", "name") is { Length: > 0 }, "the Identity status");
        return identity!;
    }

    public async Task<JsonObject> WaitForTenantStatusAsync(TimeSpan? timeout = null)
    {
        JsonObject? tenant = null;
        await WaitAsync(async () =>
        {
            tenant = await Provider.GetAsync(Cr.Tenant, ProviderTenantNs, C);
            return ClusterClient.At(tenant, "status", "authParams") is not null && ClusterClient.Str(tenant, "status", "tenantNamespace") is { Length: > 0 };
        }, "the Tenant status", timeout);
        return tenant!;
    }

    /// <summary>§2.3: the ResourceSlice P on the consumer; waits for Authentication Accepted and returns the slice.</summary>
    public async Task<JsonObject> OffloadAsync(JsonObject? resources = null, string name = "")
    {
        name = name.Length > 0 ? name : P;
        var spec = new JsonObject { ["class"] = "default", ["providerClusterID"] = P };
        if (resources is not null) spec["resources"] = resources;
        await Consumer.CreateAsync(Cr.ResourceSlice, ConsumerTenantNs, new JsonObject
        {
            ["kind"] = "ResourceSlice",
            ["metadata"] = new JsonObject
            {
                ["name"] = name,
                ["namespace"] = ConsumerTenantNs,
                ["labels"] = new JsonObject { ["liqo.io/replication"] = "true", ["liqo.io/remoteID"] = P, ["liqo.io/remote-cluster-id"] = P },
                ["annotations"] = new JsonObject { ["liqo.io/create-virtual-node"] = "true" },
            },
            ["spec"] = spec,
        });
        JsonObject? slice = null;
        await WaitAsync(async () => ClusterClient.Condition(slice = await Consumer.GetAsync(Cr.ResourceSlice, ConsumerTenantNs, name), "Authentication") == "Accepted",
            "ResourceSlice authentication Accepted");
        return slice!;
    }

    /// <summary>The whole of liqoctl peer, then (as liqoctl does not) the virtual node and its Ready Node.</summary>
    public async Task PeerAsync(JsonObject? resources = null)
    {
        await PrepareAsync();
        await NetworkAsync();
        await AuthenticateAsync();
        await OffloadAsync(resources);
        await WaitAsync(async () => await NodeReady(P), $"Node {P} Ready");
    }

    public async Task<bool> NodeReady(string name)
    {
        var nodes = await Consumer.K.CoreV1.ListNodeAsync(labelSelector: "liqo.io/type=virtual-node");
        return nodes.Items.FirstOrDefault(n => n.Metadata.Name == name)?.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true;
    }

    /// <summary>liqoctl unpeer (§7.1): slices, virtual nodes, Identity, Tenant, gateways, Configurations, each waited for as liqoctl does.</summary>
    public async Task UnpeerAsync()
    {
        var fc = await Consumer.GetAsync(Cr.ForeignCluster, null, P);
        Assert.NotNull(fc);
        foreach (var rs in await Consumer.ListAsync(Cr.ResourceSlice, null, "liqo.io/replication=true,liqo.io/remoteID=" + P))
            await Consumer.DeleteAsync(Cr.ResourceSlice, ClusterClient.Str(rs, "metadata", "namespace"), ClusterClient.Str(rs, "metadata", "name")!);
        await WaitAsync(async () => (await Consumer.ListAsync(Cr.ResourceSlice, null, "liqo.io/replication=true,liqo.io/remoteID=" + P)).Count == 0,
            "resourceslices absence");
        foreach (var vn in await Consumer.ListAsync(Cr.VirtualNode, null, "liqo.io/remote-cluster-id=" + P))
            await Consumer.DeleteAsync(Cr.VirtualNode, ClusterClient.Str(vn, "metadata", "namespace"), ClusterClient.Str(vn, "metadata", "name")!);
        await WaitAsync(async () => (await Consumer.ListAsync(Cr.VirtualNode, null, "liqo.io/remote-cluster-id=" + P)).Count == 0, "virtualnodes absence");

        foreach (var id in (await Consumer.ListAsync(Cr.Identity, null, "liqo.io/remote-cluster-id=" + P)).Where(i => ClusterClient.Str(i, "spec", "type") == "ControlPlane"))
            await Consumer.DeleteAsync(Cr.Identity, ClusterClient.Str(id, "metadata", "namespace"), ClusterClient.Str(id, "metadata", "name")!);
        foreach (var t in await Provider.ListAsync(Cr.Tenant, ProviderTenantNs, "liqo.io/remote-cluster-id=" + C))
            await Provider.DeleteAsync(Cr.Tenant, ProviderTenantNs, ClusterClient.Str(t, "metadata", "name")!);

        foreach (var (c, kind, ns, id) in new[]
        {
            (Consumer, Cr.GatewayClient, ConsumerTenantNs, P), (Provider, Cr.GatewayClient, ProviderTenantNs, C),
            (Consumer, Cr.GatewayServer, ConsumerTenantNs, P), (Provider, Cr.GatewayServer, ProviderTenantNs, C),
            (Consumer, Cr.Configuration, ConsumerTenantNs, P), (Provider, Cr.Configuration, ProviderTenantNs, C),
        })
            foreach (var o in await c.ListAsync(kind, ns, "liqo.io/remote-cluster-id=" + id))
                await c.DeleteAsync(kind, ns, ClusterClient.Str(o, "metadata", "name")!);
    }

    public void Dispose()
    {
        Consumer.Dispose();
        Provider.Dispose();
    }
}
