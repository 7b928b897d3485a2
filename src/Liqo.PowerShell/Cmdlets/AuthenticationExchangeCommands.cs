using System.Diagnostics;
using System.Management.Automation;
using Liqo.Engine;
using Liqo.Engine.Authentication;
using Liqo.Engine.ClusterAccess;
using EngineMaterial = Liqo.Engine.Exchange.PeeringMaterial;

namespace Liqo.PowerShell.Cmdlets;

/// <summary>
/// On the provider, first step of an out-of-band authentication (liqoctl create nonce): the consumer's tenant namespace
/// and the nonce Secret, then the LiqoNonce for the consumer (New-LiqoTenant).
/// </summary>
[Cmdlet(VerbsCommon.New, "LiqoNonce", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(Liqo.PeeringMaterial))]
public sealed class NewLiqoNonceCommand : MaterialCmdlet
{
    /// <summary>The consumer that will authenticate with this cluster.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("RemoteClusterId")]
    [ValidateNotNullOrEmpty]
    public string ConsumerClusterId { get; set; } = "";

    /// <summary>Write the material to this file (owner-only).</summary>
    [Parameter] public string? OutFile { get; set; }

    /// <summary>Replace an existing -OutFile.</summary>
    [Parameter] public SwitchParameter Force { get; set; }

    [Parameter]
    [DurationTransformation]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(2);

    protected override void ProcessRecord()
    {
        var source = LocalSource();
        var (consumerId, timeout) = (ConsumerClusterId, Timeout);
        var (json, planned) = RunEngine(async (log, ct) =>
        {
            using var provider = ClusterConnection.Open(source);
            var op = new Operation(log, timeout, ct);
            var material = await AuthenticationExchange.CreateNonceAsync(op, provider, consumerId).ConfigureAwait(false);
            return (material.ToJson(), op.PlanOnly);
        });
        WriteObject(Publish(json, planned, OutFile, Force));
    }
}

/// <summary>
/// On the consumer (liqoctl generate tenant): signs the provider's nonce (the signed-nonce Secret) and makes the Tenant
/// from this cluster's keys: the LiqoTenant for the provider (Import-LiqoTenant). The nonce comes as the provider's
/// LiqoNonce file (-Path) or object (pipeline), or as -ProviderClusterId and -Nonce.
/// </summary>
[Cmdlet(VerbsCommon.New, "LiqoTenant", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = PathSet)]
[OutputType(typeof(Liqo.PeeringMaterial))]
public sealed class NewLiqoTenantCommand : MaterialCmdlet
{
    private const string NonceSet = "Nonce";

    /// <summary>The provider's LiqoNonce file.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = PathSet)]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = "";

    /// <summary>The provider's LiqoNonce object.</summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = InputObjectSet)]
    public Liqo.PeeringMaterial? InputObject { get; set; }

    /// <summary>The provider's cluster ID, with the nonce it printed.</summary>
    [Parameter(Mandatory = true, ParameterSetName = NonceSet)]
    [Alias("RemoteClusterId")]
    [ValidateNotNullOrEmpty]
    public string ProviderClusterId { get; set; } = "";

    /// <summary>The nonce the provider generated (liqoctl create nonce prints it).</summary>
    [Parameter(Mandatory = true, ParameterSetName = NonceSet)]
    [ValidateNotNullOrEmpty]
    public string Nonce { get; set; } = "";

    /// <summary>The consumer's tenant namespace on the provider (liqoctl --remote-tenant-namespace); default liqo-tenant-&lt;this cluster's ID&gt;.</summary>
    [Parameter(ParameterSetName = NonceSet)]
    [ValidateNotNullOrEmpty]
    public string? ProviderTenantNamespace { get; set; }

    /// <summary>An explicit proxy URL for the Tenant (in-band peering).</summary>
    [Parameter] public string? ProxyUrl { get; set; }

    [Parameter] public string? OutFile { get; set; }

    [Parameter] public SwitchParameter Force { get; set; }

    [Parameter]
    [DurationTransformation]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(2);

    protected override void ProcessRecord()
    {
        var source = LocalSource();
        var byValue = ParameterSetName == NonceSet;
        var (text, from) = byValue ? ("", "") : ReadMaterial(Path, InputObject);
        var (providerId, nonce, providerNs, proxyUrl, timeout) = (ProviderClusterId, Nonce, ProviderTenantNamespace, ProxyUrl, Timeout);
        var (json, planned) = RunEngine(async (log, ct) =>
        {
            using var consumer = ClusterConnection.Open(source);
            var op = new Operation(log, timeout, ct);
            var material = byValue
                ? await AuthenticationExchange.CreateTenantAsync(op, consumer, providerId, nonce, providerNs, proxyUrl).ConfigureAwait(false)
                : await AuthenticationExchange.CreateTenantAsync(op, consumer, EngineMaterial.Parse(text, from), proxyUrl).ConfigureAwait(false);
            return (material.ToJson(), op.PlanOnly);
        });
        WriteObject(Publish(json, planned, OutFile, Force));
    }
}

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

/// <summary>
/// On the provider (liqoctl generate identity): the ControlPlane Identity for the consumer, from the status of the
/// Tenant the provider accepted: the LiqoIdentity for the consumer (Import-LiqoIdentity). Writes nothing on the cluster.
/// </summary>
[Cmdlet(VerbsData.Export, "LiqoIdentity", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
[OutputType(typeof(Liqo.PeeringMaterial))]
public sealed class ExportLiqoIdentityCommand : MaterialCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("RemoteClusterId")]
    [ValidateNotNullOrEmpty]
    public string ConsumerClusterId { get; set; } = "";

    [Parameter] public string? OutFile { get; set; }

    [Parameter] public SwitchParameter Force { get; set; }

    protected override void ProcessRecord()
    {
        var source = LocalSource();
        var consumerId = ConsumerClusterId;
        var (json, planned) = RunEngine(async (log, ct) =>
        {
            using var provider = ClusterConnection.Open(source);
            var op = new Operation(log, TimeSpan.FromMinutes(1), ct);
            var material = await AuthenticationExchange.ExportIdentityAsync(op, provider, consumerId).ConfigureAwait(false);
            return (material.ToJson(), op.PlanOnly);
        });
        WriteObject(Publish(json, planned, OutFile, Force));
    }
}

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
