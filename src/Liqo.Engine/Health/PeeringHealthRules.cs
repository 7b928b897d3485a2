using System.Text.Json.Nodes;
using Liqo.Engine.Info;
using Liqo.Engine.Info.Peer;
using Liqo.Engine.Peering;
using Liqo.Engine.Resources;

namespace Liqo.Engine.Health;

/// <summary>
/// The checks of Test-LiqoPeering, from what <see cref="PeeringHealth"/> read: per cluster, its API server and Liqo pods;
/// across the two clusters, their Liqo versions; per peering and per side, the ForeignCluster's modules, the Connection
/// and gateway pods, the ControlPlane identity's certificate, the Tenant, the ResourceSlices, the virtual nodes and the
/// offloaded namespaces. Each failure names the object and the cmdlet or kubectl command that fixes or shows it.
/// </summary>
internal static class PeeringHealthRules
{
    public static IReadOnlyList<PeeringCheck> Build(ClusterHealthSnapshot local, ClusterHealthSnapshot? remote, IReadOnlyList<string> unknownPeers,
        DateTimeOffset now)
    {
        var checks = new List<PeeringCheck>();
        foreach (var side in new[] { local, remote }.OfType<ClusterHealthSnapshot>()) checks.AddRange(Cluster(side));
        if (remote is { Failure: null, Version: { } rv } && local is { Failure: null, Version: { } lv }) checks.Add(Versions(local, lv, remote, rv));
        foreach (var id in unknownPeers)
            checks.Add(new PeeringCheck(local.Scope, local.ClusterId, id, "ForeignCluster", PeeringCheckStatus.Fail, $"ForeignCluster {id}",
                $"The {local.Scope} cluster has no ForeignCluster for '{id}': it is not peered with it.",
                $"Peer the clusters: New-LiqoPeering (or check the ID with Get-LiqoForeignCluster)."));
        foreach (var side in new[] { local, remote }.OfType<ClusterHealthSnapshot>().Where(s => s.Failure is null))
        foreach (var peer in side.Peers)
            checks.AddRange(Peering(side, peer, now));
        return checks;
    }

    private static IEnumerable<PeeringCheck> Cluster(ClusterHealthSnapshot s)
    {
        var target = $"API server {s.Server}";
        if (s.Failure is { } f)
        {
            yield return new PeeringCheck(s.Scope, s.ClusterId, "", "ApiServer", PeeringCheckStatus.Fail, target,
                $"The {s.Scope} cluster cannot be read through its kubeconfig (context '{s.Context}'): {f.ErrorId}: {f.Message}",
                f.RecommendedAction ?? $"kubectl --context {s.Context} get --raw=/readyz --request-timeout=10s");
            yield break;
        }
        yield return Pass(s, "", "ApiServer", target, $"The {s.Scope} cluster '{s.ClusterId}' answers through its kubeconfig (context '{s.Context}').");
        if (s.Installation is { } health)
        {
            var pods = $"Pods {s.ClusterId}/liqo";
            yield return health.Healthy
                ? Pass(s, "", "LiqoPods", pods, "Every pod of the Liqo installation is Ready.")
                : new PeeringCheck(s.Scope, s.ClusterId, "", "LiqoPods", PeeringCheckStatus.Fail, pods,
                    "Liqo pods that are not Ready: " + string.Join(", ", (health.UnhealthyPods ?? new Dictionary<string, Info.LocalStatus.PodHealthInfo>())
                        .Select(p => $"{p.Key} ({p.Value.Status}, {p.Value.ReadyContainers}/{p.Value.TotalContainers} ready, {p.Value.Restarts} restarts)")) + ".",
                    $"kubectl --context {s.Context} get pods -n liqo; kubectl --context {s.Context} describe pod -n liqo <pod>; Get-LiqoInfo shows the same.");
        }
    }

    private static PeeringCheck Versions(ClusterHealthSnapshot local, string lv, ClusterHealthSnapshot remote, string rv)
    {
        var target = $"Liqo {lv} / {rv}";
        var message = $"Liqo versions: local {local.ClusterId} {lv}, remote {remote.ClusterId} {rv}.";
        if (lv == rv) return Pass(local, remote.ClusterId, "LiqoVersion", target, message);
        var sameMinor = Preflight.MajorMinor(lv) == Preflight.MajorMinor(rv);
        return new PeeringCheck(local.Scope, local.ClusterId, remote.ClusterId, "LiqoVersion", sameMinor ? PeeringCheckStatus.Warn : PeeringCheckStatus.Fail,
            target, message + (sameMinor ? " The patch versions differ." : " Liqo does not support peering different minor versions."),
            "Upgrade one cluster so both run the same version (helm upgrade liqo liqo/liqo --version <version>, or liqoctl install).");
    }

    private static IEnumerable<PeeringCheck> Peering(ClusterHealthSnapshot s, PeerReport p, DateTimeOffset now)
    {
        var fc = $"ForeignCluster {p.ClusterId}";
        var show = $"Get-LiqoPeerInfo {p.ClusterId} | Format-List, or kubectl --context {s.Context} get foreigncluster {p.ClusterId} -o yaml";
        foreach (var (module, status, alerts) in new[]
                 {
                     ("Networking", p.Network.Status, p.Network.Alerts), ("Authentication", p.Authentication.Status, p.Authentication.Alerts),
                     ("Offloading", p.Offloading.Status, p.Offloading.Alerts),
                 })
        {
            var name = "ForeignCluster" + module;
            yield return status switch
            {
                ModuleHealth.Healthy => Pass(s, p.ClusterId, name, fc, $"The {module.ToLowerInvariant()} module is healthy (role {p.Role})."),
                ModuleHealth.Disabled => Pass(s, p.ClusterId, name, fc, $"The {module.ToLowerInvariant()} module is not in use (role {p.Role})."),
                _ => Fail(s, p.ClusterId, name, fc, $"The {module.ToLowerInvariant()} module is {status}: {string.Join("; ", alerts ?? [])}", show),
            };
        }

        var tenantNs = s.TenantNamespaces.WithRemoteClusterId(p.ClusterId).Select(n => n.Name()).FirstOrDefault();
        if (p.Network.Status != ModuleHealth.Disabled)
        {
            foreach (var c in Network(s, p.ClusterId, tenantNs)) yield return c;
        }
        if (p.Role.Contains("Provider", StringComparison.Ordinal)) yield return Certificate(s, p, now);
        foreach (var t in s.Tenants.WithRemoteClusterId(p.ClusterId)) yield return Tenant(s, p.ClusterId, t);
        foreach (var rs in p.Authentication.ResourceSlices ?? [])
        {
            var target = $"ResourceSlice {tenantNs ?? "?"}/{rs.Name}";
            yield return rs.Accepted
                ? Pass(s, p.ClusterId, "ResourceSlice", target, $"The ResourceSlice ({rs.Action}) is accepted.")
                : Fail(s, p.ClusterId, "ResourceSlice", target, $"The ResourceSlice ({rs.Action}) is not accepted: {string.Join("; ", rs.Alerts)}",
                    rs.Action == "Consuming"
                        ? $"The provider denied it: on the provider, Get-LiqoPeerInfo shows its Tenant; Resume-LiqoTenant {s.ClusterId} there when it is cordoned or drained, Resume-LiqoResourceSlice {rs.Name} -RemoteClusterId {s.ClusterId} when the slice is. kubectl --context {s.Context} get resourceslice -n {tenantNs} {rs.Name} -o yaml"
                        : $"Resume-LiqoTenant {p.ClusterId} when the tenant is cordoned or drained; kubectl --context {s.Context} get resourceslice -n {tenantNs} {rs.Name} -o yaml");
        }
        foreach (var vn in p.Offloading.VirtualNodes ?? []) yield return VirtualNode(s, p.ClusterId, tenantNs, vn);
        foreach (var c in Offloadings(s, p.ClusterId)) yield return c;
    }

    private static IEnumerable<PeeringCheck> Network(ClusterHealthSnapshot s, string peer, string? tenantNs)
    {
        var connection = s.Connections.WithRemoteClusterId(peer).FirstOrDefault();
        var reset = $"Reset-LiqoNetworking {peer} (then Enable-LiqoNetworking, or New-LiqoPeering again)";
        if (s.Connections.Error is not null)
            yield return Warn(s, peer, "Connection", "Connection", "The Connections cannot be read: " + s.Connections.Error, null);
        else if (connection is null)
            yield return Fail(s, peer, "Connection", $"Connection {tenantNs}/?", "There is no Connection for this peer: the tunnel was never set up.", reset);
        else
        {
            var value = InfoJson.Str(connection["status"]?["value"]);
            var target = $"Connection {connection.Namespace()}/{connection.Name()}";
            yield return value == "Connected"
                ? Pass(s, peer, "Connection", target, "The tunnel is Connected.")
                : Fail(s, peer, "Connection", target, $"The tunnel is {(value.Length == 0 ? "not set up" : value)}, not Connected.",
                    $"Check the gateway pods (kubectl --context {s.Context} get pods -n {connection.Namespace()} -l {PeeringHealth.GatewayComponentSelector}); " + reset);
        }

        if (s.GatewayPods.Error is not null)
        {
            yield return Warn(s, peer, "GatewayPods", "Pods", "The gateway pods cannot be read: " + s.GatewayPods.Error, null);
            yield break;
        }
        var pods = (s.GatewayPods.Items ?? []).Where(pod => tenantNs is not null && pod.Namespace() == tenantNs).ToList();
        var where = $"Pods {tenantNs}/{PeeringHealth.GatewayComponentSelector}";
        var list = $"kubectl --context {s.Context} get pods -n {tenantNs} -l {PeeringHealth.GatewayComponentSelector}";
        if (pods.Count == 0)
        {
            yield return Fail(s, peer, "GatewayPods", where, "No gateway pod runs for this peer.", $"{list}; kubectl --context {s.Context} get gatewayservers,gatewayclients -n {tenantNs}");
            yield break;
        }
        var notReady = pods.Where(pod => !Ready(pod)).ToList();
        yield return notReady.Count == 0
            ? Pass(s, peer, "GatewayPods", where, $"{pods.Count} gateway pod(s) Ready: {string.Join(", ", pods.Select(x => x.Name()))}.")
            : Fail(s, peer, "GatewayPods", where,
                "Gateway pods not Ready: " + string.Join(", ", notReady.Select(x => $"{x.Name()} ({InfoJson.Str(x["status"]?["phase"])})")) + ".",
                $"kubectl --context {s.Context} describe pod -n {tenantNs} {notReady[0].Name()}; {list}");
    }

    private static PeeringCheck Certificate(ClusterHealthSnapshot s, PeerReport p, DateTimeOffset now)
    {
        var target = $"Identity (ControlPlane) towards {p.ClusterId}";
        const string renew = "Liqo renews it at two thirds of its lifetime: check the Identity (kubectl get identities -A -l liqo.io/remote-cluster-id=";
        var action = $"{renew}{p.ClusterId}) and the logs of liqo-controller-manager; New-LiqoPeering run again authenticates anew.";
        if (p.CertificateNotAfter is not { } end)
            return Warn(s, p.ClusterId, "IdentityCertificate", target, "The ControlPlane identity's certificate cannot be read.", action);
        var when = end.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", System.Globalization.CultureInfo.InvariantCulture);
        if (IdentityCertificate.ExpiryWarning(p.ClusterId, end, now) is not { } warning)
            return Pass(s, p.ClusterId, "IdentityCertificate", target, $"The ControlPlane identity's certificate is valid until {when}.");
        return end <= now
            ? Fail(s, p.ClusterId, "IdentityCertificate", target, warning, action)
            : Warn(s, p.ClusterId, "IdentityCertificate", target, warning, action);
    }

    private static PeeringCheck Tenant(ClusterHealthSnapshot s, string peer, JsonObject tenant)
    {
        var target = $"Tenant {tenant.Namespace()}/{tenant.Name()}";
        var condition = InfoJson.Str(tenant["spec"]?["tenantCondition"]) is { Length: > 0 } c ? c : "Active";
        var answered = Authentication.Tenant.HasStatus(tenant);
        return condition switch
        {
            "Cordoned" => Warn(s, peer, "Tenant", target, "The tenant is Cordoned: its existing resources stay, new ResourceSlices are denied.",
                $"Resume-LiqoTenant {peer} (liqoctl uncordon tenant)"),
            "Drained" => Fail(s, peer, "Tenant", target, "The tenant is Drained: its ResourceSlices are denied and removed, it consumes nothing here.",
                $"Resume-LiqoTenant {peer} (liqoctl activate tenant)"),
            _ when !answered => Fail(s, peer, "Tenant", target, "The tenant is Active but has no authentication parameters: this cluster has not accepted it.",
                $"kubectl --context {s.Context} get events -n {tenant.Namespace()} --field-selector involvedObject.name={tenant.Name()}; New-LiqoPeering run again"),
            _ => Pass(s, peer, "Tenant", target, "The tenant is Active and accepted."),
        };
    }

    private static PeeringCheck VirtualNode(ClusterHealthSnapshot s, string peer, string? tenantNs, VirtualNodeInfo vn)
    {
        var node = (s.VirtualNodeNodes.Items ?? []).FirstOrDefault(n => n.Name() == vn.Name);
        var target = $"Node {vn.Name}";
        var describe = $"kubectl --context {s.Context} describe node {vn.Name}; kubectl --context {s.Context} get virtualnode -n {tenantNs} {vn.Name} -o yaml";
        if (node is null) return Fail(s, peer, "VirtualNode", $"VirtualNode {tenantNs}/{vn.Name}", "The virtual node has no Node.", describe);
        if (node.Condition("Ready") is not { } ready || InfoJson.Str(ready["status"]) != "True")
            return Fail(s, peer, "VirtualNode", target, "The virtual node is not Ready" +
                (node.Condition("Ready") is { } r ? $": {InfoJson.Str(r["reason"])} {InfoJson.Str(r["message"])}".TrimEnd() + "." : "."), describe);
        if (InfoJson.Bool(node["spec"]?["unschedulable"]))
            return Warn(s, peer, "VirtualNode", target, "The virtual node is Ready but cordoned (unschedulable): no new pod goes there.",
                $"kubectl --context {s.Context} uncordon {vn.Name}");
        return Pass(s, peer, "VirtualNode", target, "The virtual node is Ready.");
    }

    private static IEnumerable<PeeringCheck> Offloadings(ClusterHealthSnapshot s, string peer)
    {
        foreach (var no in s.NamespaceOffloadings.Items ?? [])
        {
            if (no["status"]?["remoteNamespacesConditions"]?[peer] is not JsonArray conditions) continue;
            var target = $"NamespaceOffloading {no.Namespace()}/{no.Name()}";
            var phase = InfoJson.Str(no["status"]?["offloadingPhase"]);
            var ready = InfoJson.Objects(conditions).FirstOrDefault(c => InfoJson.Str(c["type"]) == "Ready");
            var remoteNs = InfoJson.Str(no["status"]?["remoteNamespaceName"]);
            if (ready is not null && InfoJson.Str(ready["status"]) == "True")
                yield return Pass(s, peer, "NamespaceOffloading", target, $"The namespace {no.Namespace()} is offloaded to {remoteNs} (phase {phase}).");
            else
                yield return Fail(s, peer, "NamespaceOffloading", target,
                    $"The remote namespace {remoteNs} is not Ready on this peer (phase {phase})" +
                    (ready is null ? "." : $": {InfoJson.Str(ready["reason"])} {InfoJson.Str(ready["message"])}".TrimEnd() + "."),
                    $"kubectl --context {s.Context} get namespaceoffloading -n {no.Namespace()} {no.Name()} -o yaml; the provider's Tenant must be Active (Resume-LiqoTenant there)");
        }
    }

    private static bool Ready(JsonObject pod) => pod.Condition("Ready") is { } c && InfoJson.Str(c["status"]) == "True";

    private static PeeringCheck Pass(ClusterHealthSnapshot s, string peer, string name, string target, string message) =>
        new(s.Scope, s.ClusterId, peer, name, PeeringCheckStatus.Pass, target, message, null);

    private static PeeringCheck Warn(ClusterHealthSnapshot s, string peer, string name, string target, string message, string? remediation) =>
        new(s.Scope, s.ClusterId, peer, name, PeeringCheckStatus.Warn, target, message, remediation);

    private static PeeringCheck Fail(ClusterHealthSnapshot s, string peer, string name, string target, string message, string remediation) =>
        new(s.Scope, s.ClusterId, peer, name, PeeringCheckStatus.Fail, target, message, remediation);
}
