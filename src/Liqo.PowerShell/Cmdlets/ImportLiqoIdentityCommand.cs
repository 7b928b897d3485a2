using System.Diagnostics;
using System.Management.Automation;
using Liqo.Engine;
using Liqo.Engine.Authentication;
using Liqo.Engine.ClusterAccess;
using EngineMaterial = Liqo.Engine.Exchange.PeeringMaterial;

namespace Liqo.PowerShell.Cmdlets;

/// <summary>
/// On the consumer: applies the provider's LiqoIdentity in the provider's tenant namespace and waits (bounded by
/// -Timeout) for its kubeconfig Secret. The consumer is then authenticated: New-LiqoResourceSlice can follow.
/// </summary>
[Cmdlet(VerbsData.Import, "LiqoIdentity", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = PathSet)]
[OutputType(typeof(AuthenticationResult))]
public sealed class ImportLiqoIdentityCommand : MaterialCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathSet)]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = "";

    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = InputObjectSet)]
    public Liqo.PeeringMaterial? InputObject { get; set; }

    [Parameter]
    [DurationTransformation]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(2);

    protected override void ProcessRecord()
    {
        var source = LocalSource();
        var (text, from) = ReadMaterial(Path, InputObject);
        var timeout = Timeout;
        WriteObject(RunEngine(async (log, ct) =>
        {
            var watch = Stopwatch.StartNew();
            using var consumer = ClusterConnection.Open(source);
            var op = new Operation(log, timeout, ct);
            var material = EngineMaterial.Parse(text, from);
            var (identity, ns) = await AuthenticationExchange.ImportIdentityAsync(op, consumer, material).ConfigureAwait(false);
            var given = material.Object("identity");
            return new AuthenticationResult
            {
                ConsumerClusterId = consumer.ClusterId ?? "",
                ProviderClusterId = material.FromClusterId,
                ConsumerTenantNamespace = ns,
                ProviderTenantNamespace = given["spec"]?["namespace"]?.ToString() ?? "",
                Identity = Identity.ControlPlaneName(material.FromClusterId),
                Completed = identity is not null,
                WhatIf = op.PlanOnly,
                Duration = watch.Elapsed,
            };
        }));
    }
}
