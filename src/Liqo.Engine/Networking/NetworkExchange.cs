using System.Text.Json.Nodes;
using Liqo.Engine.ClusterAccess;
using Liqo.Engine.Exchange;
using Liqo.Engine.Resources;

namespace Liqo.Engine.Networking;

/// <summary>
/// Networking out of band (liqoctl generate/create configuration, create gatewayserver/gatewayclient, create
/// publickey), each step run with credentials for one cluster only and the same engine steps as Enable-LiqoNetworking:
/// both clusters <see cref="ExportConfigurationAsync"/> and <see cref="ImportConfigurationAsync"/>; the server cluster
/// <see cref="CreateGatewayServerAsync"/> → the client cluster <see cref="CreateGatewayClientAsync"/> → the server cluster
/// <see cref="ImportPublicKeyAsync"/>. Nothing exchanged is secret: CIDRs, an endpoint and WireGuard public keys.
/// </summary>
public static class NetworkExchange
{
    /// <summary>This cluster's pod and external CIDRs, for the other cluster's Configuration (liqoctl generate configuration).</summary>
    public static async Task<PeeringMaterial> ExportConfigurationAsync(Operation op, ClusterConnection cluster, string forClusterId)
    {
        var id = await Authentication.AuthenticationExchange.ReadIdAsync(op, cluster, forClusterId).ConfigureAwait(false);
        var cidrs = await NetworkConfiguration.RetrieveAsync(op, cluster).ConfigureAwait(false);
        return new PeeringMaterial(PeeringMaterial.NetworkConfigurationKind, id, forClusterId, new JsonObject
        {
            ["cidr"] = new JsonObject { ["pod"] = Json.Strings(cidrs.Pod), ["external"] = Json.Strings(cidrs.External) },
        });
    }

    /// <summary>
    /// Writes the other cluster's Configuration in its tenant namespace and, when asked, waits for the CIDRs to be
    /// remapped. Returns the Configuration (as last seen) and the tenant namespace. <paramref name="networkingNamespace"/>
    /// (liqoctl create configuration --namespace) puts it in that namespace instead, which must exist.
    /// </summary>
    public static async Task<(JsonObject Configuration, string TenantNamespace, bool Applied)> ImportConfigurationAsync(Operation op,
        ClusterConnection cluster, PeeringMaterial material, bool wait, string? networkingNamespace = null)
    {
        var custom = NetworkNamespace.Custom(networkingNamespace, "NetworkingNamespace");
        var id = await ClusterId.ReadAsync(cluster, op.Cancellation).ConfigureAwait(false);
        material.RequireFor(id, PeeringMaterial.NetworkConfigurationKind, cluster.Scope);
        var remoteId = material.FromClusterId;
        var cidr = material.Object("cidr");
        var pod = Strings(cidr, "pod", material);
        var external = Strings(cidr, "external", material);
        foreach (var c in pod.Concat(external))
            if (!Cidr.TryParse(c, out _))
                throw PeeringMaterial.Invalid(material.Kind, $"The {material.Describe()} holds '{c}', which is not a CIDR.");
        if (custom is not null) await NetworkNamespace.RequireAsync(cluster, custom, "NetworkingNamespace", op.Cancellation).ConfigureAwait(false);
        var ns = await NetworkNamespace.EnsureAsync(op, cluster, custom, remoteId).ConfigureAwait(false);
        var conf = await NetworkConfiguration.SetUpAsync(op, cluster, remoteId, ns, new NetworkConfiguration.Cidrs(pod, external)).ConfigureAwait(false);
        if (!wait) return (conf, ns, false);
        var applied = await NetworkConfiguration.WaitAppliedAsync(op, cluster, ns, remoteId).ConfigureAwait(false);
        return (applied ?? conf, ns, applied is not null);
    }

    /// <summary>
    /// On the server cluster: the GatewayServer for the client cluster (template check unless skipped, the
    /// Configuration must be applied), its pod, its endpoint and its WireGuard public key: what the client needs.
    /// </summary>
    public static async Task<PeeringMaterial> CreateGatewayServerAsync(Operation op, ClusterConnection server, string clientId, NetworkConnectOptions o,
        string? networkingNamespace = null)
    {
        InputRules.RemoteClusterId(clientId);
        InputRules.CheckGateways(op, o, server: "", client: "GatewayClient"); // New-LiqoGatewayServer's own parameter names
        var custom = NetworkNamespace.Custom(networkingNamespace, "NetworkingNamespace");
        var serverId = await Authentication.AuthenticationExchange.ReadIdAsync(op, server, clientId).ConfigureAwait(false);
        var ns = await RequireNamespaceAsync(op, server, clientId, custom).ConfigureAwait(false);
        o = await GatewayTemplates.ResolveAsync(o, server, "Type", null, "", op.Cancellation).ConfigureAwait(false);
        var templateNs = o.ServerTemplateNamespace ?? server.LiqoNamespace;
        if (!o.SkipValidation) await GatewayTemplates.CheckServerStepAsync(op, server, o, templateNs).ConfigureAwait(false);
        await NetworkConfiguration.CheckInitializedAsync(op, server, ns, clientId).ConfigureAwait(false);
        var gw = await Gateway.SetUpServerAsync(op, server, clientId, ns, o, templateNs).ConfigureAwait(false);
        (var key, gw) = await Gateway.ServerPublicKeyAsync(op, server, ns, clientId, gw).ConfigureAwait(false);
        var endpoint = GatewayEndpoint.Published(gw, o.ServicePort);
        var data = new JsonObject
        {
            ["endpoint"] = new JsonObject { ["addresses"] = Json.Strings(endpoint.Addresses), ["port"] = endpoint.Port },
            ["publicKey"] = key,
        };
        if (endpoint.Protocol is not null) data["endpoint"]!["protocol"] = endpoint.Protocol;
        return new PeeringMaterial(PeeringMaterial.GatewayServerKind, serverId, clientId, data);
    }

    /// <summary>
    /// On the client cluster: the GatewayClient dialing the server's endpoint (with the client's overrides), its pod, the
    /// server's public key, and the client's own public key: what the server needs.
    /// </summary>
    public static async Task<PeeringMaterial> CreateGatewayClientAsync(Operation op, ClusterConnection client, PeeringMaterial serverMaterial,
        NetworkConnectOptions o, string? networkingNamespace = null)
    {
        InputRules.CheckGateways(op, o, server: "GatewayServer", client: ""); // New-LiqoGatewayClient's own parameter names
        var custom = NetworkNamespace.Custom(networkingNamespace, "NetworkingNamespace");
        var clientId = await ClusterId.ReadAsync(client, op.Cancellation).ConfigureAwait(false);
        serverMaterial.RequireFor(clientId, PeeringMaterial.GatewayServerKind, client.Scope);
        var serverId = serverMaterial.FromClusterId;
        var e = serverMaterial.Object("endpoint");
        var addresses = Strings(e, "addresses", serverMaterial);
        var port = e["port"] is JsonValue pv && pv.TryGetValue<int>(out var p) && p is > 0 and < 65536 ? p
            : throw PeeringMaterial.Invalid(serverMaterial.Kind, $"The {serverMaterial.Describe()} has no valid endpoint port.");
        var serverKey = WireGuardKey(serverMaterial);
        var endpoint = new GatewayEndpoint(addresses, port, e["protocol"]?.ToString()).WithOverrides(o);

        var ns = await RequireNamespaceAsync(op, client, serverId, custom).ConfigureAwait(false);
        o = await GatewayTemplates.ResolveAsync(o, null, "", client, "Type", op.Cancellation).ConfigureAwait(false);
        var templateNs = o.ClientTemplateNamespace ?? client.LiqoNamespace;
        if (!o.SkipValidation) await GatewayTemplates.CheckClientStepAsync(op, client, o, templateNs).ConfigureAwait(false);
        await NetworkConfiguration.CheckInitializedAsync(op, client, ns, serverId).ConfigureAwait(false);
        var gw = await Gateway.SetUpClientAsync(op, client, serverId, ns, o, templateNs, endpoint).ConfigureAwait(false);
        await PublicKey.SetUpAsync(op, client, serverId, ns, serverKey, gw).ConfigureAwait(false);
        (var clientKey, _) = await Gateway.ClientPublicKeyAsync(op, client, ns, serverId, gw).ConfigureAwait(false);
        return new PeeringMaterial(PeeringMaterial.GatewayClientKind, clientId, serverId, new JsonObject { ["publicKey"] = clientKey });
    }

    /// <summary>
    /// On the server cluster: the client's public key, owned by the GatewayServer made for it; when asked, waits for the
    /// server's Connection to be created and established. Returns whether it was established.
    /// </summary>
    public static async Task<bool> ImportPublicKeyAsync(Operation op, ClusterConnection server, PeeringMaterial clientMaterial, bool wait,
        string? networkingNamespace = null)
    {
        var custom = NetworkNamespace.Custom(networkingNamespace, "NetworkingNamespace");
        var serverId = await ClusterId.ReadAsync(server, op.Cancellation).ConfigureAwait(false);
        clientMaterial.RequireFor(serverId, PeeringMaterial.GatewayClientKind, server.Scope);
        var clientId = clientMaterial.FromClusterId;
        var key = WireGuardKey(clientMaterial);
        var ns = await RequireNamespaceAsync(op, server, clientId, custom).ConfigureAwait(false);
        var gw = await ByClusterId.FindAsync(server, Kinds.GatewayServer, ns, clientId, op.Cancellation).ConfigureAwait(false)
                 ?? (op.PlanOnly ? Gateway.ForgeServer(clientId, ns, new NetworkConnectOptions(), server.LiqoNamespace)
                     : throw new LiqoException(ErrorIds.GatewayServerNotFound, LiqoErrorCategory.ObjectNotFound, clientId,
                         $"No GatewayServer for cluster '{clientId}' exists in '{ns}' on the {server.Scope} cluster '{serverId}'.",
                         "Create it first (New-LiqoGatewayServer), and give its file to the client cluster."));
        await PublicKey.SetUpAsync(op, server, clientId, ns, key, gw).ConfigureAwait(false);
        if (!wait) return false;
        await Connection.WaitCreatedAsync(op, server, ns, clientId).ConfigureAwait(false);
        await Connection.WaitEstablishedAsync(op, server, ns, clientId).ConfigureAwait(false);
        return !op.PlanOnly;
    }

    /// <summary>
    /// The custom networking namespace (which must exist), else the tenant namespace Import-LiqoNetworkConfiguration made;
    /// its default name in plan mode.
    /// </summary>
    private static async Task<string> RequireNamespaceAsync(Operation op, ClusterConnection cluster, string remoteId, string? custom)
    {
        if (custom is null) return await TenantNamespaceAsync(op, cluster, remoteId).ConfigureAwait(false);
        await NetworkNamespace.RequireAsync(cluster, custom, "NetworkingNamespace", op.Cancellation).ConfigureAwait(false);
        return custom;
    }

    private static async Task<string> TenantNamespaceAsync(Operation op, ClusterConnection cluster, string remoteId) =>
        await TenantNamespace.FindAsync(cluster, remoteId, op.Cancellation).ConfigureAwait(false)
        ?? (op.PlanOnly ? TenantNamespace.DefaultName(remoteId)
            : throw new LiqoException(ErrorIds.TenantNamespaceNotFound, LiqoErrorCategory.ObjectNotFound, remoteId,
                $"tenant namespace not found for cluster \"{remoteId}\" on the {cluster.Scope} cluster",
                "Import the other cluster's network configuration first (Import-LiqoNetworkConfiguration)."));

    /// <summary>A WireGuard public key: base64 of 32 bytes.</summary>
    private static string WireGuardKey(PeeringMaterial material)
    {
        var key = material.String("publicKey");
        try
        {
            if (Convert.FromBase64String(key).Length == 32) return key;
        }
        catch (FormatException)
        {
        }
        throw PeeringMaterial.Invalid(material.Kind, $"The {material.Describe()} has a publicKey that is not a WireGuard key (base64 of 32 bytes).");
    }

    private static List<string> Strings(JsonObject o, string field, PeeringMaterial material)
    {
        var list = (o[field] as JsonArray)?.Select(n => n?.ToString()).Where(s => !string.IsNullOrEmpty(s)).Select(s => s!).ToList();
        return list is { Count: > 0 } ? list : throw PeeringMaterial.Invalid(material.Kind, $"The {material.Describe()} has no '{field}'.");
    }
}
