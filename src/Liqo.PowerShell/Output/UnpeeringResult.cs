namespace Liqo;

/// <summary>What Remove-LiqoPeering did.</summary>
public sealed class UnpeeringResult
{
    public string ConsumerClusterId { get; init; } = "";
    public string ProviderClusterId { get; init; } = "";
    public bool Bidirectional { get; init; }
    public bool NetworkingRemoved { get; init; }
    public bool NamespacesDeleted { get; init; }
    public bool WhatIf { get; init; }
    public TimeSpan Duration { get; init; }
}
