using System.Management.Automation;
using Liqo.Engine.Resources;
using Liqo.Engine.Authentication;

namespace Liqo.PowerShell.Cmdlets;

/// <summary>
/// On the provider: applies the consumer's LiqoTenant in its tenant namespace and waits (bounded by -Timeout) for the
/// provider to accept it. Then Export-LiqoIdentity.
/// </summary>
[Cmdlet(VerbsData.Import, "LiqoTenant", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = PathSet)]
[OutputType(typeof(TenantResult))]
public sealed class ImportLiqoTenantCommand : MaterialInputCmdlet
{
    protected override void ProcessRecord() =>
        WriteObject(RunOnMaterial(async (op, provider, material) =>
        {
            var tenant = await AuthenticationExchange.ImportTenantAsync(op, provider, material).ConfigureAwait(false);
            return new TenantResult
            {
                ConsumerClusterId = material.FromClusterId,
                ProviderClusterId = provider.ClusterId ?? "",
                Namespace = tenant?.Namespace() ?? "",
                Accepted = tenant is not null,
                WhatIf = op.PlanOnly,
                Duration = op.Elapsed,
            };
        }));
}
