using System.Text.Json.Nodes;
using Liqo.Engine;
using Liqo.Engine.Authentication;
using Liqo.Engine.Networking;
using Liqo.Engine.Offloading;
using Liqo.Engine.Resources;
using EngineMaterial = Liqo.Engine.Exchange.PeeringMaterial;

namespace Liqo.PowerShell;

/// <summary>
/// Turns engine results (types of the private load context) into the module's public output types: every cmdlet writes
/// what it got from the engine through here (the info reports: OutputMapper.Info.cs). A result of a step the engine reports as plain values takes the step's
/// <see cref="Operation"/> too, for WhatIf (the step only planned) and Duration.
/// </summary>
internal static partial class OutputMapper
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

    public static AuthenticationResult From(Engine.Authentication.AuthenticationResult r, string consumerClusterId, string providerClusterId,
        Operation op) => new()
    {
        ConsumerClusterId = consumerClusterId,
        ProviderClusterId = providerClusterId,
        ConsumerTenantNamespace = r.ConsumerTenantNamespace,
        ProviderTenantNamespace = r.ProviderTenantNamespace,
        Identity = r.IdentityName,
        Completed = r.Completed,
        WhatIf = op.PlanOnly,
        Duration = op.Elapsed,
    };

    /// <summary>Import-LiqoIdentity's result: the Identity applied from the provider's LiqoIdentity (null under -WhatIf or when declined).</summary>
    public static AuthenticationResult ImportedIdentity(JsonObject? identity, string consumerTenantNamespace, EngineMaterial material,
        string consumerClusterId, Operation op) => new()
    {
        ConsumerClusterId = consumerClusterId,
        ProviderClusterId = material.FromClusterId,
        ConsumerTenantNamespace = consumerTenantNamespace,
        ProviderTenantNamespace = Identity.TargetNamespace(material.Object("identity")),
        Identity = Identity.ControlPlaneName(material.FromClusterId),
        Completed = identity is not null,
        WhatIf = op.PlanOnly,
        Duration = op.Elapsed,
    };

    /// <summary>Import-LiqoTenant's result: the Tenant accepted from the consumer's LiqoTenant (null under -WhatIf or when declined).</summary>
    public static TenantResult ImportedTenant(JsonObject? tenant, EngineMaterial material, string providerClusterId, Operation op) => new()
    {
        ConsumerClusterId = material.FromClusterId,
        ProviderClusterId = providerClusterId,
        Namespace = tenant?.Namespace() ?? "",
        Accepted = tenant is not null,
        WhatIf = op.PlanOnly,
        Duration = op.Elapsed,
    };

    public static NetworkingResult From(NetworkResult r, string localClusterId, string remoteClusterId, Operation op) => new()
    {
        LocalClusterId = localClusterId,
        RemoteClusterId = remoteClusterId,
        ReusedReverseTunnel = r.ReusedReverseTunnel,
        Established = r.Established,
        WhatIf = op.PlanOnly,
        Duration = op.Elapsed,
    };

    /// <summary>Import-LiqoPublicKey's result: whether this cluster's Connection to the client cluster is established.</summary>
    public static NetworkingResult ImportedPublicKey(bool established, EngineMaterial material, string localClusterId, Operation op) => new()
    {
        LocalClusterId = localClusterId,
        RemoteClusterId = material.FromClusterId,
        Established = established,
        WhatIf = op.PlanOnly,
        Duration = op.Elapsed,
    };

    /// <summary>Import-LiqoNetworkConfiguration's result: the other cluster's Configuration as applied here, with its CIDRs.</summary>
    public static NetworkConfigurationResult ImportedConfiguration(JsonObject configuration, string tenantNamespace, bool applied,
        EngineMaterial material, string localClusterId, Operation op) => new()
    {
        LocalClusterId = localClusterId,
        RemoteClusterId = material.FromClusterId,
        Namespace = tenantNamespace,
        PodCidrs = NetworkConfiguration.RemoteCidrs(configuration, "pod", remapped: false),
        ExternalCidrs = NetworkConfiguration.RemoteCidrs(configuration, "external", remapped: false),
        RemappedPodCidrs = NetworkConfiguration.RemoteCidrs(configuration, "pod", remapped: true),
        RemappedExternalCidrs = NetworkConfiguration.RemoteCidrs(configuration, "external", remapped: true),
        Applied = applied,
        WhatIf = op.PlanOnly,
        Duration = op.Elapsed,
    };

    /// <summary>New-LiqoResourceSlice's result: the slice as written (and as the provider answered, when waited for).</summary>
    public static ResourceSliceResult CreatedResourceSlice(JsonObject slice, string name, string providerClusterId, ResourceSliceOptions options,
        Operation op) => new()
    {
        Name = name,
        Namespace = slice.Namespace() ?? "",
        ProviderClusterId = providerClusterId,
        Class = options.Class,
        RequestedResources = ResourceSlice.RequestedResources(slice),
        CreateVirtualNode = ResourceSlice.CreatesVirtualNode(slice),
        Authentication = ResourceSlice.ConditionStatus(slice, ResourceSlice.AuthenticationCondition) ?? "",
        Resources = ResourceSlice.ConditionStatus(slice, ResourceSlice.ResourcesCondition) ?? "",
        WhatIf = op.PlanOnly,
        Duration = op.Elapsed,
    };

    /// <summary>New-LiqoVirtualNode's result: the VirtualNode as written and its Node (null when not waited for or not Ready).</summary>
    public static VirtualNodeResult CreatedVirtualNode(JsonObject virtualNode, JsonObject? node, string name, string providerClusterId,
        VirtualNodeOptions options, Operation op) => new()
    {
        Name = name,
        Namespace = virtualNode.Namespace() ?? "",
        ClusterId = providerClusterId,
        KubeconfigSecret = VirtualNode.KubeconfigSecretName(virtualNode),
        CreateNode = options.CreateNode,
        NodeReady = node is not null,
        WhatIf = op.PlanOnly,
        Duration = op.Elapsed,
    };

    /// <summary>New-LiqoPeeringUser's result; <paramref name="path"/> is where its kubeconfig was written (null when it was not).</summary>
    public static PeeringUser From(PeeringUserResult r, string? path, bool planned) => new()
    {
        ConsumerClusterId = r.ConsumerClusterId,
        ProviderClusterId = r.ProviderClusterId,
        UserName = r.UserName,
        CommonName = r.CommonName,
        TenantNamespace = r.TenantNamespace,
        KeyAlgorithm = r.KeyAlgorithm.ToString(),
        NotAfter = r.NotAfter,
        Path = path,
        WhatIf = planned,
    };

    /// <summary>
    /// Peering material as the output object: <paramref name="json"/> is its document (what -OutFile holds), whose
    /// createdAt has whole seconds; <paramref name="path"/> is where it was written (null when it was not).
    /// </summary>
    public static PeeringMaterial From(EngineMaterial m, string json, string? path, bool planned)
    {
        var created = m.CreatedAt.ToUniversalTime();
        var seconds = new DateTimeOffset(created.UtcTicks - created.UtcTicks % TimeSpan.TicksPerSecond, TimeSpan.Zero);
        return new PeeringMaterial(m.Kind, m.FromClusterId, m.ForClusterId, seconds, json, path, planned);
    }
}
