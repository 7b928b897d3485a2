using System.Management.Automation;
using Liqo.Engine.Authentication;

namespace Liqo.PowerShell.Cmdlets;

/// <summary>
/// Applies the provider's ControlPlane Identity on the consumer, from the LiqoIdentity material Export-LiqoIdentity made.
/// The Identity goes in the provider's tenant namespace, and the cmdlet waits, bounded by -Timeout, for Liqo to make its
/// kubeconfig Secret. The consumer is then authenticated with the provider: New-LiqoResourceSlice can follow.
/// </summary>
/// <example>
/// Import the provider's Identity, then ask for resources
/// <code>
/// Import-LiqoIdentity ./identity.json -Kubeconfig ~/.kube/rome
/// New-LiqoResourceSlice milan -RemoteClusterId milan -Kubeconfig ~/.kube/rome
/// </code>
/// The last step of the out-of-band authentication, then the offloading.
/// </example>
/// <seealso cref="ExportLiqoIdentityCommand"/>
/// <seealso cref="NewLiqoResourceSliceCommand"/>
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
