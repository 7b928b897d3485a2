using Liqo.Engine.Networking;
using Liqo.Engine.Peering;
using Liqo.Engine.Resources;
using YamlDotNet.RepresentationModel;

namespace Liqo.Engine.Tests.Peering;

/// <summary>
/// From the plan to the rights asked before the first write: what each side of peer and unpeer needs, a missing
/// tenant namespace adding the create of namespaces, and nothing a peering user made by liqoctl lacks where the tenant
/// namespace exists (checked against the chart's own rules), so the check never refuses a run that would have worked.
/// </summary>
public sealed class PeeringRightsTests
{
    private const string Ns = "liqo-tenant-rome";

    private static string[] Names(IEnumerable<AccessRequirement> needs) => needs.Distinct().Select(n => n.ToString()).Order(StringComparer.Ordinal).ToArray();

    private static string In(string verb, string resource) => $"{verb} {resource} in the namespace \"{Ns}\"";

    [Fact]
    public void PeerOnTheProviderNeedsTheNetworkingAndTenantWritesInItsTenantNamespace()
    {
        string[] expected =
        [
            In("create", "configurations.networking.liqo.io"), In("create", "gatewayservers.networking.liqo.io"), In("create", "publickeies.networking.liqo.io"),
            In("create", "secrets"), In("create", "tenants.authentication.liqo.io"),
            In("delete", "gatewayservers.networking.liqo.io"),
            In("update", "configurations.networking.liqo.io"), In("update", "gatewayservers.networking.liqo.io"), In("update", "publickeies.networking.liqo.io"),
            In("update", "tenants.authentication.liqo.io"),
        ];
        Assert.Equal(expected.Order(StringComparer.Ordinal), Names(PeeringRights.PeerProvider(new PeerOptions(), Ns, namespaceExists: true)));
    }

    [Fact]
    public void AMissingTenantNamespaceAddsTheCreateOfNamespacesAtTheClusterScope()
    {
        var needs = PeeringRights.PeerProvider(new PeerOptions(), Ns, namespaceExists: false).ToList();
        Assert.Contains(new AccessRequirement("create", Kinds.Namespace, null), needs);
        Assert.Equal("create namespaces at the cluster scope", new AccessRequirement("create", Kinds.Namespace, null).ToString());
        Assert.DoesNotContain(new AccessRequirement("create", Kinds.Namespace, null), PeeringRights.PeerProvider(new PeerOptions(), Ns, namespaceExists: true));
    }

    [Fact]
    public void PeerOnTheConsumerNeedsTheClientGatewayIdentityAndOffloading()
    {
        var names = Names(PeeringRights.PeerConsumer(new PeerOptions(), Ns, namespaceExists: true));
        Assert.Contains(In("create", "gatewayclients.networking.liqo.io"), names);
        Assert.DoesNotContain(In("create", "gatewayservers.networking.liqo.io"), names);
        Assert.Contains(In("update", "identities.authentication.liqo.io"), names);
        Assert.Contains(In("create", "resourceslices.authentication.liqo.io"), names);
        Assert.Contains(In("create", "virtualnodes.offloading.liqo.io"), names);
    }

    [Fact]
    public void TheOptionsDecideWhichStepsAreChecked()
    {
        var serverOnConsumer = Names(PeeringRights.PeerConsumer(new PeerOptions { GatewayServerLocation = GatewayServerLocation.Consumer }, Ns, true));
        Assert.Contains(In("create", "gatewayservers.networking.liqo.io"), serverOnConsumer);
        Assert.DoesNotContain(In("create", "gatewayclients.networking.liqo.io"), serverOnConsumer);

        var noNetworking = Names(PeeringRights.PeerProvider(new PeerOptions { NetworkingDisabled = true }, Ns, true));
        Assert.DoesNotContain(noNetworking, n => n.Contains("networking.liqo.io", StringComparison.Ordinal));
        Assert.Contains(In("create", "tenants.authentication.liqo.io"), noNetworking);
        Assert.Contains(new AccessRequirement("create", Kinds.Namespace, null).ToString(),
            Names(PeeringRights.PeerProvider(new PeerOptions { NetworkingDisabled = true }, Ns, false)));

        var noSlice = Names(PeeringRights.PeerConsumer(new PeerOptions { CreateResourceSlice = false }, Ns, true));
        Assert.DoesNotContain(noSlice, n => n.Contains("resourceslices", StringComparison.Ordinal) || n.Contains("virtualnodes", StringComparison.Ordinal));

        var noKeys = Names(PeeringRights.PeerProvider(new PeerOptions { Network = new NetworkConnectOptions { DisableSharingKeys = true } }, Ns, true));
        Assert.DoesNotContain(noKeys, n => n.Contains("publickeies", StringComparison.Ordinal));
    }

    [Fact]
    public void UnpeerDeletesWhatIsThereAndKeepsTheTunnelOfABidirectionalPeering()
    {
        Assert.Equal(
            new[] { In("delete", "configurations.networking.liqo.io"), In("delete", "gatewayclients.networking.liqo.io"),
                In("delete", "gatewayservers.networking.liqo.io"), In("delete", "tenants.authentication.liqo.io") },
            Names(PeeringRights.UnpeerProvider(Ns, bidirectional: false)));
        Assert.Equal(new[] { In("delete", "tenants.authentication.liqo.io") }, Names(PeeringRights.UnpeerProvider(Ns, bidirectional: true)));
        Assert.Contains(In("delete", "resourceslices.authentication.liqo.io"), Names(PeeringRights.UnpeerConsumer(Ns, bidirectional: true)));
        Assert.Contains(In("delete", "identities.authentication.liqo.io"), Names(PeeringRights.UnpeerConsumer(Ns, bidirectional: true)));
        Assert.Empty(PeeringRights.UnpeerProvider(null, bidirectional: false));
        Assert.Empty(PeeringRights.UnpeerConsumer(null, bidirectional: false));
    }

    [Fact]
    public void DisconnectChecksTheGatewaysOnlyAndResetTheConfigurationToo()
    {
        Assert.Equal(new[] { In("delete", "gatewayclients.networking.liqo.io"), In("delete", "gatewayservers.networking.liqo.io") },
            Names(NetworkRights.Reset(Ns, configurations: false)));
        Assert.Contains(In("delete", "configurations.networking.liqo.io"), Names(NetworkRights.Reset(Ns, configurations: true)));
        Assert.Empty(NetworkRights.Reset(null, configurations: true));
    }

    [ChartRulesFact]
    public void APeeringUserMadeByLiqoctlHasEveryRightTheProviderSideAsksForWhereItsTenantNamespaceExists()
    {
        var rules = ChartRules("liqo-peering-user-tenant-ns-ClusterRole.yaml");
        var o = new PeerOptions();
        var asked = PeeringRights.PeerProvider(o, Ns, true)
            .Concat(PeeringRights.UnpeerProvider(Ns, bidirectional: false))
            .Concat(NetworkRights.Connect(Ns, true, gatewayServer: false, sharingKeys: true))
            .Concat(Liqo.Engine.Authentication.AuthenticationRights.Provider(Ns, true))
            .Distinct();
        Assert.All(asked, need => Assert.True(rules.Any(r => r.Groups.Contains(need.Kind.Group) && r.Resources.Contains(need.Kind.Plural) && r.Verbs.Contains(need.Verb)),
            $"the chart's peering-user role does not grant {need}"));
        // and the one it does not grant is what a missing tenant namespace adds
        Assert.DoesNotContain(rules, r => r.Resources.Contains("namespaces") && r.Verbs.Contains("create"));
    }

    private sealed record Rule(string[] Groups, string[] Resources, string[] Verbs);

    private static List<Rule> ChartRules(string file)
    {
        var yaml = new YamlStream();
        using (var reader = File.OpenText(Path.Combine(ChartRulesFactAttribute.Files!, file))) yaml.Load(reader);
        var root = (YamlMappingNode)yaml.Documents[0].RootNode;
        string[] Strings(YamlMappingNode rule, string key) =>
            rule.Children.TryGetValue(new YamlScalarNode(key), out var v) ? ((YamlSequenceNode)v).Select(s => ((YamlScalarNode)s).Value ?? "").ToArray() : [];
        return ((YamlSequenceNode)root.Children[new YamlScalarNode("rules")]).Cast<YamlMappingNode>()
            .Select(r => new Rule(Strings(r, "apiGroups"), Strings(r, "resources"), Strings(r, "verbs"))).ToList();
    }
}

/// <summary>A fact skipped, with the reason shown, when Liqo's chart (../shared/liqo-chart/v1.2.0/files) is absent.</summary>
public sealed class ChartRulesFactAttribute : FactAttribute
{
    public static string? Files => RepositoryPaths.Shared is { } shared && Directory.Exists(Path.Combine(shared, "liqo-chart", "v1.2.0", "files"))
        ? Path.Combine(shared, "liqo-chart", "v1.2.0", "files") : null;

    public ChartRulesFactAttribute()
    {
        if (Files is null) Skip = "Liqo's chart is not available: ../shared/liqo-chart/v1.2.0/files beside the repository is absent.";
    }
}
