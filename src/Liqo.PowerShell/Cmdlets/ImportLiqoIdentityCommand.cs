using System.Management.Automation;
using Liqo.Engine.Authentication;

namespace Liqo.PowerShell.Cmdlets;

/// <summary>
/// On the consumer: applies the provider's LiqoIdentity in the provider's tenant namespace and waits (bounded by
/// -Timeout) for its kubeconfig Secret. The consumer is then authenticated: New-LiqoResourceSlice can follow.
/// </summary>
[Cmdlet(VerbsData.Import, "LiqoIdentity", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = PathSet)]
[OutputType(typeof(AuthenticationResult))]
public sealed class ImportLiqoIdentityCommand : MaterialInputCmdlet
{
    protected override void ProcessRecord() =>
        WriteObject(RunOnMaterial(async (op, consumer, material) =>
        {
            var (identity, ns) = await AuthenticationExchange.ImportIdentityAsync(op, consumer, material).ConfigureAwait(false);
            var given = material.Object("identity");
            return new AuthenticationResult
            {
                ConsumerClusterId = consumer.ClusterId ?? "",
                ProviderClusterId = material.FromClusterId,
                ConsumerTenantNamespace = ns,
                ProviderTenantNamespace = Identity.TargetNamespace(given),
                Identity = Identity.ControlPlaneName(material.FromClusterId),
                Completed = identity is not null,
                WhatIf = op.PlanOnly,
                Duration = op.Elapsed,
            };
        }));
}
