using System.Text.Json.Nodes;
using Liqo.Engine.ClusterAccess;
using Liqo.Engine.Resources;

namespace Liqo.Engine.Networking;

/// <summary>liqoctl's gateway template checks (skipped with -SkipValidation).</summary>
internal static class GatewayTemplates
{
    public static async Task CheckServerAsync(ClusterConnection server, NetworkConnectOptions o, string ns, CancellationToken ct)
    {
        var template = await GetAsync(server, o.ServerTemplateKind, ns, o.ServerTemplateName, "server", ct).ConfigureAwait(false);
        var port = ((template["spec"]?["template"]?["spec"]?["service"]?["spec"]?["ports"]) as JsonArray)?.FirstOrDefault() as JsonObject;
        if (o.ServiceType == GatewayServiceType.NodePort && o.ServiceNodePort != 0 && !HasKey(port, "nodePort"))
            throw new LiqoException(ErrorIds.GatewayTemplateInvalid, LiqoErrorCategory.InvalidData, $"{o.ServerTemplateName}/{ns}",
                $"An error occurred while checking gateway server template \"{o.ServerTemplateName}/{ns}\": since you specified the flag \"--gw-server-service-nodeport\" you need to add the \"nodePort\" field in the template");
        var service = template["spec"]?["template"]?["spec"]?["service"]?["spec"] as JsonObject;
        if (o.ServiceType == GatewayServiceType.LoadBalancer && !string.IsNullOrEmpty(o.ServiceLoadBalancerIp) && !HasKey(service, "loadBalancerIP"))
            throw new LiqoException(ErrorIds.GatewayTemplateInvalid, LiqoErrorCategory.InvalidData, $"{o.ServerTemplateName}/{ns}",
                $"An error occurred while checking gateway server template \"{o.ServerTemplateName}/{ns}\": since you specified the flag \"--gw-server-service-loadbalancerip\" you need to add the \"loadBalancerIP\" field in the template");
    }

    /// <summary>The server template check with liqoctl's line: Gateway server template "name/ns" correctly checked.</summary>
    public static async Task CheckServerStepAsync(Operation op, ClusterConnection server, NetworkConnectOptions o, string ns)
    {
        await CheckServerAsync(server, o, ns, op.Cancellation).ConfigureAwait(false);
        op.Info(server, "Networking", "ServerTemplateChecked", $"Gateway server template \"{o.ServerTemplateName}/{ns}\" correctly checked", whatIf: $"Gateway server template \"{o.ServerTemplateName}/{ns}\" checked");
    }

    /// <summary>The client template check with liqoctl's line: Gateway client template "name/ns" correctly checked.</summary>
    public static async Task CheckClientStepAsync(Operation op, ClusterConnection client, NetworkConnectOptions o, string ns)
    {
        await CheckClientAsync(client, o, ns, op.Cancellation).ConfigureAwait(false);
        op.Info(client, "Networking", "ClientTemplateChecked", $"Gateway client template \"{o.ClientTemplateName}/{ns}\" correctly checked", whatIf: $"Gateway client template \"{o.ClientTemplateName}/{ns}\" checked");
    }

    public static Task CheckClientAsync(ClusterConnection client, NetworkConnectOptions o, string ns, CancellationToken ct) =>
        GetAsync(client, o.ClientTemplateKind, ns, o.ClientTemplateName, "client", ct);

    private static async Task<JsonObject> GetAsync(ClusterConnection cluster, ResourceKind kind, string ns, string name, string role, CancellationToken ct) =>
        await cluster.Api.GetAsync(kind, ns, name, ct).ConfigureAwait(false)
        ?? throw new LiqoException(ErrorIds.GatewayTemplateNotFound, LiqoErrorCategory.ObjectNotFound, $"{name}/{ns}",
            $"An error occurred while checking gateway {role} template \"{name}/{ns}\": {kind.DisplayName} \"{name}\" not found",
            "Check the template's name and namespace, or skip the check with -SkipValidation.");

    /// <summary>
    /// Resolves the template types asked for (liqoctl's --gw-server-type/--gw-client-type) to their kinds, before the first
    /// write: <paramref name="serverParameter"/>/<paramref name="clientParameter"/> name the parameters in errors, null skips
    /// that side (a cmdlet that makes one gateway only).
    /// </summary>
    public static async Task<NetworkConnectOptions> ResolveAsync(NetworkConnectOptions o, ClusterConnection? server, string serverParameter,
        ClusterConnection? client, string clientParameter, CancellationToken ct)
    {
        if (server is not null)
            o = o with { ServerTemplateKind = await GatewayType.Parse(serverParameter, o.ServerGatewayType).ResolveAsync(server, serverParameter, ct).ConfigureAwait(false) };
        if (client is not null)
            o = o with { ClientTemplateKind = await GatewayType.Parse(clientParameter, o.ClientGatewayType).ResolveAsync(client, clientParameter, ct).ConfigureAwait(false) };
        return o;
    }

    /// <summary>The key, or its optional form "?key" that Liqo templates use.</summary>
    private static bool HasKey(JsonObject? o, string key) => o is not null && (o.ContainsKey(key) || o.ContainsKey("?" + key));
}
