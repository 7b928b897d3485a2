namespace Liqo.Engine.Lifecycle;

/// <summary>
/// What a cordon, uncordon, drain or activate of a Tenant did: the Tenant (on the provider), its consumer, the condition
/// before and after, and whether it was written (false when it already was so, when liqoctl would have only warned, or
/// under -WhatIf).
/// </summary>
public sealed record TenantConditionChange(string Namespace, string Name, string ConsumerClusterId, string Previous, string Current, bool Changed);
