using System.Text.Json.Nodes;
using Liqo.Engine.ClusterAccess;
using Liqo.Engine.Resources;

namespace Liqo.Engine.Networking;

/// <summary>
/// The WireGuard gateways: a GatewayServer on the server cluster and a GatewayClient on the client cluster, each found by
/// the peer's liqo.io/remote-cluster-id label and keeping an existing one's name, else named after the peer (as liqoctl,
/// network/cluster.go), each turned by Liqo's operators into a Deployment, a Service and a key Secret named gw-&lt;name&gt;.
/// </summary>
public static class Gateway
{
    private const string Module = "Networking";
    public const string ServerTemplateKind = "WgGatewayServerTemplate";
    public const string ClientTemplateKind = "WgGatewayClientTemplate";

    public static string ResourceName(string gatewayName) => "gw-" + gatewayName;

    public static JsonObject ForgeServer(string clientClusterId, string tenantNamespace, NetworkConnectOptions o, string templateNamespace,
        string? name = null)
    {
        var gw = Json.Object(Kinds.GatewayServer, name ?? clientClusterId, tenantNamespace,
            new Dictionary<string, string> { [LiqoConstants.RemoteClusterIdLabel] = clientClusterId });
        gw["spec"] = new JsonObject
        {
            ["mtu"] = o.Mtu,
            ["endpoint"] = ServerEndpoint(o),
            ["serverTemplateRef"] = new JsonObject
            {
                ["apiVersion"] = o.ServerTemplateKind.ApiVersion,
                ["kind"] = o.ServerTemplateKind.Kind,
                ["name"] = o.ServerTemplateName,
                ["namespace"] = templateNamespace,
            },
            ["secretRef"] = new JsonObject(),
        };
        return gw;
    }

    private static JsonObject ServerEndpoint(NetworkConnectOptions o)
    {
        var e = new JsonObject { ["port"] = o.ServicePort, ["serviceType"] = o.ServiceType.ToString() };
        if (o.ServiceNodePort != 0) e["nodePort"] = o.ServiceNodePort;
        if (!string.IsNullOrEmpty(o.ServiceLoadBalancerIp)) e["loadBalancerIP"] = o.ServiceLoadBalancerIp;
        return e;
    }

    public static JsonObject ForgeClient(string serverClusterId, string tenantNamespace, NetworkConnectOptions o, string templateNamespace,
        IReadOnlyList<string> addresses, int port, string? protocol, string? name = null)
    {
        var gw = Json.Object(Kinds.GatewayClient, name ?? serverClusterId, tenantNamespace,
            new Dictionary<string, string> { [LiqoConstants.RemoteClusterIdLabel] = serverClusterId });
        gw["spec"] = new JsonObject
        {
            ["mtu"] = o.Mtu,
            ["endpoint"] = ClientEndpoint(addresses, port, protocol),
            ["clientTemplateRef"] = new JsonObject
            {
                ["apiVersion"] = o.ClientTemplateKind.ApiVersion,
                ["kind"] = o.ClientTemplateKind.Kind,
                ["name"] = o.ClientTemplateName,
                ["namespace"] = templateNamespace,
            },
            ["secretRef"] = new JsonObject(),
        };
        return gw;
    }

    private static JsonObject ClientEndpoint(IReadOnlyList<string> addresses, int port, string? protocol)
    {
        var e = new JsonObject { ["addresses"] = Json.Strings(addresses), ["port"] = port };
        if (!string.IsNullOrEmpty(protocol)) e["protocol"] = protocol;
        return e;
    }

    /// <summary>
    /// Ensures the GatewayServer (the one labelled for the client cluster keeps its name). When its Service already exists
    /// with another endpoint (type, port, node port or load balancer IP changed, or an IP the new endpoint does not ask
    /// for) the GatewayServer is deleted first, as liqoctl does, so the operator rebuilds it.
    /// </summary>
    internal static async Task<JsonObject> EnsureServerAsync(Operation op, ClusterConnection cluster, string clientClusterId,
        string tenantNamespace, NetworkConnectOptions o, string templateNamespace)
    {
        var name = await ByClusterId.NameAsync(cluster, Kinds.GatewayServer, tenantNamespace, clientClusterId, op.Cancellation).ConfigureAwait(false);
        var desired = ForgeServer(clientClusterId, tenantNamespace, o, templateNamespace, name);
        var service = await cluster.Api.GetAsync(Kinds.Service, tenantNamespace, ResourceName(name), op.Cancellation).ConfigureAwait(false);
        if (service is not null && EndpointChanged(service, o) &&
            await ObjectWriter.DeleteAsync(op, cluster, Kinds.GatewayServer, tenantNamespace, name).ConfigureAwait(false))
        {
            op.Info(cluster, Module, "GatewayServer", "Deleted existing gateway server");
            if (!op.PlanOnly)
                await op.WaitAsync(cluster, Kinds.GatewayServer, tenantNamespace, null, "metadata.name=" + name,
                    objects => objects.Count == 0 ? objects : null,
                    new WaitTarget("Deleting the existing gateway server", $"GatewayServer {tenantNamespace}/{name}", "deleted")).ConfigureAwait(false);
        }
        return await ObjectWriter.CreateOrUpdateAsync(op, cluster, Kinds.GatewayServer, desired, existing =>
        {
            ObjectWriter.SetLabel(existing, LiqoConstants.RemoteClusterIdLabel, clientClusterId);
            var spec = (JsonObject)(existing["spec"] ??= new JsonObject());
            spec["mtu"] = o.Mtu;
            spec["endpoint"] = ServerEndpoint(o);
            spec["serverTemplateRef"] = desired["spec"]!["serverTemplateRef"]!.DeepClone();
        }).ConfigureAwait(false);
    }

    private static bool EndpointChanged(JsonObject service, NetworkConnectOptions o)
    {
        var spec = service["spec"] as JsonObject;
        var port = (spec?["ports"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault();
        if (spec?["type"]?.GetValue<string>() != o.ServiceType.ToString()) return true;
        if (port?["port"]?.GetValue<int>() != o.ServicePort) return true;
        if (o.ServiceNodePort != 0 && port?["nodePort"]?.GetValue<int>() != o.ServiceNodePort) return true;
        var serviceIp = spec?["loadBalancerIP"]?.GetValue<string>() ?? "";
        return string.IsNullOrEmpty(o.ServiceLoadBalancerIp) ? serviceIp.Length > 0 : serviceIp != o.ServiceLoadBalancerIp;
    }

    internal static async Task<JsonObject> EnsureClientAsync(Operation op, ClusterConnection cluster, string serverClusterId, string tenantNamespace,
        NetworkConnectOptions o, string templateNamespace, IReadOnlyList<string> addresses, int port, string? protocol)
    {
        var name = await ByClusterId.NameAsync(cluster, Kinds.GatewayClient, tenantNamespace, serverClusterId, op.Cancellation).ConfigureAwait(false);
        var desired = ForgeClient(serverClusterId, tenantNamespace, o, templateNamespace, addresses, port, protocol, name);
        return await ObjectWriter.CreateOrUpdateAsync(op, cluster, Kinds.GatewayClient, desired, existing =>
        {
            ObjectWriter.SetLabel(existing, LiqoConstants.RemoteClusterIdLabel, serverClusterId);
            var spec = (JsonObject)(existing["spec"] ??= new JsonObject());
            spec["mtu"] = o.Mtu;
            spec["endpoint"] = ClientEndpoint(addresses, port, protocol);
            spec["clientTemplateRef"] = desired["spec"]!["clientTemplateRef"]!.DeepClone();
        }).ConfigureAwait(false);
    }

    /// <summary>
    /// The server side of the tunnel on the server cluster: the GatewayServer ("Gateway server correctly set up"), its pod
    /// ("Gateway pod gw-X is ready") and its published endpoint ("Gateway server Service created successfully").
    /// </summary>
    public static async Task<JsonObject> SetUpServerAsync(Operation op, ClusterConnection server, string clientClusterId, string tenantNamespace,
        NetworkConnectOptions o, string templateNamespace)
    {
        var gwServer = await EnsureServerAsync(op, server, clientClusterId, tenantNamespace, o, templateNamespace).ConfigureAwait(false);
        op.Info(server, Module, "GatewayServer", "Gateway server correctly set up", whatIf: "Gateway server would be set up");
        var name = gwServer.Name();
        await WaitForPodReadyAsync(op, server, tenantNamespace, name).ConfigureAwait(false);
        op.Info(server, Module, "GatewayServerPod", $"Gateway pod {ResourceName(name)} is ready", whatIf: $"Gateway pod {ResourceName(name)} would be waited for");
        gwServer = await op.WaitForObjectAsync(server, Kinds.GatewayServer, tenantNamespace, name,
            g => g["status"]?["endpoint"]?["addresses"] is JsonArray { Count: > 0 },
            new WaitTarget("Waiting for the gateway server Service", $"GatewayServer {tenantNamespace}/{name}", "status.endpoint.addresses set",
                "Check the gateway Service on the server cluster: a LoadBalancer needs an external address (or use -GatewayServerServiceType NodePort).")).ConfigureAwait(false) ?? gwServer;
        op.Info(server, Module, "GatewayServerService", "Gateway server Service created successfully", whatIf: "Gateway server Service would be created");
        return gwServer;
    }

    /// <summary>
    /// The client side of the tunnel on the client cluster: the GatewayClient dialing <paramref name="endpoint"/>
    /// ("Gateway client correctly set up") and its pod ("Gateway pod gw-X is ready").
    /// </summary>
    public static async Task<JsonObject> SetUpClientAsync(Operation op, ClusterConnection client, string serverClusterId, string tenantNamespace,
        NetworkConnectOptions o, string templateNamespace, GatewayEndpoint endpoint)
    {
        var gwClient = await EnsureClientAsync(op, client, serverClusterId, tenantNamespace, o, templateNamespace,
            endpoint.Addresses, endpoint.Port, endpoint.Protocol).ConfigureAwait(false);
        op.Info(client, Module, "GatewayClient", "Gateway client correctly set up", whatIf: "Gateway client would be set up");
        var name = gwClient.Name();
        await WaitForPodReadyAsync(op, client, tenantNamespace, name).ConfigureAwait(false);
        op.Info(client, Module, "GatewayClientPod", $"Gateway pod {ResourceName(name)} is ready", whatIf: $"Gateway pod {ResourceName(name)} would be waited for");
        return gwClient;
    }

    /// <summary>The server gateway's WireGuard public key, once its key Secret exists ("Gateway server Secret created successfully").</summary>
    public static Task<(string Key, JsonObject Gateway)> ServerPublicKeyAsync(Operation op, ClusterConnection server, string tenantNamespace,
        string clientClusterId, JsonObject gwServer) =>
        PublicKeyOfAsync(op, server, Kinds.GatewayServer, tenantNamespace, gwServer.Name(), gwServer, "server");

    /// <summary>The client gateway's WireGuard public key, once its key Secret exists ("Gateway client Secret created successfully").</summary>
    public static Task<(string Key, JsonObject Gateway)> ClientPublicKeyAsync(Operation op, ClusterConnection client, string tenantNamespace,
        string serverClusterId, JsonObject gwClient) =>
        PublicKeyOfAsync(op, client, Kinds.GatewayClient, tenantNamespace, gwClient.Name(), gwClient, "client");

    private static async Task<(string Key, JsonObject Gateway)> PublicKeyOfAsync(Operation op, ClusterConnection cluster, ResourceKind kind,
        string tenantNamespace, string name, JsonObject gateway, string role)
    {
        gateway = await op.WaitForObjectAsync(cluster, kind, tenantNamespace, name, g => g.StringAt("status.secretRef.name") is not null,
            new WaitTarget($"Waiting for the gateway {role} Secret", $"{kind.Kind} {tenantNamespace}/{name}", "status.secretRef set")).ConfigureAwait(false) ?? gateway;
        var key = op.PlanOnly ? $"<gateway {role} public key>"
            : await ReadPublicKeyAsync(cluster, gateway, op.Cancellation).ConfigureAwait(false)
              ?? throw new LiqoException(ErrorIds.GatewayKeyMissing, LiqoErrorCategory.ObjectNotFound, gateway.Name(),
                  $"The Secret named by {kind.Kind} {gateway.Namespace()}/{gateway.Name()} status.secretRef on the {cluster.Scope} cluster has no publicKey.");
        op.Info(cluster, Module, role == "server" ? "GatewayServerSecret" : "GatewayClientSecret", $"Gateway {role} Secret created successfully", whatIf: $"Gateway {role} Secret would be created");
        return (key, gateway);
    }

    /// <summary>Waits for Deployment gw-&lt;name&gt; to have a ready replica.</summary>
    internal static Task<JsonObject?> WaitForPodReadyAsync(Operation op, ClusterConnection cluster, string tenantNamespace, string gatewayName) =>
        op.WaitForObjectAsync(cluster, Kinds.Deployment, tenantNamespace, ResourceName(gatewayName),
            d => (d["status"]?["readyReplicas"]?.GetValue<int>() ?? 0) > 0,
            new WaitTarget($"Waiting for gateway pod {ResourceName(gatewayName)} to be ready", $"Deployment {tenantNamespace}/{ResourceName(gatewayName)}",
                "status.readyReplicas > 0", "Check the gateway pod on that cluster (kubectl describe deployment); its image must be pullable and its node able to run WireGuard.",
                ErrorIds.GatewayNotReady));

    /// <summary>Reads the WireGuard public key (base64 of the raw 32 bytes) from the Secret the gateway's status.secretRef names.</summary>
    internal static async Task<string?> ReadPublicKeyAsync(ClusterConnection cluster, JsonObject gateway, CancellationToken ct)
    {
        var name = gateway.StringAt("status.secretRef.name");
        var ns = gateway.StringAt("status.secretRef.namespace") ?? gateway.Namespace();
        if (name is null) return null;
        var secret = await cluster.Api.GetAsync(Kinds.Secret, ns, name, ct).ConfigureAwait(false);
        return secret?["data"]?["publicKey"]?.GetValue<string>();
    }
}
