using System.Text.Json.Nodes;
using Liqo.Sandbox.Liqo.Runtime;

namespace Liqo.Sandbox.Liqo.Controllers;

/// <summary>
/// The external-network configuration controller (configuration_controller.go): fills spec.local with this cluster's
/// pod and external CIDRs, asks IPAM for one Network per remote CIDR (&lt;name&gt;-pod, &lt;name&gt;-external, owned by
/// the Configuration), copies the (possibly remapped) CIDRs into status.remote and sets the condition
/// NetworkCIDRsConfigured with the observed generation, plus the label configuration.liqo.io/configured.
/// </summary>
internal sealed class ConfigurationController(LiqoControlPlane plane) : LiqoController(plane)
{
    public override string Name => "configuration-external";

    protected override void Reconcile()
    {
        var local = List(Kind.Network, Options.Namespace);
        var podCidrs = local.Where(n => Obj.Label(n, LiqoLabels.NetworkType) == "pod-cidr").Select(n => Obj.Str(n, "status", "cidr")).OfType<string>().ToList();
        var externalCidr = local.Where(n => Obj.Label(n, LiqoLabels.NetworkType) == "external-cidr").Select(n => Obj.Str(n, "status", "cidr")).OfType<string>().FirstOrDefault();

        foreach (var cfg in List(Kind.Configuration))
        {
            if (Obj.Deleting(cfg) || Obj.Label(cfg, LiqoLabels.RemoteClusterId) is not { Length: > 0 } remoteId) continue;
            if (Obj.Object(cfg, "spec", "local") is null)
            {
                if (podCidrs.Count == 0 || externalCidr is null || !Due(cfg, "local")) continue;
                Obj.Set(cfg, new JsonObject
                {
                    ["cidr"] = new JsonObject { ["pod"] = Obj.Strings(podCidrs), ["external"] = Obj.Strings([externalCidr]) },
                }, "spec", "local");
                Update(Kind.Configuration, cfg);
                continue;
            }
            if (!Due(cfg, "remap")) continue;
            var before = Obj.Object(cfg, "status")?.DeepClone();
            var pods = Remap(cfg, remoteId, "pod");
            var externals = Remap(cfg, remoteId, "external");
            var status = Json(cfg, "status");
            var remote = Json(status, "remote");
            // Only the CIDRs IPAM has answered for (an empty one would not be a valid cidr).
            Json(remote, "cidr")["pod"] = Obj.Strings(pods.Where(c => c.Length > 0));
            Json(remote, "cidr")["external"] = Obj.Strings(externals.Where(c => c.Length > 0));
            var specPods = Obj.Array(cfg, "spec", "remote", "cidr", "pod")?.Count ?? 0;
            var specExternals = Obj.Array(cfg, "spec", "remote", "cidr", "external")?.Count ?? 0;
            var complete = pods.Count == specPods && externals.Count == specExternals && specPods > 0 && specExternals > 0
                && pods.All(p => p.Length > 0) && externals.All(e => e.Length > 0);
            Obj.SetCondition(status, "conditions", "NetworkCIDRsConfigured", complete ? "True" : "False",
                complete ? "NetworkCIDRsConfigured" : "WaitingForNetworks",
                complete ? "All network CIDRs are configured" : "Waiting for all networks to be ready", Now, Obj.Generation(cfg));
            if (!JsonNode.DeepEquals(before, status))
            {
                if (UpdateStatus(Kind.Configuration, cfg) is { } updated)
                {
                    Event(updated, "Normal", "Processing", complete ? "Configuration remapped" : "Waiting for all networks to be ready");
                    if (complete && Obj.Label(updated, LiqoLabels.Configured) != "true")
                    {
                        Obj.SetLabel(updated, LiqoLabels.Configured, "true");
                        Update(Kind.Configuration, updated);
                    }
                }
            }
            else if (complete && Obj.Label(cfg, LiqoLabels.Configured) != "true")
            {
                Obj.SetLabel(cfg, LiqoLabels.Configured, "true");
                Update(Kind.Configuration, cfg);
            }
        }
    }

    private static JsonObject Json(JsonObject o, string name) => ApiServer.ServerJson.Ensure(o, name);

    /// <summary>Ensures the Networks of one CIDR type and returns their status CIDRs ("" while IPAM has not answered).</summary>
    private List<string> Remap(JsonObject cfg, string remoteId, string type)
    {
        var ns = Obj.Ns(cfg);
        var wanted = (Obj.Array(cfg, "spec", "remote", "cidr", type) ?? []).Select(n => n?.GetValue<string>() ?? "").ToList();
        var existing = List(Kind.Network, ns, $"{LiqoLabels.RemoteClusterId}={remoteId},{LiqoLabels.CidrType}={type}")
            .Where(n => Obj.OwnedBy(n, Obj.Uid(cfg))).ToList();
        var result = new List<string>();
        for (var i = 0; i < wanted.Count; i++)
        {
            var name = i == 0 ? $"{Obj.Name(cfg)}-{type}" : $"{Obj.Name(cfg)}-{type}-{i}";
            var net = existing.FirstOrDefault(n => Obj.Name(n) == name);
            if (net is not null && Obj.Str(net, "spec", "cidr") != wanted[i])
            {
                // spec.cidr is immutable: a changed remote CIDR gets a new Network.
                Delete(Kind.Network, ns, name);
                net = null;
            }
            net ??= Get(Kind.Network, ns, name) is { } other && Obj.OwnedBy(other, Obj.Uid(cfg)) ? other : null;
            net ??= Create(Kind.Network, ns, new JsonObject
            {
                ["metadata"] = Obj.Meta(name, ns, new Dictionary<string, string>
                {
                    [LiqoLabels.RemoteClusterId] = remoteId,
                    [LiqoLabels.CidrType] = type,
                }),
                ["spec"] = new JsonObject { ["cidr"] = wanted[i] },
            }.Also(o => Obj.Object(o, "metadata")!["ownerReferences"] = new JsonArray(Obj.OwnerRef(cfg, controller: true))));
            result.Add(Obj.Str(net, "status", "cidr") ?? "");
        }
        foreach (var stale in existing.Where(n => !Enumerable.Range(0, wanted.Count).Any(i => Obj.Name(n) == (i == 0 ? $"{Obj.Name(cfg)}-{type}" : $"{Obj.Name(cfg)}-{type}-{i}"))))
            Delete(Kind.Network, ns, Obj.Name(stale));
        return result;
    }
}
