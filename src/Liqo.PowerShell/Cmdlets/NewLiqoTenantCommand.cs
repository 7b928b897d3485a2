using System.Management.Automation;
using Liqo.Engine;
using Liqo.Engine.Authentication;
using Liqo.Engine.ClusterAccess;
using EngineMaterial = Liqo.Engine.Exchange.PeeringMaterial;

namespace Liqo.PowerShell.Cmdlets;

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
