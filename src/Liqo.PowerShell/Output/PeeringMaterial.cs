namespace Liqo;

/// <summary>
/// What one cluster hands to the other in an out-of-band peering (New-LiqoNonce, New-LiqoTenant, Export-LiqoIdentity,
/// Export-LiqoNetworkConfiguration, New-LiqoGatewayServer, New-LiqoGatewayClient): its kind, which cluster made it for
/// which cluster, and the document itself (<see cref="Json"/>), written to <see cref="Path"/> with -OutFile. The Import-
/// and New- cmdlets of the other side take it back by -Path or from the pipeline.
/// </summary>
public sealed class PeeringMaterial
{
    public PeeringMaterial(string kind, string fromClusterId, string forClusterId, DateTimeOffset createdAt, string json, string? path, bool whatIf)
    {
        Kind = kind;
        FromClusterId = fromClusterId;
        ForClusterId = forClusterId;
        CreatedAt = createdAt;
        Json = json;
        Path = path;
        WhatIf = whatIf;
    }

    /// <summary>LiqoNonce, LiqoTenant, LiqoIdentity, LiqoNetworkConfiguration, LiqoGatewayServer or LiqoGatewayClient.</summary>
    public string Kind { get; }

    /// <summary>The cluster that made it.</summary>
    public string FromClusterId { get; }

    /// <summary>The only cluster it can be imported on.</summary>
    public string ForClusterId { get; }

    public DateTimeOffset CreatedAt { get; }

    /// <summary>The document (what -OutFile writes).</summary>
    public string Json { get; }

    /// <summary>The file it was written to (-OutFile), or null.</summary>
    public string? Path { get; }

    /// <summary>Made with -WhatIf: its values are placeholders and it was not written.</summary>
    public bool WhatIf { get; }

    public override string ToString() => $"{Kind} from {FromClusterId} for {ForClusterId}";
}

/// <summary>What Import-LiqoTenant did on the provider.</summary>
public sealed class TenantResult
{
    public string ConsumerClusterId { get; init; } = "";
    public string ProviderClusterId { get; init; } = "";

    /// <summary>The consumer's tenant namespace on the provider.</summary>
    public string Namespace { get; init; } = "";

    /// <summary>The provider accepted the Tenant (its status is filled): Export-LiqoIdentity can run.</summary>
    public bool Accepted { get; init; }

    public bool WhatIf { get; init; }
    public TimeSpan Duration { get; init; }
}

/// <summary>What Import-LiqoNetworkConfiguration did.</summary>
public sealed class NetworkConfigurationResult
{
    public string LocalClusterId { get; init; } = "";
    public string RemoteClusterId { get; init; } = "";
    public string Namespace { get; init; } = "";
    public string[] PodCidrs { get; init; } = Array.Empty<string>();
    public string[] ExternalCidrs { get; init; } = Array.Empty<string>();

    /// <summary>The remote CIDRs as remapped on this cluster (known once applied).</summary>
    public string[] RemappedPodCidrs { get; init; } = Array.Empty<string>();
    public string[] RemappedExternalCidrs { get; init; } = Array.Empty<string>();

    /// <summary>Liqo remapped the CIDRs (NetworkCIDRsConfigured); only known when waited for.</summary>
    public bool Applied { get; init; }

    public bool WhatIf { get; init; }
    public TimeSpan Duration { get; init; }
}
