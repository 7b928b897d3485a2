namespace Liqo.PowerShell;

/// <summary>Turns engine results (types of the private load context) into the module's public output types.</summary>
internal static class OutputMapper
{
    public static PeeringResult From(Engine.Peering.PeeringResult r) => new()
    {
        ConsumerClusterId = r.ConsumerClusterId,
        ProviderClusterId = r.ProviderClusterId,
        ConsumerRole = r.ConsumerForeignClusterRole,
        ProviderRole = r.ProviderForeignClusterRole,
        Networking = new PeeringModuleStatus(r.Networking.Status, r.Networking.Duration),
        Authentication = new PeeringModuleStatus(r.Authentication.Status, r.Authentication.Duration),
        Offloading = new PeeringModuleStatus(r.Offloading.Status, r.Offloading.Duration),
        VirtualNode = r.VirtualNodeName,
        VirtualNodeReady = r.VirtualNodeReady,
        WhatIf = r.WhatIf,
        Duration = r.Duration,
    };

    public static ForceUnpeeringResult From(Engine.Peering.ForceUnpeerResult r) => new()
    {
        LocalClusterId = r.LocalClusterId,
        RemoteClusterId = r.RemoteClusterId,
        ForeignCluster = r.ForeignCluster,
        TenantNamespace = r.TenantNamespace,
        TenantNamespaceGone = r.TenantNamespaceGone,
        WhatIf = r.WhatIf,
        Duration = r.Duration,
    };

    public static UnpeeringResult From(Engine.Peering.UnpeerResult r) => new()
    {
        ConsumerClusterId = r.ConsumerClusterId,
        ProviderClusterId = r.ProviderClusterId,
        Bidirectional = r.Bidirectional,
        NetworkingRemoved = r.NetworkingRemoved,
        NamespacesDeleted = r.NamespacesDeleted,
        WhatIf = r.WhatIf,
        Duration = r.Duration,
    };
}
