using System.Management.Automation;
using Liqo.Engine.Resources;
using Liqo.Engine.Authentication;

namespace Liqo.PowerShell.Cmdlets;

/// <summary>
/// Applies a consumer's Tenant on the provider, from the LiqoTenant material New-LiqoTenant made. The Tenant goes in the
/// consumer's tenant namespace, and the cmdlet waits, bounded by -Timeout, for the provider to accept it (ErrorId
/// TenantNotAccepted otherwise: a bad signature or CSR, or Liqo's controller is down). Export-LiqoIdentity follows.
/// </summary>
/// <example>
/// Import the consumer's Tenant, then export the Identity for it
/// <code>
/// Import-LiqoTenant ./tenant.json -Kubeconfig ~/.kube/milan
/// Export-LiqoIdentity rome -Kubeconfig ~/.kube/milan -OutFile ./identity.json
/// </code>
/// identity.json goes back to the consumer's administrator, who runs Import-LiqoIdentity with it.
/// </example>
/// <seealso cref="NewLiqoTenantCommand"/>
/// <seealso cref="ExportLiqoIdentityCommand"/>
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
