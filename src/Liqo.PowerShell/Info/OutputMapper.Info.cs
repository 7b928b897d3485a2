using Liqo.Engine.Info;
using Liqo.Engine.Info.LocalStatus;
using Liqo.Engine.Info.Peer;

namespace Liqo.PowerShell;

/// <summary>
/// The engine's info reports (Get-LiqoInfo, Get-LiqoPeerInfo, Get-LiqoForeignCluster) as the module's output objects
/// (PowerShell casing, arrays, UTC DateTimes).
/// </summary>
internal static partial class OutputMapper
{
    public static LiqoInfo From(LocalInfoReport r) => new()
    {
        ClusterId = r.Local.ClusterId,
        Version = r.Local.Version,
        Labels = Map(r.Local.Labels),
        ApiServerAddress = r.Local.ApiServerAddress,
        Healthy = r.Health.Healthy,
        UnhealthyPods = (r.Health.UnhealthyPods ?? new Dictionary<string, PodHealthInfo>()).OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => new PodHealth
            {
                Name = p.Key,
                Status = p.Value.Status,
                ReadyContainers = p.Value.ReadyContainers,
                TotalContainers = p.Value.TotalContainers,
                Restarts = p.Value.Restarts,
            }).ToArray(),
        Network = r.Network is null ? null : new LocalNetwork
        {
            PodCidrs = r.Network.PodCidrs?.ToArray(),
            ServiceCidr = r.Network.ServiceCidr,
            ExternalCidr = r.Network.ExternalCidr,
            InternalCidr = r.Network.InternalCidr,
        },
        Peerings = (r.Peerings.Peers ?? []).Select(p => new PeeringSummary
        {
            ClusterId = p.ClusterId,
            Role = p.Role,
            Networking = p.NetworkingStatus,
            Authentication = p.AuthenticationStatus,
            Offloading = p.OffloadingStatus,
            CreationTimestamp = p.CreationTimestamp?.UtcDateTime,
        }).ToArray(),
    };

    public static PeerInfo From(PeerReport p) => new()
    {
        ClusterId = p.ClusterId,
        Role = p.Role,
        Network = new PeerNetwork
        {
            Status = p.Network.Status,
            Alerts = Array(p.Network.Alerts),
            RemoteCidrs = Cidrs(p.Network.RemoteCidrs),
            RemappedCidrs = p.Network.RemappedCidrs is null ? null : Cidrs(p.Network.RemappedCidrs),
            Gateway = p.Network.Gateway.Role.Length == 0 ? null : new PeerGateway
            {
                Role = p.Network.Gateway.Role,
                Address = Array(p.Network.Gateway.Address),
                Port = p.Network.Gateway.Port,
            },
        },
        Authentication = new PeerAuthentication
        {
            Status = p.Authentication.Status,
            Alerts = Array(p.Authentication.Alerts),
            ApiServerAddress = p.Authentication.ApiServerAddress,
            ResourceSlices = (p.Authentication.ResourceSlices ?? []).Select(s => new PeerResourceSlice
            {
                Name = s.Name,
                Action = s.Action,
                Accepted = s.Accepted,
                Alerts = Array(s.Alerts),
                Resources = Map(s.Resources),
            }).ToArray(),
        },
        Offloading = new PeerOffloading
        {
            Status = p.Offloading.Status,
            Alerts = Array(p.Offloading.Alerts),
            VirtualNodes = (p.Offloading.VirtualNodes ?? []).Select(v => new PeerVirtualNode
            {
                Name = v.Name,
                Status = v.Status,
                Secret = v.Secret,
                ResourceSlice = v.ResourceSlice,
                Resources = Map(v.Resources),
            }).ToArray(),
        },
        CreationTimestamp = p.CreationTimestamp?.UtcDateTime,
        CertificateNotAfter = p.CertificateNotAfter?.UtcDateTime,
        Remote = p.Remote is null ? null : From(p.Remote),
    };

    private static Liqo.ProviderView From(Engine.Info.Peer.ProviderView v) => new()
    {
        ClusterId = v.ClusterId,
        Role = v.Role,
        Networking = v.NetworkingStatus,
        Authentication = v.AuthenticationStatus,
        Offloading = v.OffloadingStatus,
        Tenant = v.Tenant is null ? null : new ProviderTenant
        {
            Name = v.Tenant.Name,
            Namespace = v.Tenant.Namespace,
            Condition = v.Tenant.Condition,
            AuthzPolicy = v.Tenant.AuthzPolicy,
            Ready = v.Tenant.Ready,
            TenantNamespace = v.Tenant.TenantNamespace,
            ApiServer = v.Tenant.ApiServer,
        },
        Gateway = v.Gateway is null ? null : new ProviderGateway
        {
            Kind = v.Gateway.Kind,
            Name = v.Gateway.Name,
            Namespace = v.Gateway.Namespace,
            Address = Array(v.Gateway.Address),
            Port = v.Gateway.Port,
            Protocol = v.Gateway.Protocol,
        },
        ResourceSlices = v.ResourceSlices.Select(s => new ProviderResourceSlice
        {
            Name = s.Name,
            Namespace = s.Namespace,
            Accepted = s.Accepted,
            AuthenticationCondition = s.AuthenticationCondition,
            ResourcesCondition = s.ResourcesCondition,
            Alerts = Array(s.Alerts),
            Resources = Map(s.Resources),
            Quota = s.Quota is null ? null : new ProviderQuota
            {
                Name = s.Quota.Name,
                User = s.Quota.User,
                LimitsEnforcement = s.Quota.LimitsEnforcement,
                Cordoned = s.Quota.Cordoned,
                Resources = Map(s.Quota.Resources),
            },
        }).ToArray(),
    };

    public static ForeignCluster From(ForeignClusterRecord fc)
    {
        ForeignClusterModule Module(string name) => fc.Modules.FirstOrDefault(m => m.Name == name) is { } m
            ? new ForeignClusterModule { Enabled = m.Enabled, Status = m.Status, Conditions = m.Conditions.Select(Condition).ToArray() }
            : new ForeignClusterModule { Status = ModuleHealth.Disabled };
        return new ForeignCluster
        {
            Name = fc.Name,
            ClusterId = fc.ClusterId,
            Role = fc.Role,
            CreationTimestamp = fc.CreationTimestamp?.UtcDateTime,
            ApiServerUrl = fc.ApiServerUrl,
            ForeignProxyUrl = fc.ForeignProxyUrl,
            LocalTenantNamespace = fc.LocalTenantNamespace,
            RemoteTenantNamespace = fc.RemoteTenantNamespace,
            Networking = Module("networking"),
            Authentication = Module("authentication"),
            Offloading = Module("offloading"),
            Conditions = fc.Conditions.Select(Condition).ToArray(),
        };
    }

    private static ForeignClusterCondition Condition(ForeignClusterConditionRecord c) => new()
    {
        Type = c.Type,
        Status = c.Status,
        Reason = c.Reason,
        Message = c.Message,
        LastTransitionTime = c.LastTransitionTime?.UtcDateTime,
    };

    private static CidrSet Cidrs(ClusterCidrs c) => new() { Pod = Array(c.Pod), External = Array(c.External) };

    private static string[] Array(IReadOnlyList<string>? list) => list?.ToArray() ?? [];

    private static Dictionary<string, string>? Map(IReadOnlyDictionary<string, string>? map) =>
        map?.OrderBy(p => p.Key, StringComparer.Ordinal).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
}
