using System.Text.Json.Nodes;
using Liqo.Engine.ClusterAccess;
using Liqo.Engine.Networking;
using Liqo.Engine.Resources;

namespace Liqo.Engine.Tests.Networking;

/// <summary>
/// liqoctl network's --namespace/--remote-namespace (the networking objects in a namespace of the user's, found there by
/// label by disconnect and reset, no tenant namespace made), --gw-server-type/--gw-client-type (the template reference
/// names the kind the cluster serves for the type) and the Configuration found by its label as liqoctl's ForConfiguration.
/// </summary>
public sealed class NetworkingOptionsTests() : LiqoPairTest("liqo-netopts-")
{
    private static readonly ResourceKind Crd = new("apiextensions.k8s.io", "v1", "customresourcedefinitions", "CustomResourceDefinition", false);

    private static async Task<string[]> NamesAsync(ClusterConnection c, ResourceKind kind, string? ns, string remoteId) =>
        (await c.Api.ListAsync(kind, ns, $"{LiqoConstants.RemoteClusterIdLabel}={remoteId}", ct: default)).Items
        .Select(o => $"{o.Namespace()}/{o.Name()}").Order(StringComparer.Ordinal).ToArray();

    private static Task CreateNamespaceAsync(ClusterConnection c, string name) =>
        c.Api.CreateAsync(Kinds.Namespace, null, new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Namespace", ["metadata"] = new JsonObject { ["name"] = name } }, default);

    /// <summary>A namespaced template type of the user's in example.com/v1, its spec free-form.</summary>
    private static Task CreateTemplateCrdAsync(ClusterConnection c, string plural, string kind) =>
        c.Api.CreateAsync(Crd, null, new JsonObject
        {
            ["apiVersion"] = "apiextensions.k8s.io/v1", ["kind"] = "CustomResourceDefinition",
            ["metadata"] = new JsonObject { ["name"] = plural + ".example.com" },
            ["spec"] = JsonNode.Parse($$"""
                { "group": "example.com", "scope": "Namespaced",
                  "names": { "plural": "{{plural}}", "singular": "{{plural.TrimEnd('s')}}", "kind": "{{kind}}" },
                  "versions": [{ "name": "v1", "served": true, "storage": true, "schema": { "openAPIV3Schema": { "type": "object",
                    "properties": { "spec": { "type": "object", "x-kubernetes-preserve-unknown-fields": true } } } } }] }
                """),
        }, default);

    [Fact]
    public async Task CustomNamespacesOnBothSidesHoldEveryNetworkingObjectAndResetFindsThemThere()
    {
        using var consumer = Connect("consumer");
        using var provider = Connect("provider", "remote");
        using var op = new Operation(NullOperationLog.Instance, TimeSpan.FromMinutes(2), default);
        await CreateNamespaceAsync(consumer, "net-consumer");
        await CreateNamespaceAsync(provider, "net-provider");

        var result = await NetworkConnect.RunAsync(op, consumer, provider,
            new NetworkConnectOptions { ClientNetworkNamespace = "net-consumer", ServerNetworkNamespace = "net-provider", Wait = true });

        Assert.True(result.Established);
        Assert.Equal(["net-consumer/provider"], await NamesAsync(consumer, Kinds.Configuration, null, "provider"));
        Assert.Equal(["net-consumer/provider"], await NamesAsync(consumer, Kinds.GatewayClient, null, "provider"));
        Assert.Equal(["net-consumer/provider"], await NamesAsync(consumer, Kinds.PublicKey, null, "provider"));
        Assert.Equal(["net-provider/consumer"], await NamesAsync(provider, Kinds.Configuration, null, "consumer"));
        Assert.Equal(["net-provider/consumer"], await NamesAsync(provider, Kinds.GatewayServer, null, "consumer"));
        Assert.Equal(["net-provider/consumer"], await NamesAsync(provider, Kinds.PublicKey, null, "consumer"));
        Assert.Null(await TenantNamespace.FindAsync(consumer, "provider", default)); // liqoctl makes none with --namespace
        Assert.Null(await TenantNamespace.FindAsync(provider, "consumer", default));

        // disconnect without the namespaces looks in the (missing) tenant namespaces: nothing to delete there
        await NetworkReset.DisconnectAsync(op, consumer, provider, "consumer", "provider");
        Assert.Single(await NamesAsync(provider, Kinds.GatewayServer, null, "consumer"));

        await NetworkReset.DisconnectAsync(op, consumer, provider, "consumer", "provider", "net-consumer", "net-provider");
        Assert.Empty(await NamesAsync(consumer, Kinds.GatewayClient, null, "provider"));
        Assert.Empty(await NamesAsync(provider, Kinds.GatewayServer, null, "consumer"));
        Assert.Single(await NamesAsync(consumer, Kinds.Configuration, null, "provider"));

        await NetworkReset.RunAsync(op, consumer, provider, "consumer", "provider", "net-consumer", "net-provider");
        Assert.Empty(await NamesAsync(consumer, Kinds.Configuration, null, "provider"));
        Assert.Empty(await NamesAsync(provider, Kinds.Configuration, null, "consumer"));
    }

    [Fact]
    public async Task OutOfBandStepsInCustomNamespacesBuildTheTunnelThere()
    {
        using var consumer = Connect("consumer");
        using var provider = Connect("provider", "remote");
        using var op = new Operation(NullOperationLog.Instance, TimeSpan.FromMinutes(2), default);
        await CreateNamespaceAsync(consumer, "net-consumer");
        await CreateNamespaceAsync(provider, "net-provider");
        var o = new NetworkConnectOptions();

        await NetworkExchange.ImportConfigurationAsync(op, consumer, await NetworkExchange.ExportConfigurationAsync(op, provider, "consumer"), true, "net-consumer");
        await NetworkExchange.ImportConfigurationAsync(op, provider, await NetworkExchange.ExportConfigurationAsync(op, consumer, "provider"), true, "net-provider");
        var serverMaterial = await NetworkExchange.CreateGatewayServerAsync(op, provider, "consumer", o, "net-provider");
        var clientMaterial = await NetworkExchange.CreateGatewayClientAsync(op, consumer, serverMaterial, o, "net-consumer");
        Assert.True(await NetworkExchange.ImportPublicKeyAsync(op, provider, clientMaterial, true, "net-provider"));

        Assert.Equal(["net-consumer/provider"], await NamesAsync(consumer, Kinds.GatewayClient, null, "provider"));
        Assert.Equal(["net-provider/consumer"], await NamesAsync(provider, Kinds.GatewayServer, null, "consumer"));
        Assert.Equal(["net-provider/consumer"], await NamesAsync(provider, Kinds.PublicKey, null, "consumer"));
        Assert.Null(await TenantNamespace.FindAsync(consumer, "provider", default));
        Assert.Null(await TenantNamespace.FindAsync(provider, "consumer", default));
    }

    [Fact]
    public async Task AMissingCustomNamespaceOrAnUnservedTypeIsRefusedBeforeAnyWrite()
    {
        using var consumer = Connect("consumer");
        using var provider = Connect("provider", "remote");
        using var op = new Operation(NullOperationLog.Instance, TimeSpan.FromMinutes(2), default);

        var e = await Assert.ThrowsAsync<LiqoException>(() => NetworkConnect.RunAsync(op, consumer, provider,
            new NetworkConnectOptions { ServerNetworkNamespace = "absent" }));
        Assert.Equal(ErrorIds.NetworkingNamespaceNotFound, e.ErrorId);
        Assert.Contains("-RemoteNetworkingNamespace", e.Message);

        e = await Assert.ThrowsAsync<LiqoException>(() => NetworkConnect.RunAsync(op, consumer, provider,
            new NetworkConnectOptions { ClientGatewayType = "example.com/v1/nosuchtemplates" }));
        Assert.Equal(ErrorIds.GatewayTypeNotFound, e.ErrorId);
        Assert.Contains("-GatewayClientType", e.Message);

        e = await Assert.ThrowsAsync<LiqoException>(() => NetworkConnect.RunAsync(op, consumer, provider,
            new NetworkConnectOptions { ServerGatewayType = "networking.liqo.io/v1beta1" }));
        Assert.Equal(ErrorIds.InvalidArgument, e.ErrorId);

        Assert.Null(await TenantNamespace.FindAsync(consumer, "provider", default));
        Assert.Null(await TenantNamespace.FindAsync(provider, "consumer", default));
        Assert.Empty((await consumer.Api.ListAsync(Kinds.Configuration, null, ct: default)).Items);
        Assert.Empty((await provider.Api.ListAsync(Kinds.Configuration, null, ct: default)).Items);
    }

    [Fact]
    public async Task ACustomServerTypeIsNamedInTheGatewayServerAndLiqoBuildsTheTunnelFromIt()
    {
        using var consumer = Connect("consumer");
        using var provider = Connect("provider", "remote");
        using var op = new Operation(NullOperationLog.Instance, TimeSpan.FromMinutes(2), default);
        await CreateTemplateCrdAsync(provider, "acmegatewayservertemplates", "AcmeGatewayServerTemplate");
        var wireguard = (await provider.Api.GetAsync(Kinds.WgGatewayServerTemplate, "liqo", "wireguard-server", default))!;
        await provider.Api.CreateAsync(new ResourceKind("example.com", "v1", "acmegatewayservertemplates", "AcmeGatewayServerTemplate", true), "liqo",
            new JsonObject
            {
                ["apiVersion"] = "example.com/v1", ["kind"] = "AcmeGatewayServerTemplate",
                ["metadata"] = new JsonObject { ["name"] = "acme-server", ["namespace"] = "liqo" },
                ["spec"] = wireguard["spec"]!.DeepClone(),
            }, default);

        var result = await NetworkConnect.RunAsync(op, consumer, provider, new NetworkConnectOptions
        {
            ServerGatewayType = "example.com/v1/acmegatewayservertemplates", ServerTemplateName = "acme-server", Wait = true,
        });

        Assert.True(result.Established);
        var server = (await provider.Api.GetAsync(Kinds.GatewayServer, "liqo-tenant-consumer", "consumer", default))!;
        Assert.Equal("""{"apiVersion":"example.com/v1","kind":"AcmeGatewayServerTemplate","name":"acme-server","namespace":"liqo"}""",
            server["spec"]!["serverTemplateRef"]!.ToJsonString());
        var client = (await consumer.Api.GetAsync(Kinds.GatewayClient, "liqo-tenant-provider", "provider", default))!;
        Assert.Equal("WgGatewayClientTemplate", client.StringAt("spec.clientTemplateRef.kind"));
    }

    [Fact]
    public async Task ATypeWhoseKindLiqoWouldPluralizeElsewhereIsRefusedBeforeAnyWrite()
    {
        using var consumer = Connect("consumer");
        using var provider = Connect("provider", "remote");
        using var op = new Operation(NullOperationLog.Instance, TimeSpan.FromMinutes(2), default);
        await CreateTemplateCrdAsync(provider, "oddtemplates", "OddGatewayServerTemplate");

        // the served plural: no kind guesses to it, so liqoctl's ResourceToKind finds none either
        var e = await Assert.ThrowsAsync<LiqoException>(() => NetworkConnect.RunAsync(op, consumer, provider,
            new NetworkConnectOptions { ServerGatewayType = "example.com/v1/oddtemplates" }));
        Assert.Equal(ErrorIds.GatewayTypeNotFound, e.ErrorId);

        // the kind's guessed plural: liqoctl would take it and Liqo's operator would never find the template
        e = await Assert.ThrowsAsync<LiqoException>(() => NetworkConnect.RunAsync(op, consumer, provider,
            new NetworkConnectOptions { ServerGatewayType = "example.com/v1/oddgatewayservertemplates", SkipValidation = true }));
        Assert.Equal(ErrorIds.InvalidArgument, e.ErrorId);
        Assert.Contains("served as 'oddtemplates'", e.Message);
        Assert.Null(await TenantNamespace.FindAsync(provider, "consumer", default));
    }

    [Fact]
    public async Task TheConfigurationIsWaitedForByItsLabelWhateverItsName()
    {
        using var consumer = Connect("consumer");
        using var op = new Operation(NullOperationLog.Instance, TimeSpan.FromMinutes(2), default);
        var ns = await TenantNamespace.EnsureAsync(op, consumer, "provider");
        // as liqoctl create configuration my-provider --remote-cluster-id provider would make it
        var custom = NetworkConfiguration.Forge("provider", ns, new NetworkConfiguration.Cidrs(["10.200.0.0/16"], ["10.201.0.0/16"]));
        custom["metadata"]!["name"] = "my-provider";
        await consumer.Api.CreateAsync(Kinds.Configuration, ns, custom, default);

        var applied = await NetworkConfiguration.WaitAppliedAsync(op, consumer, ns, "provider");
        Assert.Equal("my-provider", applied!.Name());
        await NetworkConfiguration.CheckInitializedAsync(op, consumer, ns, "provider");

        var twin = NetworkConfiguration.Forge("provider", ns, new NetworkConfiguration.Cidrs(["10.202.0.0/16"], ["10.203.0.0/16"]));
        await consumer.Api.CreateAsync(Kinds.Configuration, ns, twin, default);
        var e = await Assert.ThrowsAsync<LiqoException>(() => NetworkConfiguration.WaitAppliedAsync(op, consumer, ns, "provider"));
        Assert.Equal(ErrorIds.NetworkObjectAmbiguous, e.ErrorId);
        Assert.StartsWith("multiple Configurations found for ForeignCluster provider", e.Message);
    }
}
