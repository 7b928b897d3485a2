using System.Text.Json.Nodes;
using Liqo.Sandbox.Liqo.Runtime;

namespace Liqo.Sandbox.Liqo.Controllers;

/// <summary>
/// The ForeignCluster controller (core/foreigncluster-controller): creates the cluster-scoped ForeignCluster &lt;id&gt;
/// as soon as a Configuration, Connection, GatewayServer/Client, Tenant, Identity, VirtualNode or virtual Node carries
/// liqo.io/remote-cluster-id=&lt;id&gt; (it never deletes one), and recomputes its status from what exists: role
/// (Consumer: a Tenant; Provider: a ControlPlane Identity or a VirtualNode), the module conditions with Liqo's reasons
/// and messages, the tenant namespaces, the API server URL and the APIServerStatus condition (whether the provider's API server
/// answered the CRD replicator with the control-plane identity).
/// </summary>
internal sealed class ForeignClusterController(LiqoControlPlane plane) : LiqoController(plane)
{
    public override string Name => "foreigncluster";

    protected override void Reconcile()
    {
        var ids = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var kind in new[] { Kind.Configuration, Kind.Connection, Kind.GatewayServer, Kind.GatewayClient, Kind.Tenant, Kind.Identity, Kind.VirtualNode })
            foreach (var o in List(kind))
                if (Obj.Label(o, LiqoLabels.RemoteClusterId) is { Length: > 0 } id) ids.Add(id);
        foreach (var n in List(Kind.Node, null, LiqoLabels.Type + "=virtual-node"))
            if (Obj.Label(n, LiqoLabels.RemoteClusterId) is { Length: > 0 } id) ids.Add(id);

        var existing = List(Kind.ForeignCluster).ToDictionary(Obj.Name, StringComparer.Ordinal);
        foreach (var id in ids)
        {
            if (existing.ContainsKey(id) || !Due("create/" + id)) continue;
            if (Create(Kind.ForeignCluster, null, new JsonObject
            {
                ["metadata"] = new JsonObject { ["name"] = id, ["labels"] = new JsonObject { [LiqoLabels.RemoteClusterId] = id } },
                ["spec"] = new JsonObject { ["clusterID"] = id },
            }) is { } created) existing[id] = created;
        }
        foreach (var fc in existing.Values)
        {
            if (Obj.Deleting(fc) || Obj.Str(fc, "spec", "clusterID") is not { Length: > 0 } clusterId) continue;
            var status = ComputeStatus(fc, clusterId);
            if (JsonNode.DeepEquals(Obj.Object(fc, "status"), status)) continue;
            fc["status"] = status;
            UpdateStatus(Kind.ForeignCluster, fc);
        }
    }

    private JsonObject ComputeStatus(JsonObject fc, string clusterId)
    {
        var old = Obj.Object(fc, "status");
        var now = Now;
        var selector = LiqoLabels.RemoteClusterId + "=" + clusterId;
        var consumer = false;
        var provider = false;
        var tenantNamespace = new JsonObject();
        string? apiServerUrl = null;
        string? proxyUrl = null;

        // networking
        var networking = Module(old, "networking");
        var configurations = List(Kind.Configuration, null, selector);
        var servers = List(Kind.GatewayServer, null, selector);
        var clients = List(Kind.GatewayClient, null, selector);
        var connections = List(Kind.Connection, null, selector);
        var netEnabled = configurations.Count > 0 || servers.Count > 0 || clients.Count > 0 || connections.Count > 0;
        if (netEnabled)
        {
            Ensure(networking, "NetworkConfigurationStatus", configurations.Count > 0
                ? ("Ready", "NetworkConfigurationPresence", "The network configuration of the peer cluster is present")
                : ("NotReady", "NetworkConfigurationMissing", "The network configuration for the connection with the foreign cluster is missing"), now);
            Ensure(networking, "NetworkGatewayPresence", servers.Count > 0 || clients.Count > 0
                ? ("Ready", "GatewayPresence", "There is a gateway connecting to the foreign cluster")
                : ("NotReady", "GatewayMissing", "The gateway resource connecting to the foreign cluster is missing"), now);
            GatewayCondition(networking, "NetworkGatewayServerStatus", servers, now);
            GatewayCondition(networking, "NetworkGatewayClientStatus", clients, now);
            if (connections.Count == 1)
            {
                Ensure(networking, "NetworkConnectionStatus", Obj.Str(connections[0], "status", "value") switch
                {
                    "Connected" => ("Established", "ConnectionEstablished", "The network connection with the foreign cluster is established"),
                    "Connecting" => ("Pending", "ConnectionPending", "The network connection with the foreign cluster is connecting"),
                    _ => ("Error", "ConnectionError", "The network connection with the foreign cluster is in error"),
                }, now);
            }
            else Ensure(networking, "NetworkConnectionStatus", ("NotReady", "ConnectionMissing", "There is no network connection with the foreign cluster"), now);
        }
        else networking = new JsonObject();

        // authentication
        var authentication = Module(old, "authentication");
        var tenants = List(Kind.Tenant, null, selector);
        var identities = List(Kind.Identity, null, selector).Where(i => Obj.Str(i, "spec", "type") == "ControlPlane").ToList();
        if (tenants.Count == 1)
        {
            consumer = true;
            var tenant = tenants[0];
            if (Obj.Str(tenant, "status", "tenantNamespace") is { Length: > 0 } tn) tenantNamespace["local"] = tn;
            var expectKeys = Obj.Str(tenant, "spec", "authzPolicy") != "TolerateNoHandshake";
            var notReady = (expectKeys && Obj.Object(tenant, "status", "authParams") is null) || string.IsNullOrEmpty(Obj.Str(tenant, "status", "tenantNamespace"));
            Ensure(authentication, "AuthTenantStatus", notReady
                ? ("NotReady", "TenantNotReady", "The tenant is not correctly configured")
                : ("Ready", "TenantReady", "The tenant has been successfully configured"), now);
        }
        else Remove(authentication, "AuthTenantStatus");
        if (identities.Count == 1)
        {
            provider = true;
            var identity = identities[0];
            apiServerUrl = Obj.Str(identity, "spec", "authParams", "apiServer") is { Length: > 0 } a ? a : null;
            proxyUrl = Obj.Str(identity, "spec", "authParams", "proxyURL") is { Length: > 0 } p ? p : null;
            tenantNamespace["local"] = Obj.Ns(identity);
            if (Obj.Str(identity, "spec", "namespace") is { Length: > 0 } remote) tenantNamespace["remote"] = remote;
            Ensure(authentication, "AuthIdentityControlPlaneStatus",
                string.IsNullOrEmpty(Obj.Str(identity, "status", "kubeconfigSecretRef", "name"))
                    ? ("NotReady", "IdentityNotReady", "The identity is not correctly configured")
                    : ("Ready", "IdentityReady", "The identity has been successfully configured"), now);
        }
        else Remove(authentication, "AuthIdentityControlPlaneStatus");
        var authEnabled = tenants.Count == 1 || identities.Count == 1;
        if (!authEnabled) authentication = new JsonObject();

        // offloading
        var offloading = Module(old, "offloading");
        var virtualNodes = List(Kind.VirtualNode, null, selector);
        var offEnabled = virtualNodes.Count > 0;
        if (offEnabled)
        {
            provider = true;
            var readyVk = 0;
            var readyNodes = 0;
            var expected = 0;
            foreach (var vn in virtualNodes)
            {
                var vk = Get(Kind.Deployment, Obj.Ns(vn), "vk-" + Obj.Name(vn));
                var total = Obj.Long(vk, "status", "replicas") ?? 0;
                if (vk is not null && (Obj.Long(vk, "status", "readyReplicas") ?? 0) >= total) readyVk++;
                if (Obj.At(vn, "spec", "createNode") is JsonValue cn && cn.TryGetValue<bool>(out var b) && b) expected++;
                var node = Get(Kind.Node, null, Obj.Name(vn));
                if (node is not null && Obj.Condition(Obj.Array(node, "status", "conditions"), "Ready") is { } r
                    && ApiServer.ServerJson.Str(r, "status") == "True")
                    readyNodes++;
            }
            Ensure(offloading, "OffloadingVirtualNodeStatus", readyVk == virtualNodes.Count
                ? ("Ready", "VirtualNodesReady", "All virtual nodes are ready")
                : readyVk == 0 ? ("NotReady", "VirtualNodesNotReady", "All virtual nodes are not ready")
                : ("SomeNotReady", "VirtualNodesSomeNotReady", "Some virtual nodes are not ready"), now);
            Ensure(offloading, "OffloadingNodeStatus", readyNodes == expected
                ? ("Ready", "NodesReady", "All nodes are ready")
                : readyNodes == 0 ? ("NotReady", "NodesNotReady", "All nodes are not ready")
                : ("SomeNotReady", "NodesSomeNotReady", "Some nodes are not ready"), now);
        }
        else offloading = new JsonObject();

        var role = consumer && provider ? "ConsumerAndProvider" : consumer ? "Consumer" : provider ? "Provider" : "Unknown";
        var status = new JsonObject
        {
            ["observedGeneration"] = Obj.Generation(fc),
            ["role"] = role,
            ["modules"] = new JsonObject
            {
                ["networking"] = Finish(networking, netEnabled),
                ["authentication"] = Finish(authentication, authEnabled),
                ["offloading"] = Finish(offloading, offEnabled),
            },
        };
        if (apiServerUrl is not null) status["apiServerUrl"] = apiServerUrl;
        if (proxyUrl is not null) status["foreignProxyUrl"] = proxyUrl;
        if (tenantNamespace.Count > 0) status["tenantNamespace"] = tenantNamespace;

        var generic = new JsonObject { ["conditions"] = Obj.Array(old, "conditions")?.DeepClone() ?? new JsonArray() };
        if ((apiServerUrl is not null || proxyUrl is not null) && Plane.RemoteApiReachable.TryGetValue(clusterId, out var reachable))
        {
            Ensure(generic, "APIServerStatus", reachable
                ? ("Established", "APIServerReady", "The foreign cluster API Server is ready")
                : ("Error", "APIServerNotReady", "The foreign cluster API Server is not ready"), now);
        }
        else if (apiServerUrl is null && proxyUrl is null) Remove(generic, "APIServerStatus");
        if (Obj.Array(generic, "conditions") is { Count: > 0 } gc) status["conditions"] = gc.DeepClone();
        return status;
    }

    private static JsonObject Module(JsonObject? oldStatus, string name) =>
        new() { ["conditions"] = Obj.Array(oldStatus, "modules", name, "conditions")?.DeepClone() ?? new JsonArray() };

    private static JsonObject Finish(JsonObject module, bool enabled)
    {
        var result = new JsonObject { ["enabled"] = enabled };
        if (enabled && Obj.Array(module, "conditions") is { Count: > 0 } c) result["conditions"] = c.DeepClone();
        return result;
    }

    private void GatewayCondition(JsonObject module, string type, List<JsonObject> gateways, string now)
    {
        if (gateways.Count != 1)
        {
            Remove(module, type);
            return;
        }
        var deployment = Get(Kind.Deployment, Obj.Ns(gateways[0]), "gw-" + Obj.Name(gateways[0]));
        var ready = Obj.Long(deployment, "status", "readyReplicas") ?? 0;
        var unavailable = Obj.Long(deployment, "status", "unavailableReplicas") ?? 0;
        Ensure(module, type, ready == 0 ? ("NotReady", "GatewaysNotReady", "All gateway replicas are not ready")
            : unavailable > 0 ? ("SomeNotReady", "GatewaysSomeNotReady", "Some gateway replicas are not ready")
            : ("Ready", "GatewaysReady", "All gateway replicas are ready"), now);
    }

    private static void Ensure(JsonObject holder, string type, (string Status, string Reason, string Message) c, string now)
    {
        var conditions = Obj.Array(holder, "conditions")!;
        var existing = Obj.Condition(conditions, type);
        var transition = existing is not null && ApiServer.ServerJson.Str(existing, "status") == c.Status
            ? ApiServer.ServerJson.Str(existing, "lastTransitionTime") ?? now : now;
        var condition = new JsonObject
        {
            ["type"] = type, ["status"] = c.Status, ["lastTransitionTime"] = transition, ["reason"] = c.Reason, ["message"] = c.Message,
        };
        if (existing is not null) conditions[conditions.IndexOf(existing)] = condition;
        else conditions.Add(condition);
    }

    private static void Remove(JsonObject holder, string type)
    {
        var conditions = Obj.Array(holder, "conditions");
        if (Obj.Condition(conditions, type) is { } c) conditions!.Remove(c);
    }
}
