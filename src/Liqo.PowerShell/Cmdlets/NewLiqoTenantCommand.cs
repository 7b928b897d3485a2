using System.Management.Automation;
using Liqo.Engine.Authentication;

namespace Liqo.PowerShell.Cmdlets;

/// <summary>
/// On the consumer (liqoctl generate tenant): signs the provider's nonce (the signed-nonce Secret) and makes the Tenant
/// from this cluster's keys: the LiqoTenant for the provider (Import-LiqoTenant). The nonce comes as the provider's
/// LiqoNonce file (-Path) or object (pipeline), or as -ProviderClusterId and -Nonce.
/// </summary>
[Cmdlet(VerbsCommon.New, "LiqoTenant", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = PathSet)]
[OutputType(typeof(Liqo.PeeringMaterial))]
public sealed class NewLiqoTenantCommand : MaterialOutputCmdlet
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

    protected override void ProcessRecord()
    {
        var (providerId, nonce, providerNs, proxyUrl) = (ProviderClusterId, Nonce, ProviderTenantNamespace, ProxyUrl);
        if (ParameterSetName == NonceSet)
            Produce((op, consumer) => AuthenticationExchange.CreateTenantAsync(op, consumer, providerId, nonce, providerNs, proxyUrl));
        else
            Reply(Path, InputObject, Timeout, (op, consumer, material) => AuthenticationExchange.CreateTenantAsync(op, consumer, material, proxyUrl), OutFile, Force);
    }
}
