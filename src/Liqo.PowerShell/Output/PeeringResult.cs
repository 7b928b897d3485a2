namespace Liqo;

/// <summary>What New-LiqoPeering did: who peered with whom, what each ForeignCluster says, each module, the virtual node.</summary>
public sealed class PeeringResult
{
    public string ConsumerClusterId { get; init; } = "";
    public string ProviderClusterId { get; init; } = "";

    /// <summary>The consumer's ForeignCluster role for the provider (Provider, or ConsumerAndProvider when bidirectional).</summary>
    public string? ConsumerRole { get; init; }

    /// <summary>The provider's ForeignCluster role for the consumer (Consumer, or ConsumerAndProvider).</summary>
    public string? ProviderRole { get; init; }

    public PeeringModuleStatus Networking { get; init; } = new("Skipped", TimeSpan.Zero);
    public PeeringModuleStatus Authentication { get; init; } = new("Skipped", TimeSpan.Zero);
    public PeeringModuleStatus Offloading { get; init; } = new("Skipped", TimeSpan.Zero);
    public string? VirtualNode { get; init; }
    public bool VirtualNodeReady { get; init; }

    /// <summary>True when run with -WhatIf: nothing was written.</summary>
    public bool WhatIf { get; init; }

    public TimeSpan Duration { get; init; }

    /// <summary>Lets the result pipe into Remove-LiqoPeering (-ClusterId by property name).</summary>
    public string ClusterId => ProviderClusterId;
}
