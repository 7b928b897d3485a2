namespace Liqo.Engine.Peering;

/// <summary>The status of one module after an operation, and how long it took.</summary>
public sealed record ModuleOutcome(string Status, TimeSpan Duration)
{
    public static ModuleOutcome Skipped { get; } = new("Skipped", TimeSpan.Zero);
}

/// <summary>The outcome of a peering: who peered with whom, what each side's ForeignCluster says, each module, the virtual node.</summary>
public sealed record PeeringResult(
    string ConsumerClusterId,
    string ProviderClusterId,
    string? ConsumerForeignClusterRole,
    string? ProviderForeignClusterRole,
    ModuleOutcome Networking,
    ModuleOutcome Authentication,
    ModuleOutcome Offloading,
    string? VirtualNodeName,
    bool VirtualNodeReady,
    bool WhatIf,
    TimeSpan Duration);
