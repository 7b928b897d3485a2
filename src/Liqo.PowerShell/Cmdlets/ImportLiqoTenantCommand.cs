using System.Diagnostics;
using System.Management.Automation;
using Liqo.Engine;
using Liqo.Engine.Authentication;
using Liqo.Engine.ClusterAccess;
using EngineMaterial = Liqo.Engine.Exchange.PeeringMaterial;

namespace Liqo.PowerShell.Cmdlets;

/// <summary>
/// On the provider: applies the consumer's LiqoTenant in its tenant namespace and waits (bounded by -Timeout) for the
/// provider to accept it. Then Export-LiqoIdentity.
/// </summary>
[Cmdlet(VerbsData.Import, "LiqoTenant", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = PathSet)]
[OutputType(typeof(TenantResult))]
public sealed class ImportLiqoTenantCommand : MaterialCmdlet
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
            using var provider = ClusterConnection.Open(source);
            var op = new Operation(log, timeout, ct);
            var material = EngineMaterial.Parse(text, from);
            var tenant = await AuthenticationExchange.ImportTenantAsync(op, provider, material).ConfigureAwait(false);
            return new TenantResult
            {
                ConsumerClusterId = material.FromClusterId,
                ProviderClusterId = provider.ClusterId ?? "",
                Namespace = tenant?["metadata"]?["namespace"]?.GetValue<string>() ?? "",
                Accepted = tenant is not null,
                WhatIf = op.PlanOnly,
                Duration = watch.Elapsed,
            };
        }));
    }
}
