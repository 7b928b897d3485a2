namespace Liqo.Engine.Lifecycle;

/// <summary>What a cordon or uncordon of a ResourceSlice (on the provider) did: the slice, whether it is cordoned now, whether it was written.</summary>
public sealed record ResourceSliceCordonChange(string Namespace, string Name, string ConsumerClusterId, bool Cordoned, bool Changed);
