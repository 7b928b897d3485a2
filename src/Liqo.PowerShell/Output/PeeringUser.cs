namespace Liqo;

/// <summary>
/// A peering user New-LiqoPeeringUser made on the provider: who it is and where its kubeconfig was written (owner-only).
/// The kubeconfig itself, which holds the user's private key, is never written to any stream.
/// </summary>
public sealed class PeeringUser
{
    public string ConsumerClusterId { get; init; } = "";
    public string ProviderClusterId { get; init; } = "";

    /// <summary>liqo-peer-user-&lt;consumer ID&gt;: the name of its CSR and of its roles and bindings.</summary>
    public string UserName { get; init; } = "";

    /// <summary>The certificate's common name, the user name RBAC sees (random for every new user).</summary>
    public string CommonName { get; init; } = "";

    /// <summary>The consumer's tenant namespace on the provider (the kubeconfig's namespace).</summary>
    public string TenantNamespace { get; init; } = "";

    public string KeyAlgorithm { get; init; } = "";
    public DateTimeOffset? NotAfter { get; init; }

    /// <summary>The kubeconfig file (null with -WhatIf).</summary>
    public string? Path { get; init; }

    public bool WhatIf { get; init; }
}
