using System.Text.Json.Nodes;
using Liqo.Engine.GoFormat;
using Liqo.Engine.Resources;

namespace Liqo.Engine.Info.Peer;

/// <summary>
/// Builds the provider's view of its peering with a consumer from the objects listed on the provider: the Tenant for
/// the consumer, the gateway towards it, the ResourceSlices the consumer's CRD replicator copied here (labels
/// liqo.io/replicated=true and liqo.io/remote-cluster-id=&lt;consumer&gt;) and the Quota the provider made from each (owned by
/// the slice). Pure: no I/O.
/// </summary>
internal static class ProviderViewBuilder
{
    public static (ProviderView View, IReadOnlyList<string> Warnings) Build(ProviderSnapshot s, string consumerClusterId)
    {
        var warnings = new List<string>();
        void Warn(string what, ListResult list)
        {
            if (list.Error is not null) warnings.Add($"(remote) unable to get {what}: {list.Error}");
        }
        Warn("ForeignClusters", s.ForeignClusters);
        Warn("Tenants", s.Tenants);
        Warn("GatewayServers", s.GatewayServers);
        Warn("GatewayClients", s.GatewayClients);
        Warn("ResourceSlices", s.ResourceSlices);
        Warn("Quotas", s.Quotas);

        var fc = (s.ForeignClusters.Items ?? []).FirstOrDefault(f => InfoJson.Str(f["spec"]?["clusterID"]) == consumerClusterId);
        string? Status(string module) => fc is null ? null : ModuleHealth.Check(ModuleHealth.Module(fc, module)).Status;

        var tenants = InfoJson.WithRemoteClusterId(s.Tenants, consumerClusterId).ToList();
        if (tenants.Count > 1) warnings.Add($"(remote) multiple Tenants found for cluster {GoText.Quote(consumerClusterId)}");
        var tenant = tenants.Count == 0 ? null : Tenant(tenants[0]);

        var quotas = s.Quotas.Items ?? [];
        var slices = InfoJson.WithRemoteClusterId(s.ResourceSlices, consumerClusterId)
            .Where(r => string.Equals(r.Label(LiqoConstants.ReplicatedLabel), "true", StringComparison.OrdinalIgnoreCase))
            .Select(r => Slice(r, quotas))
            .ToList();

        var view = new ProviderView(s.ClusterId, fc is null ? null : InfoJson.Str(fc["status"]?["role"]), Status("networking"),
            Status("authentication"), Status("offloading"), tenant, Gateway(s, consumerClusterId), slices);
        return (view, warnings);
    }

    private static TenantInfo Tenant(JsonObject t)
    {
        var status = t["status"];
        var ready = status?["authParams"] is JsonObject && InfoJson.Str(status["tenantNamespace"]).Length > 0;
        return new TenantInfo(t.Name(), t.Namespace() ?? "",
            InfoJson.StrOrNull(t["spec"]?["tenantCondition"]) ?? "Active",
            InfoJson.StrOrNull(t["spec"]?["authzPolicy"]) ?? "KeysExchange",
            ready,
            InfoJson.StrOrNull(status?["tenantNamespace"]),
            InfoJson.StrOrNull(status?["authParams"]?["apiServer"]));
    }

    private static RemoteGatewayInfo? Gateway(ProviderSnapshot s, string consumer)
    {
        if (InfoJson.WithRemoteClusterId(s.GatewayServers, consumer).FirstOrDefault() is { } server)
        {
            var ep = server["status"]?["endpoint"];
            return new RemoteGatewayInfo("GatewayServer", server.Name(), server.Namespace() ?? "", InfoJson.Strings(ep?["addresses"]),
                (int)InfoJson.Int(ep?["port"]), InfoJson.StrOrNull(ep?["protocol"]));
        }
        if (InfoJson.WithRemoteClusterId(s.GatewayClients, consumer).FirstOrDefault() is { } client)
        {
            var ep = client["spec"]?["endpoint"];
            return new RemoteGatewayInfo("GatewayClient", client.Name(), client.Namespace() ?? "", InfoJson.Strings(ep?["addresses"]),
                (int)InfoJson.Int(ep?["port"]), InfoJson.StrOrNull(ep?["protocol"]));
        }
        return null;
    }

    private static ProvidedResourceSlice Slice(JsonObject slice, IReadOnlyList<JsonObject> quotas)
    {
        var conditions = InfoJson.Objects(slice["status"]?["conditions"]).ToList();
        string? Condition(string type) => conditions.FirstOrDefault(c => InfoJson.Str(c["type"]) == type) is { } c ? InfoJson.Str(c["status"]) : null;
        var alerts = conditions.Where(c => InfoJson.Str(c["status"]) != "Accepted").Select(c => InfoJson.Str(c["message"])).ToList();
        var uid = InfoJson.Str(slice["metadata"]?["uid"]);
        var quota = quotas.FirstOrDefault(q => q.Namespace() == slice.Namespace() && InfoJson.Objects(q["metadata"]?["ownerReferences"])
            .Any(o => InfoJson.Str(o["kind"]) == "ResourceSlice" && InfoJson.Str(o["name"]) == slice.Name() && (uid.Length == 0 || InfoJson.Str(o["uid"]) == uid)));
        return new ProvidedResourceSlice(slice.Name(), slice.Namespace() ?? "", conditions.Count > 0 && alerts.Count == 0,
            Condition("Authentication"), Condition("Resources"), alerts, InfoJson.Resources(slice["status"]?["resources"]),
            quota is null ? null : new QuotaInfo(quota.Name(), InfoJson.Str(quota["spec"]?["user"]), InfoJson.StrOrNull(quota["spec"]?["limitsEnforcement"]),
                InfoJson.Bool(quota["spec"]?["cordoned"]), InfoJson.Resources(quota["spec"]?["resources"])));
    }
}
