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
